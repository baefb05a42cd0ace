package io.github.blockwatch.watch;

import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes valid {@link Watchlist} records: a name fit for a Kafka key and a URL path, canonical prefixes, AS
 * numbers from {@code AS16509} or {@code 16509}, at least one thing to watch. Every refusal is an
 * {@link IllegalArgumentException} with a one-line reason, for the command line to print.
 */
public final class Watchlists {
    /** Letters, digits, '.', '_' and '-', at most 64. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ASN = Pattern.compile("(?i)(AS)?([0-9]{1,10})");
    private static final long MAX_ASN = 4_294_967_295L;

    private Watchlists() {}

    public static Watchlist of(String name, List<String> prefixes, List<String> asns, List<String> owners, String channel,
                               Instant updated) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("watchlist name '" + name + "': use letters, digits, '.', '_' and '-' (at most 64)");
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (String prefix : prefixes) {
            try {
                canonical.add(Cidr.parse(prefix.strip()).toString());
            } catch (InvalidAddressException e) {
                throw new IllegalArgumentException("--prefix: " + e.getMessage());
            }
        }
        Set<Long> numbers = new LinkedHashSet<>();
        for (String asn : asns) {
            numbers.add(parseAsn(asn));
        }
        Set<String> labels = new LinkedHashSet<>();
        for (String owner : owners) {
            if (owner.isBlank()) {
                throw new IllegalArgumentException("--owner: an empty owner label");
            }
            labels.add(owner.strip());
        }
        if (canonical.isEmpty() && numbers.isEmpty() && labels.isEmpty()) {
            throw new IllegalArgumentException("watchlist " + name + " watches nothing: give --prefix, --asn or --owner");
        }
        if (channel != null && channel.isBlank()) {
            throw new IllegalArgumentException("--channel: an empty channel name");
        }
        return Watchlist.newBuilder()
                .setName(name)
                .setPrefixes(new ArrayList<>(canonical))
                .setAsns(new ArrayList<>(numbers))
                .setOwners(new ArrayList<>(labels))
                .setChannel(channel == null ? null : channel.strip())
                .setUpdated(updated)
                .build();
    }

    /** {@code AS16509}, {@code as16509} or {@code 16509}. */
    public static long parseAsn(String text) {
        var m = ASN.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(2)) > MAX_ASN) {
            throw new IllegalArgumentException("--asn: not an AS number '" + text + "' (AS16509 or 16509)");
        }
        return Long.parseLong(m.group(2));
    }

    /** {@code AS16509}. */
    public static String asnText(long asn) {
        return String.format(Locale.ROOT, "AS%d", asn);
    }
}
