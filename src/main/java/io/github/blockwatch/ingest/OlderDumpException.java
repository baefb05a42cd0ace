package io.github.blockwatch.ingest;

import java.time.Instant;

/**
 * A dump older than the newest one already ingested, refused because it would roll the table back in
 * time. Replay tells the user the topics already hold a later state.
 */
public final class OlderDumpException extends IngestException {
    private final Instant registryTime;
    private final Instant latest;

    OlderDumpException(String message, Instant registryTime, Instant latest) {
        super(message);
        this.registryTime = registryTime;
        this.latest = latest;
    }

    public Instant registryTime() {
        return registryTime;
    }

    /** Registry time of the newest dump already ingested. */
    public Instant latest() {
        return latest;
    }
}
