package io.github.intunerecsys.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service started as a child process ({@code java [JVM args] -jar JAR --server.port=P [service args]}),
 * its output in a log file, stopped with SIGTERM (graceful shutdown) and killed if it has not gone in 30 s.
 */
final class ChildService implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread killer;

    private ChildService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        // an interrupted command (Ctrl-C) must not leave the service running
        this.killer = new Thread(process::destroyForcibly, "bench-soak-child-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    static ChildService start(Path jar, List<String> jvmArgs, List<String> serviceArgs, Path log) throws IOException {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("--server.port=" + port);
        cmd.add("--server.address=127.0.0.1");
        cmd.addAll(serviceArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildService(p, port, log);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
