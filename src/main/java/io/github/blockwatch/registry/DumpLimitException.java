package io.github.blockwatch.registry;

import java.io.IOException;

/** A dump refused for going over one of its {@link DumpLimits}; the message names the dump and the limit. */
public final class DumpLimitException extends IOException {
    /** Which limit: a caller that offers a setting for it can name that setting. */
    public enum Limit { DUMP_SIZE, FIELD_SIZE }

    private final Limit limit;

    DumpLimitException(String message, Limit limit) {
        super(message);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
