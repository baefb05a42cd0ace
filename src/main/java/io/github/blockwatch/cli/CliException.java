package io.github.blockwatch.cli;

/** A verb that cannot go on; its message is printed as is. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
