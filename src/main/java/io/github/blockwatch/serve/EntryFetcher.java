package io.github.blockwatch.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.topology.StoreNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Registry entries by key from the {@value StoreNames#REGISTRY_ENTRIES} store, which is partitioned like
 * the events topic: keys held here are read locally, the rest fetched from their owners in one request
 * per instance ({@code GET /api/entries?key=...}).
 */
final class EntryFetcher {
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};

    private final StoreAccess stores;
    private final Forwarder forwarder;
    private final ObjectMapper json;

    EntryFetcher(StoreAccess stores, Forwarder forwarder, ObjectMapper json) {
        this.stores = stores;
        this.forwarder = forwarder;
        this.json = json;
    }

    /**
     * The entries found, by key; {@code localOnly} for a forwarded request (never forward twice), which
     * is answered 503 if any key is not held here.
     */
    Map<String, Map<String, Object>> fetch(Collection<String> keys, boolean localOnly) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        Map<HostInfo, List<String>> byOwner = localOnly
                ? Map.of()
                : keys.stream().collect(Collectors.groupingBy(k -> owner(k), LinkedHashMap::new, Collectors.toList()));
        StoreAccess.KeyReader<String, RegistryEntry> local = stores.reader(StoreNames.REGISTRY_ENTRIES);
        for (String key : keys) {
            boolean here = stores.isSelf(owner(key));
            if (localOnly && !here) {
                // Forwarded (or claiming to be): answer only for what this instance holds, never a silent part.
                throw ApiException.unavailable("entry " + key + " is not held by this instance now (rebalancing?)");
            }
            if (here) {
                RegistryEntry entry = local.get(key);
                if (entry != null) {
                    found.put(key, JsonViews.entry(entry));
                }
            }
        }
        byOwner.forEach((host, hostKeys) -> {
            if (host != null && !stores.isSelf(host)) {
                found.putAll(remote(host, hostKeys));
            }
        });
        return found;
    }

    private HostInfo owner(String key) {
        return stores.ownerOf(StoreNames.REGISTRY_ENTRIES, key);
    }

    private Map<String, Map<String, Object>> remote(HostInfo host, List<String> keys) {
        String query = keys.stream().map(k -> "key=" + URLEncoder.encode(k, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Forwarder.Reply reply = forwarder.get(host, "/api/entries?" + query);
        if (reply.status() != 200) {
            throw new ApiException(502, "instance " + host + " answered " + reply.status() + " for entries");
        }
        try {
            Map<String, Map<String, Object>> found = new LinkedHashMap<>();
            for (Map<String, Object> entry : json.readValue(reply.body(), LIST)) {
                found.put((String) entry.get("key"), entry);
            }
            return found;
        } catch (java.io.IOException e) {
            throw new ApiException(502, "instance " + host + " sent unreadable entries: " + e.getMessage());
        }
    }
}
