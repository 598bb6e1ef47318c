package dev.weft.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(now::get);
    private final GatewayPolicy.CircuitBreakerPolicy policy =
            new GatewayPolicy.CircuitBreakerPolicy(true, 10, 4, 0.5, Duration.ofSeconds(30));

    private void call(boolean fails) {
        assertThat(breaker.tryAcquire(policy)).isTrue();
        if (fails) {
            breaker.onFailure(policy);
        } else {
            breaker.onSuccess(policy);
        }
    }

    @Test
    void opensAtTheFailureRateOnceEnoughCallsWereSeen() {
        call(true);
        call(true);
        call(true);
        assertThat(breaker.state(policy)).as("3 calls are fewer than min_calls").isEqualTo(CircuitBreaker.State.CLOSED);
        call(false);
        assertThat(breaker.state(policy)).as("3 failures of 4 calls").isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void staysClosedBelowTheRateAndForgetsOldCalls() {
        for (int i = 0; i < 20; i++) {
            call(i % 4 == 0);
        }
        assertThat(breaker.state(policy)).isEqualTo(CircuitBreaker.State.CLOSED);
        for (int i = 0; i < 10; i++) {
            call(false);
        }
        call(true);
        call(true);
        call(true);
        call(true);
        assertThat(breaker.state(policy)).as("4 failures in the last 10").isEqualTo(CircuitBreaker.State.CLOSED);
        call(true);
        assertThat(breaker.state(policy)).as("5 failures in the last 10").isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void halfOpenLetsOneTrialThroughThenClosesOrReopens() {
        for (int i = 0; i < 4; i++) {
            call(true);
        }
        assertThat(breaker.tryAcquire(policy)).isFalse();
        assertThat(breaker.remainingOpenMillis(policy)).isEqualTo(30_000);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(breaker.state(policy)).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire(policy)).as("the trial").isTrue();
        assertThat(breaker.tryAcquire(policy)).as("no second call while the trial runs").isFalse();
        breaker.onFailure(policy);
        assertThat(breaker.state(policy)).as("a failed trial opens it again").isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire(policy)).isFalse();

        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(breaker.tryAcquire(policy)).isTrue();
        breaker.onSuccess(policy);
        assertThat(breaker.state(policy)).isEqualTo(CircuitBreaker.State.CLOSED);
        call(true);
        call(true);
        call(true);
        assertThat(breaker.state(policy)).as("closing starts a fresh window").isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anIgnoredTrialFreesTheSlot() {
        for (int i = 0; i < 4; i++) {
            call(true);
        }
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(breaker.tryAcquire(policy)).isTrue();
        breaker.onIgnored();
        assertThat(breaker.tryAcquire(policy)).isTrue();
    }
}
