package dev.weft.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataValuesTest {

    @ParameterizedTest
    @CsvSource({"42, 42", "-3.5, -3.5", "+7, 7", "1e3, 1000", ".5, 0.5", "' 12 ', 12"})
    void plainDecimalsAreNumbers(String text, double expected) {
        assertThat(MetadataValues.number(text)).isEqualTo(OptionalDouble.of(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "0x10", "1d", "1f", "12abc", "", "1,5", "2024-01-01"})
    void otherTextIsNotANumber(String text) {
        assertThat(MetadataValues.number(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "2024-05-01, 1714521600",
            "2024-05-01T10:00:00, 1714557600",
            "2024-05-01T10:00:00Z, 1714557600",
            "2024-05-01T12:00:00+02:00, 1714557600",
            "2024-05-01T05:00:00-05:00, 1714557600",
            "2024-05-01T10:00:00.250Z, 1714557600"})
    void isoDatesAndTimesAreEpochSeconds(String text, long expected) {
        assertThat(MetadataValues.epochSeconds(text)).isEqualTo(OptionalLong.of(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024", "May 1, 2024", "2024-13-01", "1714557600", "yesterday"})
    void otherTextIsNotATime(String text) {
        assertThat(MetadataValues.epochSeconds(text)).isEmpty();
    }
}
