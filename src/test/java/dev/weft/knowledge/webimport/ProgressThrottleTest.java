package dev.weft.knowledge.webimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress is written for the first page, then at most once per interval however fast pages come. */
class ProgressThrottleTest {

    @Test
    void the_first_call_is_due_then_one_per_interval() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        ProgressThrottle throttle = new ProgressThrottle(Duration.ofSeconds(1), now::get);

        assertThat(throttle.due()).isTrue();
        int due = 0;
        for (int page = 0; page < 100; page++) { // 100 pages 10 ms apart: one second
            now.addAndGet(10_000_000L);
            if (throttle.due()) {
                due++;
            }
        }
        assertThat(due).isEqualTo(1);
        now.addAndGet(999_999_999L);
        assertThat(throttle.due()).isFalse();
        now.addAndGet(1L);
        assertThat(throttle.due()).isTrue();
    }
}
