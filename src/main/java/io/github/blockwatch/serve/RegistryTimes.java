package io.github.blockwatch.serve;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Registry times as people write them, for {@code ?at=} and {@code blockwatch lookup --at}. */
public final class RegistryTimes {
    private RegistryTimes() {}

    /**
     * An ISO-8601 instant ({@code 2018-05-05T14:00Z}, seconds optional), one with an offset
     * ({@code 2018-05-05T17:00+03:00}), or a date, meaning its 00:00 UTC.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Instant parse(String text) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            // OffsetDateTime, unlike Instant.parse, takes a time without seconds (14:00Z) and any offset.
            return OffsetDateTime.parse(t.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant or date '" + text
                    + "' (e.g. 2018-05-05T14:00Z, 2018-05-05T17:00+03:00, 2018-04-17)");
        }
    }
}
