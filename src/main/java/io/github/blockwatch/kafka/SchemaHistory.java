package io.github.blockwatch.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The schemas earlier releases wrote, read from {@code schema-history/<release>/<Name>.avsc} on the
 * class path (the repository's {@code schemas/history}). A decoder given these resolves an old record
 * to the current schema instead of failing on an unknown fingerprint.
 */
public final class SchemaHistory {
    /** Releases whose schemas differ from today's, oldest first. */
    static final List<String> RELEASES = List.of("0.1", "0.2", "0.3");

    private SchemaHistory() {
    }

    /** The earlier versions of {@code current} (same full name, other fingerprint). */
    public static List<Schema> earlierVersionsOf(Schema current) {
        long currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
        List<Schema> earlier = new ArrayList<>();
        for (String release : RELEASES) {
            String resource = "/schema-history/" + release + "/" + current.getName() + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                Schema old = new Schema.Parser().parse(in);
                if (old.getFullName().equals(current.getFullName())
                        && SchemaNormalization.parsingFingerprint64(old) != currentFingerprint) {
                    earlier.add(old);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return earlier;
    }
}
