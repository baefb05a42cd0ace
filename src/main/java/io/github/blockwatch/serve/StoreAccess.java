package io.github.blockwatch.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.query.MultiVersionedKeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.apache.kafka.streams.state.VersionedRecordIterator;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

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

    /** Point reads in this instance's active part of a store. */
    @FunctionalInterface
    interface KeyReader<K, V> {
        /** The value of {@code key}, or null. */
        V get(K key);
    }

    /**
     * Reads keys of {@code store} with the local stores behind it looked up once, for the many gets of one
     * request. Streams' own {@link #local} store looks them up again at every get, walking every task of
     * every thread and allocating as it goes: that walk was a fifth of an address lookup's CPU (33 gets) and
     * most of its garbage. The stores found are valid for the request; a rebalance in the middle closes
     * them and the next get fails as any query on a closed store does.
     */
    <K, V> KeyReader<K, V> reader(String store) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(store, new ResolvedOnce<K, V>()));
        } catch (InvalidStateStoreException e) {
            throw ApiException.unavailable("store " + store + " is not queryable here now: " + e.getMessage());
        }
    }

    /**
     * A queryable store type (the documented hook for custom store access) whose reader keeps the list of
     * local stores the provider returns when it is created.
     */
    private static final class ResolvedOnce<K, V> implements QueryableStoreType<KeyReader<K, V>> {
        private final QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValue = QueryableStoreTypes.keyValueStore();

        @Override
        public boolean accepts(StateStore stateStore) {
            return keyValue.accepts(stateStore);
        }

        @Override
        public KeyReader<K, V> create(StateStoreProvider provider, String storeName) {
            List<ReadOnlyKeyValueStore<K, V>> parts = provider.stores(storeName, keyValue);
            return key -> {
                for (ReadOnlyKeyValueStore<K, V> part : parts) {
                    V value = part.get(key);
                    if (value != null) {
                        return value;
                    }
                }
                return null;
            };
        }
    }

    /**
     * Every retained version of {@code key} in the versioned {@code store} on this instance, oldest first,
     * each with the time it stopped being valid (empty while it is the latest). Tombstones are not
     * returned: a gap between one version's end and the next one's start is a time without a value.
     */
    <V> List<VersionedRecord<V>> versions(String store, String key) {
        StateQueryResult<VersionedRecordIterator<V>> result = query(store,
                MultiVersionedKeyQuery.<String, V>withKey(key).withAscendingTimestamps());
        QueryResult<VersionedRecordIterator<V>> partition = onlyPartition(store, result);
        List<VersionedRecord<V>> versions = new ArrayList<>();
        try (VersionedRecordIterator<V> it = partition.getResult()) {
            it.forEachRemaining(versions::add);
        }
        return versions;
    }

    private <R> StateQueryResult<R> query(String store, Query<R> query) {
        try {
            return streams.query(StateQueryRequest.inStore(store).withQuery(query));
        } catch (IllegalStateException | StreamsException e) {
            throw ApiException.unavailable("store " + store + " is not queryable here now: " + e.getMessage());
        }
    }

    private static <R> QueryResult<R> onlyPartition(String store, StateQueryResult<R> result) {
        Map<Integer, QueryResult<R>> partitions = result.getPartitionResults();
        if (partitions.isEmpty()) {
            throw ApiException.unavailable("store " + store + " is not held by this instance now (rebalancing?)");
        }
        QueryResult<R> partition = partitions.values().iterator().next();
        if (partition.isFailure()) {
            throw ApiException.unavailable("store " + store + " is not queryable here now: "
                    + partition.getFailureReason() + " " + partition.getFailureMessage());
        }
        return partition;
    }

    KafkaStreams streams() {
        return streams;
    }
}
