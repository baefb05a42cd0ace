package io.github.blockwatch.cli;

import io.github.blockwatch.alerts.AlertText;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.alerts.AlertJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code blockwatch alerts}: prints committed alerts from {@code blockwatch.alerts}. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        header = "Print committed alerts (text or JSON)",
        description = {"Prints alerts from blockwatch.alerts (committed ones only, read_committed). Like kafka-console-consumer: from the end unless --from-beginning; exits at the end unless --follow."})
final class AlertsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    TopicReadOptions read;

    @Override
    public Integer call() {
        TopicPrinter.print(kafka.settings(), Topics.ALERTS, read, alert -> true, AlertText::format, AlertJson::toJson,
                spec.commandLine().getOut());
        return 0;
    }
}
