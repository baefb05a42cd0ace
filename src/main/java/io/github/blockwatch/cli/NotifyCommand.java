package io.github.blockwatch.cli;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.notify.Channel;
import io.github.blockwatch.notify.ChannelSpec;
import io.github.blockwatch.notify.Deliverer;
import io.github.blockwatch.notify.Message;
import io.github.blockwatch.notify.NotifyConfig;
import io.github.blockwatch.notify.NotifyConfigException;
import io.github.blockwatch.notify.NotifyConfigReader;
import io.github.blockwatch.notify.NotifyEvents;
import io.github.blockwatch.notify.Notifier;
import io.github.blockwatch.notify.Route;
import io.github.blockwatch.notify.TestMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blockwatch notify}: delivers alerts to webhooks, Slack, Telegram and e-mail. */
@Command(name = "notify", mixinStandardHelpOptions = true,
        header = "Deliver alerts to webhooks, Slack, Telegram and e-mail",
        description = {"Reads committed alerts from blockwatch.alerts in a consumer group and sends each to the channels "
                + "its routes in the YAML config select: one message per dump and channel, at least once (offsets are "
                + "committed after the channel accepted), retried with backoff; what fails for good goes to "
                + "blockwatch.notify.dlq. A new group starts at the newest alert unless --from-beginning."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped (Ctrl-C); the config is fine (--check); the test message was delivered (--test)",
            "1:an error (one line on stderr), or the test message was not delivered",
            "2:the config is wrong (one line naming the file and the key), or an invalid command line"})
final class NotifyCommand implements Callable<Integer> {
    static final int BAD_CONFIG = 2;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "notify.yaml", required = true,
            description = "Channels and routes (YAML); secret files are found next to it")
    Path config;

    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: the Kafka config's bootstrap.servers, else "
                    + ClientSettings.DEFAULT_BOOTSTRAP + ")")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (standard keys: security.protocol, sasl.*, ssl.*, ...)")
    Path kafkaConfig;

    @Option(names = "--group", paramLabel = "ID", description = "Consumer group (default: the config's group-id, else "
            + NotifyConfig.DEFAULT_GROUP_ID + ")")
    String group;

    @Option(names = "--from-beginning", description = "A group with no committed offsets starts at the oldest alert")
    boolean fromBeginning;

    @Option(names = "--test", paramLabel = "CHANNEL", description = "Send one test message to CHANNEL and exit")
    String testChannel;

    @Option(names = "--check", description = "Check the config (and that every secret can be read), print it, and exit")
    boolean check;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8090",
            description = "Port of the notifier's /metrics; 0 = any free port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--http-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Interface /metrics listens on (default: ${DEFAULT-VALUE})")
    String httpBind;

    @Option(names = "--no-http", description = "Serve no /metrics")
    boolean noHttp;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        NotifyConfig notify;
        try {
            notify = NotifyConfigReader.read(config);
            if (group != null) {
                notify = notify.withGroupId(group);
            }
            if (check) {
                printConfig(notify, out);
                return 0;
            }
            if (testChannel != null) {
                return test(notify, out);
            }
        } catch (NotifyConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("blockwatch notify: error: " + e.getMessage());
            err.flush();
            return BAD_CONFIG;
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new CliException("--http-port: not a port: " + httpPort);
        }
        ShutdownSignal shutdown = new ShutdownSignal();
        try {
            return run(notify, shutdown, out);
        } finally {
            shutdown.done();
        }
    }

    private int test(NotifyConfig notify, PrintWriter out) throws InterruptedException {
        Deliverer.Outcome outcome = TestMessage.send(notify, testChannel);
        ChannelSpec channel = notify.channels().get(testChannel);
        if (!outcome.delivered()) {
            throw new CliException("test message to " + testChannel + " (" + channel.type() + ") not delivered after "
                    + tries(outcome.attempts()) + ": " + outcome.reason());
        }
        out.println("test message delivered to " + testChannel + " (" + channel.type() + ", " + channel.target() + ") in "
                + tries(outcome.attempts()));
        return 0;
    }

    private int run(NotifyConfig notify, ShutdownSignal shutdown, PrintWriter out) throws Exception {
        ClientSettings settings;
        try {
            settings = ClientSettings.load(bootstrap, kafkaConfig);
        } catch (IOException e) {
            throw new CliException(e.getMessage());
        }
        Notifier.MetricsEndpoint endpoint = noHttp ? null : new Notifier.MetricsEndpoint(httpBind, httpPort);
        try (Notifier notifier = Notifier.start(settings, notify, fromBeginning, endpoint, new Printer(out))) {
            out.printf(Locale.ROOT, "blockwatch notify: group %s reading blockwatch.alerts at %s; channels %s%s; Ctrl-C to stop%n",
                    notifier.groupId(), settings.bootstrap(), String.join(", ", notify.channels().keySet()),
                    notifier.metricsPort() < 0 ? "" : "; metrics at http://" + httpBind + ":" + notifier.metricsPort() + "/metrics");
            Thread watcher = new Thread(() -> {
                try {
                    notifier.awaitStop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                shutdown.request();
            }, "blockwatch-notify-watch");
            watcher.setDaemon(true);
            watcher.start();
            shutdown.await();
            if (notifier.failure() != null) {
                throw new CliException("notify stopped: " + OneLineErrors.message(notifier.failure()));
            }
            return 0;
        }
    }

    static void printConfig(NotifyConfig notify, PrintWriter out) {
        out.println(notify.source() + ": " + notify.channels().size() + " channel(s), " + notify.routes().size()
                + " route(s), group " + notify.groupId() + ", digest hold " + notify.digest().hold().toSeconds()
                + " s, " + notify.retry().attempts() + " tries per message");
        notify.channels().values().forEach(c -> out.println("  channel " + c.name() + ": " + c.type() + " " + c.target()));
        List<Route> routes = notify.routes();
        for (int i = 0; i < routes.size(); i++) {
            out.println("  route " + (i + 1) + ": " + describe(routes.get(i)));
        }
    }

    private static String describe(Route route) {
        StringBuilder text = new StringBuilder();
        text.append(route.types().isEmpty() ? "any type" : String.join(", ", route.types().stream().sorted().toList()));
        text.append("; ").append(route.minSeverity()).append(" and up");
        if (!route.owners().isEmpty() || !route.asns().isEmpty()) {
            text.append("; owners ").append(String.join(", ", route.owners().stream().sorted().toList()))
                    .append(route.asns().stream().sorted().map(a -> " AS" + a).collect(Collectors.joining(",")));
        }
        if (!route.decisions().isEmpty()) {
            text.append("; decisions ").append(String.join(", ", route.decisions().stream().sorted().toList()));
        }
        if (!route.watchlists().isEmpty()) {
            text.append("; watchlists ").append(String.join(", ", route.watchlists().stream().sorted().toList()));
        }
        return text.append(" -> ").append(String.join(", ", route.channels())).toString();
    }

    private static String tries(int n) {
        return n + (n == 1 ? " try" : " tries");
    }

    /** One line per event: {@code SENT channel key ...} / {@code DLQ channel key ...: reason}. */
    private static final class Printer implements NotifyEvents {
        private final PrintWriter out;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void listening(Collection<TopicPartition> partitions) {
            out.println("listening on " + partitions.stream().map(TopicPartition::toString).sorted()
                    .collect(Collectors.joining(", ")));
        }

        @Override
        public void delivered(Channel channel, Message message, Deliverer.Outcome outcome) {
            out.println("SENT " + channel.name() + " " + message.key() + " " + alerts(message) + " (" + tries(outcome.attempts()) + ")");
        }

        @Override
        public void deadLettered(Channel channel, Message message, Deliverer.Outcome outcome) {
            out.println("DLQ  " + channel.name() + " " + message.key() + " " + alerts(message) + " (" + tries(outcome.attempts())
                    + "): " + outcome.reason());
        }

        @Override
        public void undecodable(String key, long offset, String reason) {
            out.println("DLQ  - " + key + " at offset " + offset + ": " + reason);
        }

        private static String alerts(Message message) {
            int n = message.alerts().size();
            return n + (n == 1 ? " alert" : " alerts");
        }
    }
}
