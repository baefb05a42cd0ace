package io.github.blockwatch.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * Appends one line per fault run to {@code target/reliability-figures.tsv}: the figures docs/RELIABILITY.md
 * is filled from.
 */
final class Figures {
    static final Path FILE = Path.of("target", "reliability-figures.tsv");

    private Figures() {}

    static synchronized void record(String scenario, String killPoint, long lost, long duplicated, boolean ok, long millis) {
        String line = String.format(Locale.ROOT, "%s\t%s\t%s\tlost=%d\tduplicated=%d\t%s\t%.1fs%n",
                Instant.now(), scenario, killPoint, lost, duplicated, ok ? "PASS" : "FAIL", millis / 1000.0);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + FILE, e);
        }
    }
}
