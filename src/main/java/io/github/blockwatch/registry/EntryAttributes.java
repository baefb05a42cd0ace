package io.github.blockwatch.registry;

import java.util.Map;
import java.util.TreeMap;

/**
 * Names of the attributes an {@link Entry} keeps beyond its fixed fields, and which of them are volatile.
 *
 * <p>From dump.xml (format 2.4 and whatever comes after it), nothing the registry says is dropped:
 * <ul>
 *   <li>every attribute of {@code <content>} other than {@code id}, {@code includeTime}, {@code entryType}
 *       and {@code blockType} (which have fields of their own) under its own name: {@code urgencyType},
 *       {@code hash}, {@code ts}, and any attribute unknown today;</li>
 *   <li>attributes of {@code <decision>} other than {@code date}, {@code number}, {@code org}:
 *       {@code decision.<name>};</li>
 *   <li>attributes of the child elements {@code url}, {@code domain}, {@code ip}, {@code ipSubnet},
 *       {@code ipv6}, {@code ipv6Subnet} (2.4 gives each a {@code ts}): {@code <element>.<name>}, holding
 *       the greatest value among that element's occurrences, which for the registry's ISO timestamps is the
 *       newest one (one row can list 260,000 addresses: one value per kind, not per address);</li>
 *   <li>child elements unknown today: {@code <element>} with its text (repeats joined with {@code |},
 *       at most {@value #MAX_VALUE_CHARS} characters), and {@code <element>.<name>} for its attributes.</li>
 * </ul>
 *
 * <p>{@code hash} and every {@code ts} ({@code ts}, {@code url.ts}, …) are <em>volatile</em>: they change
 * with a re-issue of the same content, so a diff ignores them (see {@link #withoutVolatile(Map)}).
 */
public final class EntryAttributes {
    /** {@code <content urgencyType="0|1">}: 1 = to be blocked urgently (within hours, not days). */
    public static final String URGENCY_TYPE = "urgencyType";
    /** {@code <content hash="...">}: the registry's hash of the entry as published. */
    public static final String HASH = "hash";
    /** {@code <content ts="...">}: when the registry last changed the entry. */
    public static final String TS = "ts";

    /** Longest value kept for the text of an unknown element. */
    public static final int MAX_VALUE_CHARS = 1024;

    private EntryAttributes() {}

    /** Whether a change of this attribute alone leaves the entry's content the same. */
    public static boolean isVolatile(String name) {
        return name.equals(HASH) || name.equals(TS) || name.endsWith("." + TS);
    }

    /** The attributes that describe the entry's content: all but the volatile ones. */
    public static Map<String, String> withoutVolatile(Map<String, String> attributes) {
        Map<String, String> kept = new TreeMap<>();
        attributes.forEach((name, value) -> {
            if (!isVolatile(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
