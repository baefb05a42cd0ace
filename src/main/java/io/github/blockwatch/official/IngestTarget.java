package io.github.blockwatch.official;

import io.github.blockwatch.ingest.DumpContent;
import io.github.blockwatch.ingest.IngestException;
import io.github.blockwatch.ingest.IngestOutcome;
import io.github.blockwatch.ingest.Ingestor;
import java.time.Instant;

/** Where fetched dumps go: the ordinary ingest ({@link Ingestor}), which also knows the newest dump ingested. */
public interface IngestTarget {
    /** Registry time of the newest dump ingested so far (by anyone: read from the dumps topic), or null. */
    Instant latestRegistryTime();

    /** Ingests one dump exactly as {@code blockwatch ingest FILE} would; a dump ingested before publishes nothing. */
    IngestOutcome ingest(DumpContent dump) throws IngestException;

    static IngestTarget of(Ingestor ingestor) {
        return new IngestTarget() {
            @Override
            public Instant latestRegistryTime() {
                return ingestor.latestRegistryTime();
            }

            @Override
            public IngestOutcome ingest(DumpContent dump) throws IngestException {
                return ingestor.ingest(dump);
            }
        };
    }
}
