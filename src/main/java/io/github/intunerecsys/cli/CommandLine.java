package io.github.intunerecsys.cli;

import io.github.intunerecsys.catalog.DataFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Dispatches {@code java -jar intune-recsys.jar COMMAND ...} to a {@link Command}. Without a command the
 * service starts (that is decided in the application's {@code main}). User mistakes end in one line on
 * stderr and a non-zero exit code, never a stack trace.
 */
public final class CommandLine {

    /** Every command, in the order {@code --help} lists them. */
    static List<Command> commands() {
        return List.of(
                new DatasetInfoCommand(),
                new GenerateCommand(),
                new FetchDatasetCommand(),
                new EvaluateCommand(),
                new TuneCommand(),
                new BenchLoadCommand(),
                new BenchTrainCommand(),
                new BenchContentCommand(),
                new BenchScaleCommand(),
                new BenchFeedbackCommand(),
                new PretrainTunerCommand(),
                new BenchTunerCommand(),
                new BenchOfflineCommand(),
                new BenchSoakCommand(),
                new BenchReplicasCommand());
    }

    private CommandLine() {
    }

    /** The command named by the first argument, if it names one. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && (find(args[0]).isPresent() || args[0].equals("help"));
    }

    private static Optional<Command> find(String name) {
        return commands().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Runs the command in {@code args[0]} and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.println(overview());
            return 0;
        }
        Optional<Command> command = find(args[0]);
        if (command.isEmpty()) {
            err.println("intune-recsys: unknown command '" + args[0] + "'\n" + overview());
            return 2;
        }
        Command c = command.get();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(c.usage());
            return 0;
        }
        try {
            return c.run(rest, out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (DataFormatException e) {
            err.println(c.name() + ": " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println(c.name() + ": no such file: " + e.getFile());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println(c.name() + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(c.name() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(c.name() + ": failed: " + e);
            return 1;
        }
    }

    static String overview() {
        StringBuilder sb = new StringBuilder("""
                Usage: java -jar target/intune-recsys.jar [COMMAND] [OPTIONS]

                Without a command the recommendation service starts (see README.md).
                Commands:
                """);
        for (Command c : commands()) {
            sb.append(String.format("  %-16s %s%n", c.name(), c.summary()));
        }
        sb.append("\nRun a command with --help for its options.");
        return sb.toString();
    }
}
