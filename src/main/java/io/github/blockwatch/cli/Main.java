package io.github.blockwatch.cli;

/** Entry point of {@code blockwatch.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(BlockwatchCommand.commandLine().execute(args));
    }
}
