package io.github.blockwatch.cli;

import io.github.blockwatch.app.AlertText;
import io.github.blockwatch.app.TopicFollower;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.topology.AlertJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blockwatch alerts}: prints committed alerts from {@code blockwatch.alerts}. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        header = "Print committed alerts (text or JSON)",
        description = {"Prints alerts from blockwatch.alerts (committed ones only, read_committed). Like kafka-console-consumer: from the end unless --from-beginning; exits at the end unless --follow."})
final class AlertsCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from-beginning", description = "Start with the oldest alert")
    boolean fromBeginning;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new alerts until Ctrl-C")
    boolean follow;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one object a line) (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() throws Exception {
        ClientSettings settings = kafka.settings();
        try (TopicAdmin admin = TopicAdmin.connect(settings)) {
            admin.requireBroker();
            admin.createMissing(java.util.List.of(Topics.ALERTS), 1);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (TopicFollower<String, RangeAlert> alerts = new TopicFollower<>(settings, Topics.ALERTS, fromBeginning)) {
            java.util.function.BiConsumer<String, RangeAlert> print = (id, alert) -> {
                out.println(format == Format.json ? AlertJson.toJson(alert) : AlertText.format(alert));
                out.flush();
            };
            if (follow) {
                Runtime.getRuntime().addShutdownHook(new Thread(alerts::stop));
                alerts.follow(print);
            } else {
                alerts.readToEnd(print);
            }
        }
        return 0;
    }
}
