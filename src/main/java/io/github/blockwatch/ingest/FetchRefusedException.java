package io.github.blockwatch.ingest;

import java.io.IOException;

/** A download stopped by a {@link FetchLimits} limit or the redirect rule: trying again would end the same way. */
public final class FetchRefusedException extends IOException {
    FetchRefusedException(String message) {
        super(message);
    }
}
