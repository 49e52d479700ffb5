package io.github.intunerecsys.cli;

import java.io.PrintStream;
import java.util.List;

/** One command of the jar ({@code java -jar intune-recsys.jar NAME ...}). Runs without the web server. */
interface Command {

    String name();

    /** One line for the command list. */
    String summary();

    /** The full {@code --help} text. */
    String usage();

    /**
     * Runs the command. Returns the exit code. Throws {@link UsageException} for a command-line mistake and
     * {@link io.github.intunerecsys.catalog.DataFormatException} for a data error; both become one-line
     * messages.
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
