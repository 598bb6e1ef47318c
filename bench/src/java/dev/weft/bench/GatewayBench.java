package dev.weft.bench;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModel;
import dev.weft.model.ChatRequest;
import dev.weft.model.catalog.ModelCatalog;
import dev.weft.model.gateway.BudgetGuard;
import dev.weft.model.gateway.CallScope;
import dev.weft.model.gateway.GatewayPolicy;
import dev.weft.model.gateway.ModelGateway;
import dev.weft.model.gateway.PolicySource;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiSettings;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model gateway adds to a call: the same blocking chat call to a zero-latency fake OpenAI-compatible
 * server on 127.0.0.1, straight through the provider client and through the {@link ModelGateway} with the default
 * policy (timeouts, retries, circuit breaker on; caches off; catalogue pricing), one caller thread, alternating
 * rounds of each so drift in machine load hits both alike. Prints p50, p99 and mean wall time per call of each,
 * their difference, and process CPU time per call (the fake server's included, the same for both).
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.GatewayBench
 * -Dbench.args="calls=20000 warmup=5000 rounds=10"}
 */
public final class GatewayBench {

    private GatewayBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                a.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        int calls = Integer.parseInt(a.getOrDefault("calls", "20000"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "5000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "10"));
        System.setProperty("sun.net.httpserver.nodelay", "true");

        try (FakeOpenAiServer fake = FakeOpenAiServer.start().keepRequests(false)
                .defaultReply(Reply.text("Hello from the fake model").withUsage(10, 5))) {
            OpenAiCompatibleChatModel direct = new OpenAiCompatibleChatModel(new OpenAiSettings(fake.baseUrl(), "sk-bench", "gpt-4o-mini"));
            try (ModelGateway gateway = new ModelGateway((provider, model) -> direct, PolicySource.NODE_ONLY, BudgetGuard.NONE,
                    new ModelCatalog(), null)) {
                ChatModel viaGateway = gateway.model(new CallScope("ws", "app", null, GatewayPolicy.EMPTY), "fake", "gpt-4o-mini");
                ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(ChatMessage.system("Be brief."), ChatMessage.user("Say hello.")));

                for (int i = 0; i < warmup; i++) {
                    direct.chat(request);
                    viaGateway.chat(request);
                }
                int perRound = Math.max(1, calls / rounds);
                long[] plain = new long[perRound * rounds];
                long[] gated = new long[perRound * rounds];
                long plainCpu = 0;
                long gatedCpu = 0;
                for (int r = 0; r < rounds; r++) {
                    plainCpu += measure(direct, request, plain, r * perRound, perRound);
                    gatedCpu += measure(viaGateway, request, gated, r * perRound, perRound);
                }
                Arrays.sort(plain);
                Arrays.sort(gated);
                int n = plain.length;
                System.out.printf("GatewayBench: %d blocking calls each, one caller, zero-latency fake upstream on loopback%n", n);
                System.out.printf("  %-16s p50 %8.1f us   p99 %8.1f us   mean %8.1f us   cpu/call %8.1f us%n", "direct client",
                        us(plain[n / 2]), us(plain[(int) (n * 0.99)]), us(mean(plain)), us(plainCpu / n));
                System.out.printf("  %-16s p50 %8.1f us   p99 %8.1f us   mean %8.1f us   cpu/call %8.1f us%n", "through gateway",
                        us(gated[n / 2]), us(gated[(int) (n * 0.99)]), us(mean(gated)), us(gatedCpu / n));
                System.out.printf("  %-16s p50 %+8.1f us   p99 %+8.1f us   mean %+8.1f us   cpu/call %+8.1f us%n", "gateway adds",
                        us(gated[n / 2] - plain[n / 2]), us(gated[(int) (n * 0.99)] - plain[(int) (n * 0.99)]),
                        us(mean(gated) - mean(plain)), us((gatedCpu - plainCpu) / n));
            }
        }
    }

    /** Runs {@code count} calls, storing each wall time; returns the process CPU time they took. */
    private static long measure(ChatModel model, ChatRequest request, long[] into, int from, int count) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            model.chat(request);
            into[from + i] = System.nanoTime() - start;
        }
        return os.getProcessCpuTime() - cpu;
    }

    private static long mean(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }
}
