package io.github.blockwatch.serve;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries by store name: which instance holds a key (Streams metadata, from each instance's
 * {@code application.server}), and this instance's own part of a store.
 */
final class StoreAccess {
    private final KafkaStreams streams;
    private final HostInfo self;

    /** @param self this instance's {@code application.server}, or null when it runs alone without one */
    StoreAccess(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** The instance whose active task holds {@code key} of {@code store} (String keys). */
    HostInfo ownerOf(String store, String key) {
        if (self == null) {
            return null;
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            throw ApiException.unavailable("the streams application is not running: " + e.getMessage());
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
                || metadata.activeHost().equals(HostInfo.unavailable())) {
            throw ApiException.unavailable("store " + store + " is not available yet (rebalancing or restoring)");
        }
        return metadata.activeHost();
    }

    /** True when this instance answers for {@code host} (always, when it runs without application.server). */
    boolean isSelf(HostInfo host) {
        return self == null || host == null || self.equals(host);
    }

    /** This instance's active part of {@code store}. */
    <K, V> ReadOnlyKeyValueStore<K, V> local(String store) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<K, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("store " + store + " is not queryable here now: " + e.getMessage());
        }
    }

    KafkaStreams streams() {
        return streams;
    }
}
