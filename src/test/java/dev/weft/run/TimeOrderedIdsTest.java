package dev.weft.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void ids_are_version_7_uuids_carrying_their_millisecond() {
        long millis = 1_764_900_000_123L;
        UUID id = UUID.fromString(TimeOrderedIds.next(millis));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void ids_sort_by_their_time_as_text_and_are_unique_within_a_millisecond() {
        String earlier = TimeOrderedIds.next(1_764_900_000_000L);
        String later = TimeOrderedIds.next(1_764_900_000_001L);
        assertThat(earlier).isLessThan(later);
        assertThat(TimeOrderedIds.next(1_000L)).isLessThan(TimeOrderedIds.next(1_764_900_000_000L));

        Set<String> sameMillisecond = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            sameMillisecond.add(TimeOrderedIds.next(1_764_900_000_000L));
        }
        assertThat(sameMillisecond).hasSize(10_000);
    }
}
