package dev.weft.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load {@link ServiceApiBench} puts on {@code POST /v1/chat-messages}: {@code concurrency} clients, each
 * sending its next blocking request as soon as the last one was answered, and the time-to-first-token probe of
 * the streaming path. Used in the bench's own JVM or in the separate load process ({@link ServiceApiLoadProcess}).
 */
final class ServiceApiLoad {

    /** What the answer of every blocking request must contain. */
    static final String ANSWER = "Hello from the fake model";

    private ServiceApiLoad() {}

    /** The latencies of the requests that succeeded, sorted, and how many failed. */
    record Result(long[] nanos, int count, int errors, double seconds) {
        double percentile(int p) {
            if (count == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(count - 1, Math.ceil(count * p / 100.0) - 1);
            return nanos[Math.max(0, i)] / 1e6;
        }

        double perSecond() {
            return count / seconds;
        }
    }

    /** The zero-latency provider Weft's LLM node calls: its base URL, closed with the bench. */
    interface Provider extends AutoCloseable {
        String baseUrl();
    }

    /** {@link LoopbackOpenAiServer} when {@code lean}, else the tests' {@code FakeOpenAiServer}. */
    static Provider provider(boolean lean) throws java.io.IOException {
        if (lean) {
            LoopbackOpenAiServer server = new LoopbackOpenAiServer(ANSWER, 10, 5);
            return new Provider() {
                public String baseUrl() { return server.baseUrl(); }
                public void close() throws Exception { server.close(); }
            };
        }
        dev.weft.model.openai.FakeOpenAiServer fake = dev.weft.model.openai.FakeOpenAiServer.start().keepRequests(false)
                .defaultReply(dev.weft.model.openai.FakeOpenAiServer.Reply.text(ANSWER).withUsage(10, 5));
        return new Provider() {
            public String baseUrl() { return fake.baseUrl(); }
            public void close() { fake.close(); }
        };
    }

    /** The load over plain sockets ({@link #loadOverSockets}) or through the JDK HTTP client. */
    static Result load(HttpClient http, boolean sockets, String url, String key, int concurrency, int seconds) throws Exception {
        return sockets ? loadOverSockets(url, key, concurrency, seconds) : load(http, url, key, concurrency, seconds);
    }

    /** The client of the load: HTTP/1.1 with keep-alive, on virtual threads. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /**
     * {@code concurrency} clients send blocking chat requests for {@code seconds}. A request is an error when its
     * status is not 200, its answer is not the fake's, or it failed to be sent; the first three are printed.
     */
    static Result load(HttpClient http, String url, String key, int concurrency, int seconds) throws Exception {
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
                        String failure;
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            failure = r.statusCode() == 200 && r.body().contains(ANSWER) ? null : r.statusCode() + ": " + r.body();
                        } catch (IOException e) {
                            failure = "not sent: " + e;
                        }
                        long took = System.nanoTime() - s;
                        if (failure == null) {
                            latencies.add(took);
                        } else if (errors.incrementAndGet() <= 3) {
                            System.out.println("error " + failure);
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

    /**
     * As {@link #load(HttpClient, String, String, int, int)}, but over plain keep-alive sockets driven by two
     * event loops ({@link EventLoopLoad}), as wrk does: a load generator that costs the shared CPUs little (the JDK
     * HTTP client costs about as much per request as the fake provider and a tenth of Weft).
     */
    static Result loadOverSockets(String url, String key, int concurrency, int seconds) throws Exception {
        return new EventLoopLoad(URI.create(url), key, ANSWER).run(concurrency, seconds, 2);
    }

    /** Medians of the time to first token: the provider directly, and through Weft's streaming chat-messages. */
    record FirstToken(int rounds, double direct, double viaWeft, double viaWeftP99) {
        String describe() {
            return String.format("time to first token, median of %d: provider directly %.2f ms, through /v1/chat-messages streaming %.2f ms"
                    + " (p99 %.2f ms): the streaming path adds %.2f ms", rounds, direct, viaWeft, viaWeftP99, viaWeft - direct);
        }
    }

    static FirstToken firstToken(HttpClient http, String fakeBaseUrl, String url, String key, int rounds) throws Exception {
        HttpRequest direct = HttpRequest.newBuilder(URI.create(fakeBaseUrl + "/chat/completions"))
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
        double[] d = new double[rounds];
        double[] w = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            d[i] = firstToken(http, direct, "\"content\":\"Hello");
            w[i] = firstToken(http, viaWeft, "\"event\":\"message\"");
        }
        Arrays.sort(d);
        Arrays.sort(w);
        return new FirstToken(rounds, d[rounds / 2], w[rounds / 2], w[(int) Math.min(rounds - 1, Math.ceil(rounds * 0.99) - 1)]);
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

    /**
     * CPU time of this JVM's live platform threads whose names start with one of {@code prefixes} (the fake
     * provider's dispatcher and handler threads). Virtual threads are not
     * counted: the JDK does not measure them one by one.
     */
    static long threadCpuNanos(String... prefixes) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String p : prefixes) {
                if (t.getName().startsWith(p)) {
                    sum += Math.max(0, threads.getThreadCpuTime(t.threadId()));
                    break;
                }
            }
        }
        return sum;
    }

    /** The fake provider's threads (see {@code FakeOpenAiServer}) and the JDK HTTP server's dispatcher. */
    static final String[] FAKE_THREADS = {"fake-openai", "HTTP-Dispatcher", LoopbackOpenAiServer.THREAD_PREFIX};
}
