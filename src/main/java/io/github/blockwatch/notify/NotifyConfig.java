package io.github.blockwatch.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code notify.yaml} says: the channels, the routes to them, and how messages are grouped and retried.
 *
 * @param source       the config file, for messages
 * @param groupId      the consumer group on {@code blockwatch.alerts}
 * @param dashboardUrl the dashboard's base URL for lookup links, or null for none
 */
public record NotifyConfig(String source, String groupId, String dashboardUrl, DigestSettings digest,
                           RetryPolicy retry, Map<String, ChannelSpec> channels, List<Route> routes) {

    public static final String DEFAULT_GROUP_ID = "blockwatch-notify";

    /**
     * @param hold     longest a dump's alerts are held before their message goes (sooner once the dump is applied)
     * @param maxLines alerts listed one per line in a message to people; the rest are counted
     */
    public record DigestSettings(Duration hold, int maxLines) {
        public static final DigestSettings DEFAULT = new DigestSettings(Duration.ofSeconds(30), 10);
    }

    /** This config with another consumer group. */
    public NotifyConfig withGroupId(String group) {
        return new NotifyConfig(source, group, dashboardUrl, digest, retry, channels, routes);
    }
}
