package io.github.blockwatch.cli;

import picocli.CommandLine.Option;

/** {@code --from-beginning}, {@code --follow} and {@code --format}, shared by the verbs that print a topic. */
final class TopicReadOptions {
    enum Format { text, json }

    @Option(names = "--from-beginning", description = "Start with the oldest record")
    boolean fromBeginning;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new records until Ctrl-C")
    boolean follow;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one object a line) (default: ${DEFAULT-VALUE})")
    Format format;
}
