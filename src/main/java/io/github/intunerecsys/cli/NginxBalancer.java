package io.github.intunerecsys.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compose profile's load balancer ({@code docker/nginx.conf}) rewritten for replicas on this host: Docker's DNS
 * name becomes an {@code upstream} block of {@code 127.0.0.1} ports, everything else (proxy headers, timeouts,
 * {@code proxy_next_upstream} failover) stays as the file has it. The access log records, per request, when it
 * ended, its status and time, and every replica tried with its status, for {@link ReplicaAnalysis.Access}.
 */
final class NginxBalancer {

    /** Access log format read by {@link ReplicaAnalysis.Access#parse}. */
    static final String LOG_FORMAT = "$msec $status $request_time \"$upstream_addr\" \"$upstream_status\"";

    private NginxBalancer() {
    }

    /**
     * @param base      the text of {@code docker/nginx.conf}
     * @param prefix    nginx's prefix directory (pid file, temp files)
     * @param listen    port nginx listens on, on 127.0.0.1
     * @param ports     the replicas' ports
     * @param balance   {@code least_conn} or {@code round-robin}
     * @param keepalive idle connections kept open to the replicas per worker (0: a new connection per request, as
     *                  the Docker file does)
     * @throws IllegalArgumentException when the base no longer has a directive this rewrite expects
     */
    static String localConfig(String base, Path prefix, int listen, List<Integer> ports, String balance,
            int keepalive, Path accessLog) {
        if (!balance.equals("least_conn") && !balance.equals("round-robin")) {
            throw new UsageException("bench-replicas: --balance is least_conn or round-robin, got '" + balance + "'");
        }
        StringBuilder upstream = new StringBuilder("    upstream intune {\n");
        if (balance.equals("least_conn")) {
            upstream.append("        least_conn;\n");
        }
        for (int port : ports) {
            upstream.append("        server 127.0.0.1:").append(port).append(";\n");
        }
        if (keepalive > 0) {
            upstream.append("        keepalive ").append(keepalive).append(";\n");
        }
        upstream.append("    }\n\n");
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            upstream.append("    ").append(temp).append("_temp_path ").append(prefix.resolve(temp + "_temp"))
                    .append(";\n");
        }
        upstream.append('\n');

        String conf = base;
        conf = replace(conf, "(?m)^pid\\s+[^;]+;", "pid " + prefix.resolve("nginx.pid") + ";");
        conf = replace(conf, "(?m)^[ \\t]*resolver\\s[^;]*;[ \\t]*\\n", "");
        conf = replace(conf, "(?m)^[ \\t]*set \\$backend\\s[^;]*;[ \\t]*\\n", "");
        conf = replace(conf, "proxy_pass \\$backend;", "proxy_pass http://intune;");
        conf = replace(conf, "listen 80;", "listen 127.0.0.1:" + listen + ";");
        conf = replace(conf, "access_log /dev/stdout;", "log_format replicas '" + LOG_FORMAT + "';\n    access_log " + accessLog
                + " replicas buffer=64k flush=1s;");
        conf = replace(conf, "(?m)^(?=[ \\t]*server \\{)", upstream.toString());
        return conf;
    }

    /** Replaces the first match; the base must have it. */
    private static String replace(String text, String regex, String replacement) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("bench-replicas: the nginx base config has no match for /" + regex
                    + "/; update NginxBalancer to the new file");
        }
        return m.replaceFirst(Matcher.quoteReplacement(replacement));
    }
}
