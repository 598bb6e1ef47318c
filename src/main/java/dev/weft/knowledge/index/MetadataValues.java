package dev.weft.knowledge.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * How a metadata string is read as a number or a point in time, both for indexing a value and for reading a
 * filter's operand. Numbers are plain decimals ({@code 42}, {@code -3.5}, {@code 1e6}; not {@code NaN},
 * {@code 0x10} or {@code 1d}). Times are ISO dates ({@code 2024-05-01}, midnight UTC), ISO local date-times
 * ({@code 2024-05-01T10:15:00}, taken as UTC) or ISO date-times with an offset or {@code Z}; they become epoch seconds.
 */
public final class MetadataValues {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private MetadataValues() {}

    public static OptionalDouble number(String value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        String v = value.strip();
        if (!NUMBER.matcher(v).matches()) {
            return OptionalDouble.empty();
        }
        double d = Double.parseDouble(v);
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    public static OptionalLong epochSeconds(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        String v = value.strip();
        if (v.length() < 10 || !Character.isDigit(v.charAt(0))) {
            return OptionalLong.empty();
        }
        try {
            if (v.length() == 10) {
                return OptionalLong.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
            }
            char last = v.charAt(v.length() - 1);
            boolean zoned = last == 'Z' || last == 'z' || v.lastIndexOf('+') > 10 || v.lastIndexOf('-') > 10;
            if (zoned) {
                return OptionalLong.of(OffsetDateTime.parse(v.replace('z', 'Z')).toEpochSecond());
            }
            return OptionalLong.of(LocalDateTime.parse(v).toEpochSecond(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            try {
                return OptionalLong.of(Instant.parse(v).getEpochSecond());
            } catch (DateTimeParseException again) {
                return OptionalLong.empty();
            }
        }
    }
}
