package io.github.blockwatch.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Registry times as people write them, in UTC unless an offset is given: {@code 2014-11-05},
 * {@code 2014-11-05T10:00}, {@code 2014-11-05T10:00:00Z}, {@code 2014-11-05T13:00+03:00}.
 */
final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        String s = value.strip();
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (s.endsWith("Z") || s.endsWith("z")) {
                return Instant.parse(s.toUpperCase(java.util.Locale.ROOT));
            }
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a date or time (try 2014-11-05, 2014-11-05T10:00 or 2014-11-05T10:00:00Z; UTC unless an offset is given)");
        }
    }
}
