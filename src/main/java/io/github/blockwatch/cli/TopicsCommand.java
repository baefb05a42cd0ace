package io.github.blockwatch.cli;

import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.TopicPlan;
import io.github.blockwatch.kafka.TopicState;
import io.github.blockwatch.kafka.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blockwatch topics}: creates blockwatch's topics with production settings, or checks them. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        header = "Create blockwatch's topics with production settings, or check them",
        description = {"--create creates every blockwatch topic that is missing, with blockwatch's topic configs (cleanup.policy, retention.ms=-1 for logs, max.message.bytes 16 MiB, LogAppendTime) and the layout given here; existing topics are left as they are. --describe prints each topic's partitions, replication factor and those configs, flagging what differs from what blockwatch expects."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0   done; with --describe: every topic exists as expected",
            "1   error (one line on stderr)",
            "3   --describe: some topic is missing or differs (marked '!')"})
final class TopicsCommand implements Callable<Integer> {
    static final int DIFFERS = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--create", required = true, description = "Create the missing topics")
        boolean create;

        @Option(names = "--describe", required = true, description = "Print the topics and flag what differs")
        boolean describe;
    }

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of each topic (--create default: 1; --describe checks it only when given)")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "R",
            description = "Replicas of each partition (--create default: 3, or the number of brokers when fewer; --describe checks it only when given)")
    Short replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "M",
            description = "min.insync.replicas of each topic (--create default: 2 with 3 or more replicas, else 1; --describe checks it only when given)")
    Integer minInsyncReplicas;

    @Override
    public Integer call() {
        TopicPlan plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        try (TopicAdmin admin = TopicAdmin.connect(kafka.settings())) {
            admin.requireBroker();
            if (action.create) {
                Set<String> created = admin.create(Topics.ALL, plan);
                for (var topic : Topics.ALL) {
                    out.println(topic.name() + ": " + (created.contains(topic.name()) ? "created" : "exists"));
                }
                if (!created.isEmpty()) {
                    out.println("created with " + admin.resolve(plan).describe());
                }
                return 0;
            }
            List<TopicState> states = admin.describe(Topics.ALL, plan, partitions != null);
            format(states).forEach(out::println);
            long differing = states.stream().filter(s -> !s.matches()).count();
            if (differing > 0) {
                out.println(differing + " of " + states.size() + " topics differ from what blockwatch expects");
                return DIFFERS;
            }
            return 0;
        }
    }

    private TopicPlan plan() {
        try {
            return new TopicPlan(partitions == null ? 1 : partitions, Optional.ofNullable(replicationFactor),
                    Optional.ofNullable(minInsyncReplicas));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /**
     * One line per topic, {@code name  partitions P  replication R  key=value ...}, or {@code ! name ...
     * differs: ...} for one that differs from the plan, in columns: the name, the counts and each config
     * padded to the widest of its column.
     */
    static List<String> format(List<TopicState> states) {
        int nameWidth = states.stream().mapToInt(state -> state.name().length()).max().orElse(1);
        Map<String, Integer> configWidths = new java.util.HashMap<>();
        for (TopicState state : states) {
            state.configs().forEach((key, value) -> configWidths.merge(key, key.length() + 1 + String.valueOf(value).length(), Math::max));
        }
        return states.stream().map(state -> format(state, nameWidth, configWidths)).toList();
    }

    private static String format(TopicState state, int nameWidth, Map<String, Integer> configWidths) {
        String name = String.format(Locale.ROOT, "%-" + nameWidth + "s", state.name());
        if (!state.exists()) {
            return "! " + name + "  missing";
        }
        String configs = state.configs().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%-" + configWidths.get(e.getKey()) + "s", e.getKey() + "=" + e.getValue()))
                .collect(Collectors.joining("  "));
        String line = String.format(Locale.ROOT, "%s  partitions %3d  replication %3d  %s", name, state.partitions(),
                state.replicationFactor(), configs);
        return state.differences().isEmpty() ? "  " + line.stripTrailing()
                : "! " + line + "  differs: " + String.join(", ", state.differences());
    }
}
