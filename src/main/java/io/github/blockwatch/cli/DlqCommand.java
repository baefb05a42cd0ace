package io.github.blockwatch.cli;

import io.github.blockwatch.app.DeadLetterText;
import io.github.blockwatch.kafka.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blockwatch dlq}: prints the rows ingest rejected, from {@code blockwatch.dlq}. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        header = "Print rejected rows (the dead letters of blockwatch.dlq)",
        description = {"Prints the registry rows that ingest could not use, from blockwatch.dlq (committed ones only, read_committed): source:line, the reason, and the start of the raw row (--format json: one object a line with the raw row as kept, up to 64 KiB). Like 'alerts': from the end unless --from-beginning; exits at the end unless --follow."})
final class DlqCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicReadOptions read;

    @Option(names = "--source", paramLabel = "S", description = "Only the rows of this source (a dump's file name or URL, as ingest printed it)")
    String source;

    @Override
    public Integer call() {
        TopicPrinter.print(kafka.settings(), Topics.DLQ, read,
                letter -> source == null || source.equals(letter.getSource()),
                DeadLetterText::format, DeadLetterText::toJson, spec.commandLine().getOut());
        return 0;
    }
}
