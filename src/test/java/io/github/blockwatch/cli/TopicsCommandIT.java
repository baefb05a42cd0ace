package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.Topic;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockwatch topics} on an embedded broker where one topic was made beforehand with the wrong
 * cleanup policy, as an operator might: create, create again, describe.
 */
class TopicsCommandIT {
    private static final Topic<?, ?> WRONG = Topics.BLOCKED_RANGES;

    @TempDir
    static Path work;

    private static EmbeddedBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBrokerWithOneWrongTopic() throws Exception {
        broker = EmbeddedBroker.start(work.resolve("broker"), 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(WRONG.name(), Optional.of(1), Optional.empty())
                .configs(Map.of("cleanup.policy", "delete")))).all().get();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldCreateTheMissingTopicsThenReportTheyExistThenFlagTheWrongOne() throws Exception {
        CliRun create = topics("--create", "--partitions", "2", "--replication-factor", "1", "--min-insync-replicas", "1");

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.err()).isEmpty();
        assertThat(create.outLines()).hasSize(Topics.ALL.size() + 1).startsWith(Topics.ALL.stream()
                .map(t -> t.name() + ": " + (t == WRONG ? "exists" : "created")).toArray(String[]::new));
        assertThat(create.outLines()).last().isEqualTo("created with 2 partitions, replication factor 1, min.insync.replicas 1");
        for (Topic<?, ?> topic : Topics.ALL) {
            if (topic == WRONG) {
                continue;
            }
            Map<String, String> configs = configs(topic.name());
            assertThat(configs).as(topic.name()).containsAllEntriesOf(topic.configs()).containsEntry("min.insync.replicas", "1");
            assertThat(admin.describeTopics(List.of(topic.name())).allTopicNames().get().get(topic.name()).partitions())
                    .hasSize(2);
        }
        assertThat(configs(Topics.REGISTRY_EVENTS.name())).containsEntry("retention.ms", "-1")
                .containsEntry("message.timestamp.type", "LogAppendTime").containsEntry("max.message.bytes", "16777216");
        assertThat(configs(Topics.REGISTRY_ENTRIES.name())).containsEntry("cleanup.policy", "compact");

        CliRun again = topics("--create");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.outLines()).containsExactlyElementsOf(Topics.ALL.stream().map(t -> t.name() + ": exists").toList());

        CliRun describe = topics("--describe", "--partitions", "2", "--min-insync-replicas", "1");

        assertThat(describe.exitCode()).as(describe.err()).isEqualTo(TopicsCommand.DIFFERS);
        assertThat(describe.err()).isEmpty();
        assertThat(describe.outLines()).hasSize(Topics.ALL.size() + 1);
        assertThat(describe.outLines()).filteredOn(line -> line.startsWith("! ")).singleElement().asString()
                .matches("! " + WRONG.name() + " +partitions +1 +replication +1 +cleanup.policy=delete .*")
                .contains("differs: partitions 1 (expected 2), cleanup.policy=delete (expected compact)");
        assertThat(describe.outLines()).anySatisfy(line -> assertThat(line.replaceAll(" +", " ")).isEqualTo(
                " " + Topics.REGISTRY_EVENTS.name() + " partitions 2 replication 1"
                + " cleanup.policy=delete retention.ms=-1 max.message.bytes=16777216"
                + " message.timestamp.type=LogAppendTime min.insync.replicas=1"));
        // In columns: every topic's counts and configs start where the others' do.
        List<String> topicLines = describe.outLines().subList(0, Topics.ALL.size());
        assertThat(topicLines).extracting(line -> line.indexOf("partitions")).containsOnly(topicLines.get(0).indexOf("partitions"));
        assertThat(topicLines).extracting(line -> line.indexOf("max.message.bytes")).containsOnly(topicLines.get(0).indexOf("max.message.bytes"));
        assertThat(describe.outLines()).last().isEqualTo("1 of " + Topics.ALL.size() + " topics differ from what blockwatch expects");
    }

    private static CliRun topics(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "topics";
        all[1] = "--bootstrap";
        all[2] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    private static Map<String, String> configs(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        return config.entries().stream().filter(e -> e.value() != null)
                .collect(Collectors.toMap(e -> e.name(), e -> e.value()));
    }
}
