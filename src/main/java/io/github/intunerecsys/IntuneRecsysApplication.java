package io.github.intunerecsys;

import io.github.intunerecsys.cli.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * {@code java -jar intune-recsys.jar} starts the service; {@code java -jar intune-recsys.jar COMMAND ...} runs
 * a command-line tool without a web server (see {@code --help}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntuneRecsysApplication {

    public static void main(String[] args) {
        if (CommandLine.isCommand(args) || (args.length > 0 && args[0].equals("--help"))) {
            System.exit(CommandLine.run(args, System.out, System.err));
        }
        SpringApplication.run(IntuneRecsysApplication.class, args);
    }
}
