package dev.weft.model.http;

import dev.weft.model.ModelException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange whose response body is read line by line as it arrives. The client's threads push the
 * status and each line into a queue; the calling thread takes them with a timeout, so a waiting caller
 * notices an interrupt at once. {@link #close()} cancels an exchange that has not finished, which drops
 * the connection. Every wire format (OpenAI's SSE, Anthropic's and Gemini's SSE, Ollama's NDJSON) reads through it.
 */
public final class LineExchange implements AutoCloseable {

    private sealed interface Item permits Status, Line, End, Failed {}

    private record Status(int code, HttpHeaders headers) implements Item {}

    private record Line(String text) implements Item {}

    private record End() implements Item {}

    private record Failed(Throwable error) implements Item {}

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final String target;
    private final Duration responseTimeout;
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<HttpResponse<Void>> response;
    private boolean finished;
    private HttpHeaders headers = HttpHeaders.of(java.util.Map.of(), (a, b) -> true);

    private LineExchange(String target, Duration responseTimeout) {
        this.target = target;
        this.responseTimeout = responseTimeout;
    }

    /**
     * Starts sending; returns at once. {@code target} names the server in error messages; {@code responseTimeout}
     * is the request's own timeout for the response headers.
     */
    public static LineExchange start(HttpClient client, HttpRequest request, String target, Duration responseTimeout) {
        LineExchange exchange = new LineExchange(target, responseTimeout);
        exchange.response = client.sendAsync(request, info -> {
            exchange.items.add(new Status(info.statusCode(), info.headers()));
            return HttpResponse.BodySubscribers.fromLineSubscriber(exchange.new LineSink(), s -> null, StandardCharsets.UTF_8, null);
        });
        exchange.response.whenComplete((r, error) -> {
            if (error != null) {
                exchange.items.add(new Failed(error));
            }
        });
        return exchange;
    }

    /**
     * Starts the exchange and waits for a 2xx status. Any other status reads the error body and throws the
     * {@link ModelException} {@link UpstreamErrors#of} makes of it (status, Retry-After, the upstream's message).
     */
    public static LineExchange open(HttpClient client, HttpRequest request, String target, Duration connectTimeout,
            Duration responseTimeout, Duration idleTimeout) throws InterruptedException {
        LineExchange exchange = start(client, request, target, responseTimeout);
        try {
            int status = exchange.awaitStatus(connectTimeout);
            if (status < 200 || status > 299) {
                throw UpstreamErrors.of(target, status, exchange.headers(), exchange.readAll(idleTimeout));
            }
            return exchange;
        } catch (RuntimeException | InterruptedException e) {
            exchange.close();
            throw e;
        }
    }

    /** Waits for the response status, at most the response timeout plus {@code slack} (for connecting). */
    public int awaitStatus(Duration slack) throws InterruptedException {
        Item item = take(responseTimeout.plus(slack), "answer");
        return switch (item) {
            case Status s -> {
                headers = s.headers();
                yield s.code();
            }
            case Failed f -> throw failure(f.error());
            default -> throw new ModelException(target + " sent no response status", 0);
        };
    }

    /** The response headers, once {@link #awaitStatus} returned (empty before). */
    public HttpHeaders headers() {
        return headers;
    }

    /** The next line of the body, or null at its end. Throws when no data came for {@code idleTimeout}. */
    public String nextLine(Duration idleTimeout) throws InterruptedException {
        if (finished) {
            return null;
        }
        Item item = take(idleTimeout, "send more of its reply");
        return switch (item) {
            case Line l -> l.text();
            case End e -> {
                finished = true;
                yield null;
            }
            case Failed f -> {
                finished = true;
                throw failure(f.error());
            }
            case Status s -> throw new ModelException(target + " sent a second response status " + s.code(), 0);
        };
    }

    /**
     * The payload of the next {@code data:} line of a server-sent event stream that has one (stripped), or null at the
     * end of the body; other lines ({@code event:}, comments, blank separators) are passed over. Throws when the
     * calling thread is interrupted.
     */
    public String nextEventData(Duration idleTimeout) throws InterruptedException {
        for (String line = nextLine(idleTimeout); line != null; line = nextLine(idleTimeout)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            if (line.startsWith("data:") && !line.substring(5).isBlank()) {
                return line.substring(5).strip();
            }
        }
        return null;
    }

    /** The rest of the body as text, lines joined with newlines. */
    public String readAll(Duration idleTimeout) throws InterruptedException {
        StringBuilder body = new StringBuilder();
        for (String line = nextLine(idleTimeout); line != null; line = nextLine(idleTimeout)) {
            if (!body.isEmpty()) {
                body.append('\n');
            }
            body.append(line);
        }
        return body.toString();
    }

    /**
     * For a wire format whose own end marker (OpenAI's {@code data: [DONE]}) comes before the end of the HTTP body:
     * waits up to {@code grace} for the body's end, passing over what comes before it, so that the connection goes
     * back to the client's pool for the next call; {@link #close()} would otherwise cancel the exchange and drop the
     * connection whenever the body's last bytes had not arrived yet. A server that holds the body open longer is
     * cut off by {@link #close()} as before.
     */
    public void awaitEnd(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!finished) {
            long left = deadline - System.nanoTime();
            Item item = left > 0 ? items.poll(left, TimeUnit.NANOSECONDS) : null;
            if (item == null) {
                return;
            }
            if (item instanceof End || item instanceof Failed) {
                finished = true; // a failure after the end marker changes nothing of the answer
            }
        }
    }

    /** Cancels the exchange unless the body was read to its end. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<HttpResponse<Void>> r = response;
        if (r != null) {
            r.cancel(true);
        }
    }

    private Item take(Duration timeout, String what) throws InterruptedException {
        Item item = items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new ModelException(target + " did not " + what + " within " + seconds(timeout), 0);
        }
        return item;
    }

    private ModelException failure(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ModelException m) {
            return m;
        }
        if (cause instanceof CancellationException) {
            return new ModelException("the call to " + target + " was cancelled", cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new ModelException("connecting to " + target + " timed out", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ModelException(target + " did not answer within " + seconds(responseTimeout), cause);
        }
        if (cause instanceof ConnectException || hasCause(cause, ConnectException.class)) {
            return new ModelException("could not connect to " + target + " (connection refused): is the server running?", cause);
        }
        if (hasCause(cause, UnresolvedAddressException.class)) {
            return new ModelException("could not resolve the host of " + target, cause);
        }
        if (cause instanceof IOException) {
            return new ModelException("the call to " + target + " failed: " + cause.getMessage(), cause);
        }
        return new ModelException("the call to " + target + " failed: " + cause, cause);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Receives the decoded lines on the client's threads. */
    private final class LineSink implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            items.add(new Line(line));
        }

        @Override
        public void onError(Throwable error) {
            items.add(new Failed(error));
        }

        @Override
        public void onComplete() {
            items.add(new End());
        }
    }
}
