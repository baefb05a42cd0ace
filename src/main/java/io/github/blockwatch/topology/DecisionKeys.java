package io.github.blockwatch.topology;

import io.github.blockwatch.avro.Decision;

/**
 * Keys of the {@value StoreNames#DECISIONS} store: decision number, U+001F, issuing body. A decision is
 * identified by who issued it and its number (its date is as the registry last wrote it); the number comes
 * first so that all decisions sharing a number are one prefix scan apart.
 */
public final class DecisionKeys {
    static final char SEPARATOR = '\u001F';

    private DecisionKeys() {}

    /** The key of {@code decision}, or null for an entry without one (plain CIDR lists). */
    public static String of(Decision decision) {
        if (decision == null || (decision.getNumber().isBlank() && decision.getOrg().isBlank())) {
            return null;
        }
        return decision.getNumber() + SEPARATOR + decision.getOrg();
    }

    /** The prefix shared by the keys of every decision with this number. */
    public static String numberPrefix(String number) {
        return number + SEPARATOR;
    }
}
