package io.github.intunerecsys.cli;

/** A mistake on the command line: unknown option, missing value, value out of range. Exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
