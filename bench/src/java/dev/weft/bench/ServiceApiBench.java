package dev.weft.bench;

import dev.weft.WeftApplication;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.publish.key.AppApiKeyService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Service API under load: blocking {@code POST /v1/chat-messages} to a chatbot app (Start → LLM → Answer)
 * whose LLM node calls a zero-latency fake OpenAI-compatible server on 127.0.0.1, at each concurrency for
 * {@code seconds} after a warm-up: requests per second, p50 and p99 latency, errors. Then the time to first token
 * that the streaming path adds: the median time from sending a streaming chat-messages request to its first
 * {@code message} event, against the median time from sending the same chat request straight to the fake to its
 * first content chunk. Each run writes its records (conversation, message, workflow and node runs) to H2 as in
 * production. The fake runs in the same JVM and shares the CPUs.
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.ServiceApiBench
 * -Dbench.args="concurrency=1,8,32 seconds=10 ttft=200 warmup=20"}
 * ({@code warmup}: seconds of load before each level, by default a third of {@code seconds}).
 */
public final class ServiceApiBench {

    private ServiceApiBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                a.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        int[] levels = Arrays.stream(a.getOrDefault("concurrency", "1,8,32").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "10"));
        int ttftRounds = Integer.parseInt(a.getOrDefault("ttft", "200"));
        // seconds of load before each level is measured: on a loaded machine the JIT needs a while, and its
        // compilations would otherwise be counted as CPU per request
        int warmup = Integer.parseInt(a.getOrDefault("warmup", Integer.toString(Math.max(2, seconds / 3))));

        // the JDK's HTTP server leaves Nagle's algorithm on unless told; with delayed ACKs on loopback every
        // streamed chunk after the first could wait ~40 ms, which would make the fake anything but zero-latency
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // the bench runs from test classes, where no production bundle marker is built: serve Vaadin in production mode
        System.setProperty("vaadin.productionMode", "true");
        Path dataDir = Files.createTempDirectory("weft-service-bench-");
        FakeOpenAiServer fake = FakeOpenAiServer.start().keepRequests(false).defaultReply(Reply.text("Hello from the fake model").withUsage(10, 5));
        ConfigurableApplicationContext ctx = new SpringApplication(WeftApplication.class).run("--weft.data-dir=" + dataDir,
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--weft.security.outbound.allow=127.0.0.1");
        try {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            Account owner = ctx.getBean(AccountService.class).createOwner("Bench", "bench@example.com", "Bench", "bench-password-1");
            ctx.getBean(ModelProviderService.class).create(ModelProviderDraft.openAiCompatible("fake", fake.baseUrl(), "sk-x", "gpt-fake"));
            AppService apps = ctx.getBean(AppService.class);
            App app = apps.create(owner.getWorkspaceId(), "Bench chat", AppMode.CHAT, null, owner.getId());
            apps.saveDraft(app.getId(), ctx.getBean(DefinitionParser.class).parse("""
                    {"mode":"chat","graph":{"nodes":[
                      {"id":"start","data":{"type":"start","title":"Start","variables":[]}},
                      {"id":"llm","data":{"type":"llm","title":"LLM",
                        "model":{"provider":"langgenius/openai/fake","name":"gpt-fake","mode":"chat","completion_params":{}},
                        "prompt_template":[{"role":"system","text":"Be brief."},{"role":"user","text":"{{#sys.query#}}"}]}},
                      {"id":"answer","data":{"type":"answer","title":"Answer","answer":"{{#llm.text#}}"}}],
                     "edges":[{"source":"start","target":"llm"},{"source":"llm","target":"answer"}]}}
                    """), owner.getId());
            apps.publish(app.getId(), null, null, owner.getId());
            String key = ctx.getBean(AppApiKeyService.class).create(app.getId(), owner.getId()).token();
            String url = "http://127.0.0.1:" + port + "/v1/chat-messages";
            com.sun.management.OperatingSystemMXBean cpu =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

            System.out.printf("%d processors; blocking chat-messages, zero-latency fake provider, %d s per level%n",
                    Runtime.getRuntime().availableProcessors(), seconds);
            for (int c : levels) {
                load(http, url, key, c, warmup);
                long cpu0 = cpu.getProcessCpuTime();
                long jit0 = jit.getTotalCompilationTime();
                long fake0 = fakeProviderCpuNanos();
                Result r = load(http, url, key, c, seconds);
                double fakeMillis = (fakeProviderCpuNanos() - fake0) / 1e6 / Math.max(1, r.count);
                double cpuMillis = (cpu.getProcessCpuTime() - cpu0) / 1e6 / Math.max(1, r.count);
                double jitMillis = (double) (jit.getTotalCompilationTime() - jit0) / Math.max(1, r.count);
                System.out.printf("concurrency %2d: %7.0f requests/s, p50 %6.2f ms, p99 %6.2f ms, %d requests, %d errors;"
                                + " %.3f ms CPU per request (whole process: Weft, fake provider, load generator; of which JIT"
                                + " compiling %.3f ms, fake provider's threads %.3f ms), load average %.1f%n",
                        c, r.count / r.seconds, r.percentile(50), r.percentile(99), r.count, r.errors, cpuMillis, jitMillis,
                        fakeMillis,
                        cpu.getSystemLoadAverage());
            }

            HttpRequest direct = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer sk-x")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-fake\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build();
            HttpRequest viaWeft = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"query\":\"hi\",\"inputs\":{},\"user\":\"ttft\",\"response_mode\":\"streaming\"}"))
                    .build();
            for (int i = 0; i < 20; i++) {
                firstToken(http, direct, "\"content\":\"Hello");
                firstToken(http, viaWeft, "\"event\":\"message\"");
            }
            double[] d = new double[ttftRounds];
            double[] w = new double[ttftRounds];
            for (int i = 0; i < ttftRounds; i++) {
                d[i] = firstToken(http, direct, "\"content\":\"Hello");
                w[i] = firstToken(http, viaWeft, "\"event\":\"message\"");
            }
            Arrays.sort(d);
            Arrays.sort(w);
            System.out.printf("time to first token, median of %d: provider directly %.2f ms, through /v1/chat-messages streaming %.2f ms"
                    + " (p99 %.2f ms): the streaming path adds %.2f ms%n", ttftRounds, d[ttftRounds / 2], w[ttftRounds / 2],
                    w[(int) Math.min(ttftRounds - 1, Math.ceil(ttftRounds * 0.99) - 1)], w[ttftRounds / 2] - d[ttftRounds / 2]);
        } finally {
            ctx.close();
            fake.close();
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU time of the fake provider's threads (its dispatcher and handler threads) that are alive now. */
    private static long fakeProviderCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("fake-openai") || t.getName().equals("HTTP-Dispatcher")) {
                long n = threads.getThreadCpuTime(t.threadId());
                sum += Math.max(0, n);
            }
        }
        return sum;
    }

    private record Result(long[] nanos, int count, int errors, double seconds) {
        double percentile(int p) {
            if (count == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(count - 1, Math.ceil(count * p / 100.0) - 1);
            return nanos[Math.max(0, i)] / 1e6;
        }
    }

    private static Result load(HttpClient http, String url, String key, int concurrency, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger errors = new AtomicInteger();
        List<Future<List<Long>>> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    int n = 0;
                    while (System.nanoTime() < end) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"question " + (n++) + "\",\"inputs\":{},\"user\":\"bench-"
                                        + worker + "\",\"response_mode\":\"blocking\"}"))
                                .build();
                        long s = System.nanoTime();
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - s;
                        if (r.statusCode() != 200 || !r.body().contains("Hello from the fake model")) {
                            if (errors.incrementAndGet() <= 3) {
                                System.out.println("error " + r.statusCode() + ": " + r.body());
                            }
                        } else {
                            latencies.add(took);
                        }
                    }
                    return latencies;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : workers) {
                all.addAll(f.get());
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Result(sorted, sorted.length, errors.get(), elapsed);
        }
    }

    /** Milliseconds from sending the request to the first line holding {@code marker}; reads the rest to the end. */
    private static double firstToken(HttpClient http, HttpRequest request, String marker) throws Exception {
        long s = System.nanoTime();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        double at = Double.NaN;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (Double.isNaN(at) && line.contains(marker)) {
                    at = (System.nanoTime() - s) / 1e6;
                }
            }
        }
        if (Double.isNaN(at)) {
            throw new IllegalStateException("no first token in the response of " + request.uri());
        }
        return at;
    }
}
