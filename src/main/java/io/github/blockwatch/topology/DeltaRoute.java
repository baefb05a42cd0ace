package io.github.blockwatch.topology;

/**
 * How each registry event's {@code AddressDelta} reaches the address table, which needs every range in one
 * place. The events topic is keyed by entry and may have many partitions; then the deltas go through the
 * one-partition repartition topic {@code <application.id>-address-deltas-repartition}. With one events
 * partition they are in one place already, and that hop would only cost a record, a serialization and a
 * round trip through the broker per event (issue 18), so the table takes them straight from the entry step.
 */
public enum DeltaRoute {
    /** Entry step and table in one task: for an events topic of one partition. */
    DIRECT,
    /** Through the one-partition repartition topic: for several events partitions, or to drain what an earlier run left there. */
    REPARTITIONED;

    /** Name of the repartition topic, without the {@code <application.id>-} prefix and {@code -repartition} suffix. */
    static final String REPARTITION_NAME = "address-deltas";

    /** The repartition topic's full name for an application id (Kafka Streams' naming). */
    public static String repartitionTopic(String applicationId) {
        return applicationId + "-" + REPARTITION_NAME + "-repartition";
    }

    /**
     * @param eventPartitions partitions of {@code blockwatch.registry.events}
     * @param deltasLeftOver  whether the repartition topic still holds deltas the table has not applied
     *                        (written by a run whose events topic had several partitions, or by a release before 0.4)
     */
    public static DeltaRoute of(int eventPartitions, boolean deltasLeftOver) {
        return eventPartitions == 1 && !deltasLeftOver ? DIRECT : REPARTITIONED;
    }
}
