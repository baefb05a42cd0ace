package io.github.blockwatch.cli;

import io.github.blockwatch.app.DeadLetterText;
import io.github.blockwatch.app.TopicFollower;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blockwatch dlq}: prints the rows ingest rejected, from {@code blockwatch.dlq}. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        header = "Print rejected rows (the dead letters of blockwatch.dlq)",
        description = {"Prints the registry rows that ingest could not use, from blockwatch.dlq (committed ones only, read_committed): source:line, the reason, and the start of the raw row (--format json: one object a line with the raw row as kept, up to 64 KiB). Like 'alerts': from the end unless --from-beginning; exits at the end unless --follow."})
final class DlqCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from-beginning", description = "Start with the oldest dead letter")
    boolean fromBeginning;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new dead letters until Ctrl-C")
    boolean follow;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one object a line) (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--source", paramLabel = "S", description = "Only the rows of this source (a dump's file name or URL, as ingest printed it)")
    String source;

    @Override
    public Integer call() throws Exception {
        ClientSettings settings = kafka.settings();
        try (TopicAdmin admin = TopicAdmin.connect(settings)) {
            admin.requireBroker();
            admin.createMissing(List.of(Topics.DLQ), 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (TopicFollower<String, DeadLetter> letters = new TopicFollower<>(settings, Topics.DLQ, fromBeginning)) {
            BiConsumer<String, DeadLetter> print = (key, letter) -> {
                if (source == null || source.equals(letter.getSource())) {
                    out.println(format == Format.json ? DeadLetterText.toJson(letter) : DeadLetterText.format(letter));
                    out.flush();
                }
            };
            if (follow) {
                Runtime.getRuntime().addShutdownHook(new Thread(letters::stop));
                letters.follow(print);
            } else {
                letters.readToEnd(print);
            }
        }
        return 0;
    }
}
