package dev.weft.bench;

import dev.weft.WeftApplication;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.publish.key.AppApiKeyService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
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
 * production.
 * <p>By default ({@code loadgen=jvm}) the load generator and the fake provider run in the bench's JVM beside Weft and
 * share the CPUs with it; the CPU per request is then the whole process's. With {@code loadgen=process} they run
 * in a second JVM ({@link ServiceApiLoadProcess}) on the same machine, still sharing its CPUs, and the CPU per
 * request is reported for each process: Weft's own figure is then visible.
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.ServiceApiBench
 * -Dbench.args="concurrency=1,8,32 seconds=10 ttft=200 warmup=20 loadgen=jvm"}
 * ({@code warmup}: seconds of load before each level, by default a third of {@code seconds};
 * {@code profile=FILE.jfr}: a JFR recording, sampling every 5 ms, of the measured part of every level, not the
 * start-up or warm-up, written to {@code FILE.jfr}; in the Weft JVM).
 * <p>The load generator's clients are plain keep-alive sockets on two event loops by default ({@code client=socket}, as wrk's are;
 * {@code client=jdk} uses the JDK HTTP client, which costs about a tenth of Weft's CPU per request), and the fake
 * provider is {@link LoopbackOpenAiServer} ({@code fake=loopback}; {@code fake=full} uses the tests'
 * {@code FakeOpenAiServer} on the JDK HTTP server). Both share the 2 CPUs with Weft, so what they cost is taken
 * from Weft's throughput; each process's CPU per request is printed.
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
        String levels = a.getOrDefault("concurrency", "1,8,32");
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "10"));
        int ttftRounds = Integer.parseInt(a.getOrDefault("ttft", "200"));
        // seconds of load before each level is measured: on a loaded machine the JIT needs a while, and its
        // compilations would otherwise be counted as CPU per request
        int warmup = Integer.parseInt(a.getOrDefault("warmup", Integer.toString(Math.max(2, seconds / 3))));
        boolean separate = switch (a.getOrDefault("loadgen", "jvm")) {
            case "jvm" -> false;
            case "process" -> true;
            default -> throw new IllegalArgumentException("loadgen is jvm (the default) or process");
        };
        Path profile = a.containsKey("profile") ? Path.of(a.get("profile")) : null;
        boolean sockets = switch (a.getOrDefault("client", "socket")) {
            case "socket" -> true;
            case "jdk" -> false;
            default -> throw new IllegalArgumentException("client is socket (the default) or jdk");
        };
        boolean leanFake = switch (a.getOrDefault("fake", "loopback")) {
            case "loopback" -> true;
            case "full" -> false;
            default -> throw new IllegalArgumentException("fake is loopback (the default) or full");
        };

        // the JDK's HTTP server leaves Nagle's algorithm on unless told; with delayed ACKs on loopback every
        // streamed chunk after the first could wait ~40 ms, which would make the fake anything but zero-latency
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // the bench runs from test classes, where no production bundle marker is built: serve Vaadin in production mode
        System.setProperty("vaadin.productionMode", "true");
        Path dataDir = Files.createTempDirectory("weft-service-bench-");
        Process loadProcess = null;
        ServiceApiLoad.Provider fake = null;
        String fakeBaseUrl;
        BufferedReader fromLoad = null;
        if (separate) {
            loadProcess = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), ServiceApiLoadProcess.class.getName(),
                    sockets ? "client=socket" : "client=jdk", leanFake ? "fake=loopback" : "fake=full")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            fromLoad = new BufferedReader(new InputStreamReader(loadProcess.getInputStream(), StandardCharsets.UTF_8));
            String first = fromLoad.readLine();
            if (first == null || !first.startsWith("fake ")) {
                throw new IllegalStateException("the load process did not start its fake provider: " + first);
            }
            fakeBaseUrl = first.substring("fake ".length());
        } else {
            fake = ServiceApiLoad.provider(leanFake);
            fakeBaseUrl = fake.baseUrl();
        }
        ConfigurableApplicationContext ctx = new SpringApplication(WeftApplication.class).run("--weft.data-dir=" + dataDir,
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--weft.security.outbound.allow=127.0.0.1");
        Recording recording = null;
        try {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            Account owner = ctx.getBean(AccountService.class).createOwner("Bench", "bench@example.com", "Bench", "bench-password-1");
            ctx.getBean(ModelProviderService.class).create(ModelProviderDraft.openAiCompatible("fake", fakeBaseUrl, "sk-x", "gpt-fake"));
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
            if (profile != null) {
                Configuration settings = Configuration.getConfiguration("profile");
                recording = new Recording(settings);
                recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(5));
                recording.setDestination(profile);
            }

            System.out.printf("%d processors; blocking chat-messages, zero-latency fake provider, %d s per level; load generator and"
                    + " fake provider %s%n", Runtime.getRuntime().availableProcessors(), seconds,
                    separate ? "in a second JVM (loadgen=process)" : "in Weft's JVM (loadgen=jvm)");
            if (separate) {
                PrintStream toLoad = new PrintStream(loadProcess.getOutputStream(), true, StandardCharsets.UTF_8);
                toLoad.println("go " + url + " " + key + " " + levels + " " + seconds + " " + warmup + " " + ttftRounds);
                long cpu0 = 0;
                long jit0 = 0;
                for (String line = fromLoad.readLine(); line != null && !line.equals("done"); line = fromLoad.readLine()) {
                    String[] f = line.split(" ");
                    switch (f[0]) {
                        case "begin" -> {
                            cpu0 = cpu.getProcessCpuTime();
                            jit0 = jit.getTotalCompilationTime();
                            if (recording != null) {
                                resume(recording);
                            }
                        }
                        case "end" -> {
                            long weftCpu = cpu.getProcessCpuTime() - cpu0;
                            long weftJit = jit.getTotalCompilationTime() - jit0;
                            if (recording != null) {
                                pause(recording);
                            }
                            int count = Integer.parseInt(f[2]);
                            double n = Math.max(1, count);
                            System.out.printf(Locale.ROOT, "concurrency %2d: %7.0f requests/s, p50 %6.2f ms, p99 %6.2f ms, %d requests, %s errors;"
                                            + " CPU per request: Weft's JVM %.3f ms (of which JIT compiling %.3f ms), load generator + fake"
                                            + " provider's JVM %s ms (of which the fake's threads %s ms), load average %.1f%n",
                                    Integer.parseInt(f[1]), count / Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                                    Double.parseDouble(f[6]), count, f[3], weftCpu / 1e6 / n, weftJit / n, f[7], f[8],
                                    cpu.getSystemLoadAverage());
                        }
                        case "ttft" -> System.out.println(new ServiceApiLoad.FirstToken(Integer.parseInt(f[4]), Double.parseDouble(f[1]),
                                Double.parseDouble(f[2]), Double.parseDouble(f[3])).describe());
                        default -> System.out.println(line);
                    }
                }
            } else {
                HttpClient http = ServiceApiLoad.client();
                for (int c : Arrays.stream(levels.split(",")).mapToInt(Integer::parseInt).toArray()) {
                    ServiceApiLoad.load(http, sockets, url, key, c, warmup);
                    if (recording != null) {
                        resume(recording);
                    }
                    long cpu0 = cpu.getProcessCpuTime();
                    long jit0 = jit.getTotalCompilationTime();
                    long fake0 = ServiceApiLoad.threadCpuNanos(ServiceApiLoad.FAKE_THREADS);
                    ServiceApiLoad.Result r = ServiceApiLoad.load(http, sockets, url, key, c, seconds);
                    double fakeMillis = (ServiceApiLoad.threadCpuNanos(ServiceApiLoad.FAKE_THREADS) - fake0) / 1e6 / Math.max(1, r.count());
                    double cpuMillis = (cpu.getProcessCpuTime() - cpu0) / 1e6 / Math.max(1, r.count());
                    double jitMillis = (double) (jit.getTotalCompilationTime() - jit0) / Math.max(1, r.count());
                    if (recording != null) {
                        pause(recording);
                    }
                    System.out.printf(Locale.ROOT, "concurrency %2d: %7.0f requests/s, p50 %6.2f ms, p99 %6.2f ms, %d requests, %d errors;"
                                    + " %.3f ms CPU per request (whole process: Weft, fake provider, load generator; of which JIT"
                                    + " compiling %.3f ms, fake provider's threads %.3f ms), load average %.1f%n",
                            c, r.perSecond(), r.percentile(50), r.percentile(99), r.count(), r.errors(), cpuMillis, jitMillis,
                            fakeMillis, cpu.getSystemLoadAverage());
                }
                if (ttftRounds > 0) {
                    System.out.println(ServiceApiLoad.firstToken(http, fakeBaseUrl, url, key, ttftRounds).describe());
                }
            }
        } finally {
            if (recording != null) {
                recording.close();
                System.out.println("JFR recording of the measured seconds: " + profile);
            }
            ctx.close();
            if (fake != null) {
                fake.close();
            }
            if (loadProcess != null) {
                loadProcess.destroy();
                loadProcess.waitFor();
            }
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Records from now on: the first time starts the recording. */
    private static void resume(Recording recording) {
        if (recording.getState() == jdk.jfr.RecordingState.NEW) {
            recording.start();
        } else {
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(5));
        }
    }

    /** Stops sampling between measured levels (warm-ups are not recorded). */
    private static void pause(Recording recording) {
        recording.disable("jdk.ExecutionSample");
    }
}
