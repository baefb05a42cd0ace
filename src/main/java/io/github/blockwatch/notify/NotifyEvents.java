package io.github.blockwatch.notify;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/** What a running notifier reports, for the command line to print. Called on the notifier's thread. */
public interface NotifyEvents {
    /** The group gave this notifier these partitions, positions resolved: alerts committed from now on reach it. */
    void listening(Collection<TopicPartition> partitions);

    void delivered(Channel channel, Message message, Deliverer.Outcome outcome);

    /** Failed for good: its alerts are in {@code blockwatch.notify.dlq}. */
    void deadLettered(Channel channel, Message message, Deliverer.Outcome outcome);

    /** A record of {@code blockwatch.alerts} that is not an alert this build can read; its dead letter is written. */
    void undecodable(String key, long offset, String reason);
}
