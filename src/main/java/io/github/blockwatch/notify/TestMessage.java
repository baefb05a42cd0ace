package io.github.blockwatch.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** {@code notify --test CHANNEL}: one test message through the channel, retried as alerts are. */
public final class TestMessage {
    private TestMessage() {}

    /** @throws NotifyConfigException when the config has no such channel */
    public static Deliverer.Outcome send(NotifyConfig config, String channelName) throws InterruptedException {
        if (!config.channels().containsKey(channelName)) {
            throw new NotifyConfigException(config.source() + ": no channel '" + channelName + "' (channels: "
                    + String.join(", ", config.channels().keySet()) + ")");
        }
        Map<String, Channel> channels = Channels.open(config);
        Channel channel = channels.get(channelName);
        try {
            Message message = Message.test("test-" + UUID.randomUUID(), "blockwatch notify: test message to channel "
                    + channelName + " (" + channel.spec().type() + ") at " + Instant.now());
            Deliverer deliverer = new Deliverer(config.retry(), d -> Thread.sleep(d.toMillis()), Deliverer.Counts.NONE,
                    new Random());
            return deliverer.deliver(channel, message);
        } finally {
            channels.values().forEach(Channel::close);
        }
    }
}
