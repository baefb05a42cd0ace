package io.github.blockwatch.official;

import java.nio.file.Path;

/**
 * The answer to {@code getResult}. Every client read (see docs/DESIGN.md) takes {@code resultCode} 0 as
 * "not ready yet, ask again", 1 as "ready, the archive is in {@code registerZipArchive}" and any negative
 * code as a final error whose meaning is in {@code resultComment}.
 *
 * @param archive the decoded {@code registerZipArchive}, saved to a file; null when the answer had none
 */
public record ResultAnswer(boolean result, int resultCode, String comment, Path archive, String dumpFormatVersion,
                           String operatorName, String inn) {
    /** The dump is still being prepared. */
    public static final int NOT_READY = 0;
    /** The dump is ready and attached. */
    public static final int READY = 1;

    public boolean notReady() {
        return resultCode == NOT_READY && !result;
    }

    public boolean ready() {
        return resultCode == READY && result && archive != null;
    }
}
