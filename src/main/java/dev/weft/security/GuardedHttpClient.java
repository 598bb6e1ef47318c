package dev.weft.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.springframework.stereotype.Component;

/**
 * The only way Weft's nodes reach other machines. Checks the URL (http or https only) and the address of every
 * redirect hop with {@link OutboundAddressGuard}, following up to {@value #MAX_REDIRECTS} redirects itself. Never
 * uses a proxy. The read timeout bounds the wait for the response headers; connect + read bounds the whole exchange.
 */
@Component
public class GuardedHttpClient {

    public static final int MAX_REDIRECTS = 5;

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** Headers not forwarded when a redirect leads to another origin. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

    private final OutboundAddressGuard guard;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    public GuardedHttpClient(OutboundAddressGuard guard) {
        this.guard = guard;
    }

    /**
     * Sends the request, following redirects. Throws {@link RefusedAddressException} for a refused address (also on
     * a redirect hop), {@link ResponseTooLargeException} for an oversized body, {@link HttpTimeoutException} on time-out.
     */
    public OutboundResponse send(OutboundRequest request) throws IOException, InterruptedException {
        URI uri = request.uri();
        String method = request.method();
        HttpRequest.BodyPublisher body = request.body();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        for (int hop = 0; ; hop++) {
            checkUri(uri);
            OutboundResponse response = exchange(request, method, uri, headers, body);
            int status = response.statusCode();
            var location = response.header("location");
            if (!isRedirect(status) || location.isEmpty()) {
                return response;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new IOException("too many redirects: more than " + MAX_REDIRECTS + " starting at " + request.uri());
            }
            URI next;
            try {
                next = uri.resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                throw new IOException("bad redirect location '" + location.get() + "' from " + uri, e);
            }
            if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
                method = "GET";
                body = null;
                headers.keySet().removeIf(k -> k.equalsIgnoreCase("content-type"));
            }
            if (!sameOrigin(uri, next)) {
                headers.keySet().removeIf(k -> CREDENTIALS.contains(k.toLowerCase(Locale.ROOT)));
            }
            uri = next;
        }
    }

    private void checkUri(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("only http and https URLs may be requested, got '" + uri + "'");
        }
        if (uri.getHost() == null) {
            throw new IOException("the URL '" + uri + "' has no host");
        }
        guard.check(uri.getHost());
    }

    private OutboundResponse exchange(OutboundRequest request, String method, URI uri, Map<String, String> headers,
            HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(request.readTimeout())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach((name, value) -> {
            if (!name.isBlank() && !RESTRICTED.contains(name.trim().toLowerCase(Locale.ROOT))) {
                builder.header(name.trim(), value == null ? "" : value);
            }
        });
        long max = request.maxResponseBytes();
        CompletableFuture<HttpResponse<byte[]>> future = client(request.connectTimeout(), request.verifyTls())
                .sendAsync(builder.build(), info -> new LimitedBodySubscriber(max, info.headers().firstValueAsLong("content-length").orElse(-1)));
        long deadline = request.connectTimeout().plus(request.readTimeout()).toMillis();
        try {
            HttpResponse<byte[]> response = future.get(deadline, TimeUnit.MILLISECONDS);
            return new OutboundResponse(response.statusCode(), uri, response.headers().map(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response from " + uri + " within " + Duration.ofMillis(deadline).toSeconds() + " s");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw new HttpConnectTimeoutException("could not connect to " + uri.getHost() + " within "
                        + request.connectTimeout().toSeconds() + " s");
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(Objects.toString(cause.getMessage(), cause.toString()), cause);
        }
    }

    private HttpClient client(Duration connectTimeout, boolean verifyTls) {
        return clients.computeIfAbsent(connectTimeout.toMillis() + "/" + verifyTls, key -> {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .version(HttpClient.Version.HTTP_1_1);
            if (!verifyTls) {
                b.sslContext(trustAll());
            }
            return b.build();
        });
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && a.getHost().equalsIgnoreCase(Objects.toString(b.getHost(), ""))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** For {@code ssl_verify: false}: accepts any certificate and host name. */
    private static SSLContext trustAll() {
        X509ExtendedTrustManager any = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a, java.net.Socket s) {}
            @Override public void checkServerTrusted(X509Certificate[] c, String a, java.net.Socket s) {}
            @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}
            @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}
            @Override public void checkClientTrusted(X509Certificate[] c, String a) {}
            @Override public void checkServerTrusted(X509Certificate[] c, String a) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {any}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS without verification", e);
        }
    }

    /** Collects a body up to a limit, failing as soon as it is exceeded. */
    private static final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

        private final long max;
        private final long declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long size;

        LimitedBodySubscriber(long max, long declared) {
            this.max = max;
            this.declared = declared;
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > max) {
                s.cancel();
                result.completeExceptionally(tooLarge(declared));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : items) {
                size += buffer.remaining();
                if (size > max) {
                    subscription.cancel();
                    result.completeExceptionally(tooLarge(size));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        private ResponseTooLargeException tooLarge(long bytes) {
            return new ResponseTooLargeException("response body is larger than the limit of " + max + " bytes (at least " + bytes + " bytes)");
        }
    }
}
