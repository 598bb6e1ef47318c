package dev.weft.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The load generator and the fake provider of {@link ServiceApiBench} in a JVM of their own ({@code loadgen=process}),
 * so that the Weft JVM's CPU time is Weft's alone. It talks to the bench over stdin/stdout, one line each:
 * <pre>
 *   → fake BASE_URL                                     (the fake provider is up)
 *   ← go URL KEY LEVELS SECONDS WARMUP TTFT_ROUNDS       (Weft is set up)
 *   → begin C                                           (after the warm-up of level C, as its measurement starts)
 *   → end C COUNT ERRORS SECONDS P50_MS P99_MS LOAD_CPU_MS FAKE_CPU_MS   (CPU ms per request of this process, of the fake's threads)
 *   → ttft DIRECT_MS VIA_WEFT_MS VIA_WEFT_P99_MS ROUNDS
 *   → done
 * </pre>
 * Anything else it prints (the first errors of a level) is passed through by the bench. Arguments:
 * {@code client=jdk} loads with the JDK HTTP client instead of plain sockets, {@code fake=full} answers with the
 * tests' {@code FakeOpenAiServer} instead of {@link LoopbackOpenAiServer}.
 */
public final class ServiceApiLoadProcess {

    private ServiceApiLoadProcess() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        OperatingSystemMXBean cpu = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean sockets = !java.util.List.of(args).contains("client=jdk");
        try (ServiceApiLoad.Provider fake = ServiceApiLoad.provider(!java.util.List.of(args).contains("fake=full"))) {
            System.out.println("fake " + fake.baseUrl());
            String line = in.readLine();
            if (line == null || !line.startsWith("go ")) {
                throw new IllegalStateException("expected 'go …' from the bench, got " + line);
            }
            String[] go = line.split(" ");
            String url = go[1];
            String key = go[2];
            int[] levels = Arrays.stream(go[3].split(",")).mapToInt(Integer::parseInt).toArray();
            int seconds = Integer.parseInt(go[4]);
            int warmup = Integer.parseInt(go[5]);
            int ttftRounds = Integer.parseInt(go[6]);
            HttpClient http = ServiceApiLoad.client();
            for (int c : levels) {
                ServiceApiLoad.load(http, sockets, url, key, c, warmup);
                System.out.println("begin " + c);
                long cpu0 = cpu.getProcessCpuTime();
                long fake0 = ServiceApiLoad.threadCpuNanos(ServiceApiLoad.FAKE_THREADS);
                ServiceApiLoad.Result r = ServiceApiLoad.load(http, sockets, url, key, c, seconds);
                double n = Math.max(1, r.count());
                System.out.printf(java.util.Locale.ROOT, "end %d %d %d %.3f %.3f %.3f %.4f %.4f%n", c, r.count(), r.errors(), r.seconds(),
                        r.percentile(50), r.percentile(99), (cpu.getProcessCpuTime() - cpu0) / 1e6 / n,
                        (ServiceApiLoad.threadCpuNanos(ServiceApiLoad.FAKE_THREADS) - fake0) / 1e6 / n);
            }
            if (ttftRounds > 0) {
                ServiceApiLoad.FirstToken t = ServiceApiLoad.firstToken(http, fake.baseUrl(), url, key, ttftRounds);
                System.out.printf(java.util.Locale.ROOT, "ttft %.3f %.3f %.3f %d%n", t.direct(), t.viaWeft(), t.viaWeftP99(), t.rounds());
            }
            System.out.println("done");
        }
    }
}
