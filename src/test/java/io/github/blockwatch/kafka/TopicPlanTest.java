package io.github.blockwatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicPlanTest {

    @Test
    void shouldChooseThreeReplicasAndTwoInSyncOnAClusterOfThreeOrMore() {
        assertThat(TopicPlan.of(6).forCluster(3)).isEqualTo(new TopicPlan(6, Optional.of((short) 3), Optional.of(2)));
        assertThat(TopicPlan.of(6).forCluster(5)).isEqualTo(new TopicPlan(6, Optional.of((short) 3), Optional.of(2)));
    }

    @Test
    void shouldReplicateToEveryBrokerOfASmallerClusterWithOneInSync() {
        assertThat(TopicPlan.of(1).forCluster(1)).isEqualTo(new TopicPlan(1, Optional.of((short) 1), Optional.of(1)));
        assertThat(TopicPlan.of(2).forCluster(2)).isEqualTo(new TopicPlan(2, Optional.of((short) 2), Optional.of(1)));
    }

    @Test
    void shouldKeepWhatWasAskedFor() {
        TopicPlan asked = new TopicPlan(4, Optional.of((short) 2), Optional.empty());
        assertThat(asked.forCluster(3)).isEqualTo(new TopicPlan(4, Optional.of((short) 2), Optional.of(1)));
        TopicPlan full = new TopicPlan(4, Optional.of((short) 3), Optional.of(3));
        assertThat(full.forCluster(5)).isEqualTo(full);
    }

    @Test
    void shouldRefuseMoreInSyncReplicasThanTheReplicasChosen() {
        TopicPlan twoInSync = new TopicPlan(1, Optional.empty(), Optional.of(2));
        assertThatThrownBy(() -> twoInSync.forCluster(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min.insync.replicas 2 is more than the replication factor 1");
    }

    @Test
    void shouldDescribeTheLayoutInOneLine() {
        assertThat(TopicPlan.of(6).forCluster(3).describe()).isEqualTo("6 partitions, replication factor 3, min.insync.replicas 2");
        assertThat(TopicPlan.of(1).describe()).isEqualTo("1 partition, replication factor chosen per cluster, min.insync.replicas chosen per cluster");
    }
}
