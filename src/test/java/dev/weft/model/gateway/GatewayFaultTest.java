package dev.weft.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.catalog.ModelCatalog;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway against upstreams that fail 30% of calls (500, 429 with Retry-After, or a hang, a third each):
 * with retries and a fallback at least 99.9% of 2,000 calls succeed, no call takes longer than its timeout, and
 * afterwards no attempt thread, client thread or connection is left behind.
 */
class GatewayFaultTest {

    private static final int CALLS = 2000;
    private static final int CALLERS = 16;
    private static final Duration TIMEOUT = Duration.ofMillis(2500);
    /** Scheduling slack on a loaded 2-core machine: the wait for the caller thread to be run again. */
    private static final Duration SLACK = Duration.ofMillis(250);

    private static final String POLICY = """
            {"timeout_seconds": 2.5, "attempt_timeout_seconds": 0.3,
             "retry": {"max_retries": 3, "base_delay_seconds": 0.005, "max_delay_seconds": 0.04, "max_retry_after_seconds": 0.05},
             "fallbacks": [{"provider": "backup", "model": "gpt-4o-mini"}],
             "circuit_breaker": {"window": 20, "min_calls": 20, "failure_rate": 0.95, "cool_down_seconds": 1}}
            """;

    @Test
    void retriesAndFallbackCarryThirtyPercentFaults() throws Exception {
        ExecutorService clientThreads = Executors.newFixedThreadPool(4, r -> Thread.ofPlatform().daemon().name("test-http-client").unstarted(r));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .executor(clientThreads).build();
        try (FaultyOpenAiServer primary = new FaultyOpenAiServer(42, 0.30);
                FaultyOpenAiServer backup = new FaultyOpenAiServer(4242, 0.30)) {
            Map<String, OpenAiCompatibleChatModel> models = Map.of(
                    "primary", new OpenAiCompatibleChatModel(new OpenAiSettings(primary.baseUrl(), "sk-test", "gpt-4o-mini"), http),
                    "backup", new OpenAiCompatibleChatModel(new OpenAiSettings(backup.baseUrl(), "sk-test", "gpt-4o-mini"), http));
            ChatModelResolver upstreams = (provider, model) -> models.get(provider);
            CallScope scope = new CallScope(null, null, null, GatewayPolicyParser.parse(POLICY, "model.gateway"));
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS, r -> Thread.ofPlatform().name("test-caller").unstarted(r));
            try (ModelGateway gateway = new ModelGateway(upstreams, PolicySource.NODE_ONLY, BudgetGuard.NONE, new ModelCatalog(), null)) {
                // warm up, so the pools that live as long as the JVM (virtual-thread carriers, the HTTP client's) exist
                List<Future<?>> warmUp = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    warmUp.add(callers.submit(() -> gateway.call(scope, "backup", "gpt-4o-mini",
                            new ChatRequest("gpt-4o-mini", List.of(ChatMessage.user("warm up"))), null)));
                }
                for (Future<?> f : warmUp) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        // a warm-up call may fail too; only the measured calls count
                    }
                }
                awaitSettled(gateway, primary, backup);
                int threadsBefore = applicationThreads();

                List<Future<Long>> calls = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    int n = i;
                    calls.add(callers.submit(() -> {
                        long start = System.nanoTime();
                        try {
                            ChatResponse r = gateway.call(scope, "primary", "gpt-4o-mini",
                                    new ChatRequest("gpt-4o-mini", List.of(ChatMessage.user("ping " + n))), null);
                            assertThat(r.text()).isEqualTo("pong");
                            return System.nanoTime() - start;
                        } catch (ModelException e) {
                            return -(System.nanoTime() - start) - 1;
                        }
                    }));
                }
                int failed = 0;
                long slowest = 0;
                for (Future<Long> f : calls) {
                    long v = f.get(60, TimeUnit.SECONDS);
                    if (v < 0) {
                        failed++;
                    }
                    slowest = Math.max(slowest, Math.abs(v));
                }
                callers.shutdown();
                assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

                System.out.printf("gateway fault test: %d of %d calls failed, slowest %d ms; primary %d requests (500: %d, 429: %d, hang: %d), backup %d (500: %d, 429: %d, hang: %d)%n",
                        failed, CALLS, slowest / 1_000_000, primary.requests(), primary.count(FaultyOpenAiServer.Fault.ERROR_500),
                        primary.count(FaultyOpenAiServer.Fault.RATE_LIMITED_429), primary.count(FaultyOpenAiServer.Fault.HANG),
                        backup.requests(), backup.count(FaultyOpenAiServer.Fault.ERROR_500),
                        backup.count(FaultyOpenAiServer.Fault.RATE_LIMITED_429), backup.count(FaultyOpenAiServer.Fault.HANG));
                int totalFaults = 0;
                for (FaultyOpenAiServer.Fault f : List.of(FaultyOpenAiServer.Fault.ERROR_500,
                        FaultyOpenAiServer.Fault.RATE_LIMITED_429, FaultyOpenAiServer.Fault.HANG)) {
                    assertThat(primary.count(f)).as("the primary produced %s", f).isGreaterThan(CALLS / 20);
                    totalFaults += primary.count(f);
                }
                assertThat((double) totalFaults / primary.requests()).as("share of faulty answers").isBetween(0.25, 0.35);
                assertThat(backup.requests()).as("the fallback was used").isPositive();
                assertThat(CALLS - failed).as("successful calls of %d (slowest %d ms)", CALLS, slowest / 1_000_000)
                        .isGreaterThanOrEqualTo((int) Math.ceil(CALLS * 0.999));
                assertThat(Duration.ofNanos(slowest)).as("the slowest call").isLessThanOrEqualTo(TIMEOUT.plus(SLACK));

                awaitSettled(gateway, primary, backup);
                assertThat(gateway.inFlightAttempts()).as("attempt threads still running").isZero();
                assertThat(primary.hangingNow() + backup.hangingNow()).as("requests the gateway abandoned but never closed").isZero();
                assertThat(primary.openConnections()).as("open connections to the primary").isLessThanOrEqualTo(CALLERS);
                assertThat(backup.openConnections()).as("open connections to the backup").isLessThanOrEqualTo(CALLERS);
                assertThat(applicationThreads()).as("live application threads").isLessThanOrEqualTo(threadsBefore);
            }
        } finally {
            http.shutdownNow();
            clientThreads.shutdownNow();
        }
    }

    private static void awaitSettled(ModelGateway gateway, FaultyOpenAiServer... servers) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            int hanging = 0;
            for (FaultyOpenAiServer s : servers) {
                hanging += s.hangingNow();
            }
            if (gateway.inFlightAttempts() == 0 && hanging == 0) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /**
     * Platform threads outside the JVM's own "system" group (compiler and GC threads come and go there), not the
     * fake servers' (their connections are counted instead) and not the test's callers. The gateway's attempts run on virtual threads,
     * counted by {@link ModelGateway#inFlightAttempts()}.
     */
    private static int applicationThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getThreadGroup() != null && !"system".equals(t.getThreadGroup().getName()))
                .filter(t -> !t.getName().startsWith("faulty-openai"))
                .filter(t -> !t.getName().equals("test-caller"))
                .count();
    }
}
