package dev.weft.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator built as wrk is: a few event-loop threads (one {@link Selector} each) that keep
 * {@code concurrency} keep-alive HTTP/1.1 connections busy, each sending its next request as soon as the last
 * response is complete. With 32 connections on 2 threads it costs the shared CPUs much less than a thread per
 * connection, which spends most of its time switching between blocked threads.
 * <p>A response is complete at the end of its Content-Length or chunked body; a response with
 * {@code Connection: close} (Tomcat sends one every 100 requests of a connection) closes the connection and the
 * next request opens a new one.
 */
final class EventLoopLoad {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final URI uri;
    private final String key;
    private final String expected;

    EventLoopLoad(URI uri, String key, String expected) {
        this.uri = uri;
        this.key = key;
        this.expected = expected;
    }

    ServiceApiLoad.Result run(int concurrency, int seconds, int threads) throws Exception {
        int loops = Math.max(1, Math.min(threads, concurrency));
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger errors = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<long[]>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(loops, Thread.ofPlatform().name("event-loop-load-", 0).factory())) {
            int first = 0;
            for (int l = 0; l < loops; l++) {
                int count = concurrency / loops + (l < concurrency % loops ? 1 : 0);
                int from = first;
                results.add(pool.submit(() -> loop(from, count, end, errors)));
                first += count;
            }
            List<long[]> all = new ArrayList<>();
            int n = 0;
            for (Future<long[]> f : results) {
                long[] r = f.get();
                all.add(r);
                n += r.length;
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long[] sorted = new long[n];
            int at = 0;
            for (long[] r : all) {
                System.arraycopy(r, 0, sorted, at, r.length);
                at += r.length;
            }
            java.util.Arrays.sort(sorted);
            return new ServiceApiLoad.Result(sorted, n, errors.get(), elapsed);
        }
    }

    /** One event loop over {@code count} connections; returns the latencies of its successful requests. */
    private long[] loop(int firstWorker, int count, long end, AtomicInteger errors) throws IOException {
        LongList latencies = new LongList();
        try (Selector selector = Selector.open()) {
            List<Connection> connections = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Connection c = new Connection(firstWorker + i);
                connections.add(c);
                c.send(selector);
            }
            while (System.nanoTime() < end) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    Connection c = (Connection) k.attachment();
                    String failure = null;
                    boolean done = false;
                    try {
                        if (k.isValid() && k.isWritable()) {
                            c.write(k);
                        }
                        if (k.isValid() && k.isReadable()) {
                            done = c.read();
                            if (done) {
                                failure = c.failure();
                            }
                        }
                    } catch (IOException e) {
                        done = true;
                        failure = "not sent: " + e;
                        c.close();
                    }
                    if (done) {
                        if (failure == null) {
                            latencies.add(System.nanoTime() - c.start);
                        } else if (errors.incrementAndGet() <= 3) {
                            System.out.println("error " + failure);
                        }
                        if (System.nanoTime() < end) {
                            try {
                                c.send(selector);
                            } catch (IOException e) {
                                errors.incrementAndGet();
                                c.close();
                            }
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            connections.forEach(Connection::close);
        }
        return latencies.toArray();
    }

    /** One keep-alive connection and the request and response in flight on it. */
    private final class Connection {
        private final int worker;
        private SocketChannel channel;
        private SelectionKey key;
        private int n;
        private long start;
        private ByteBuffer out;
        private byte[] in = new byte[16 * 1024];
        private int length;
        /** Where the body starts, once the head is read; -1 before. */
        private int bodyStart = -1;
        /** The response's head, once read. */
        private HttpRequestHead head;

        Connection(int worker) {
            this.worker = worker;
        }

        void send(Selector selector) throws IOException {
            if (channel == null) {
                channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                key = channel.register(selector, SelectionKey.OP_WRITE, this);
            }
            byte[] body = ("{\"query\":\"question " + (n++) + "\",\"inputs\":{},\"user\":\"bench-" + worker
                    + "\",\"response_mode\":\"blocking\"}").getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + EventLoopLoad.this.uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + EventLoopLoad.this.key
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            out = ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip();
            length = 0;
            bodyStart = -1;
            start = System.nanoTime();
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        void write(SelectionKey k) throws IOException {
            channel.write(out);
            if (!out.hasRemaining()) {
                k.interestOps(SelectionKey.OP_READ);
            }
        }

        /** Reads what has arrived; true when the response is complete. */
        boolean read() throws IOException {
            if (length == in.length) {
                in = java.util.Arrays.copyOf(in, in.length * 2);
            }
            int r = channel.read(ByteBuffer.wrap(in, length, in.length - length));
            if (r < 0) {
                throw new IOException("the connection closed before the response was complete");
            }
            length += r;
            if (bodyStart < 0 && !parseHead()) {
                return false;
            }
            if (!complete()) {
                return false;
            }
            if (head.close()) {
                close();
            }
            return true;
        }

        private boolean parseHead() throws IOException {
            int endOfHead = indexOf(in, 0, length, END_OF_HEAD);
            if (endOfHead < 0) {
                return false;
            }
            head = HttpRequestHead.read(new ByteArrayInputStream(in, 0, endOfHead + 4));
            bodyStart = endOfHead + 4;
            return true;
        }

        /** Whether the whole body is in: its Content-Length, or chunks up to the last, empty one (no trailers). */
        private boolean complete() {
            if (!head.chunked()) {
                return length >= bodyStart + head.contentLength();
            }
            int read = bodyStart;
            while (true) {
                int eol = indexOf(in, read, length, CRLF);
                if (eol < 0) {
                    return false;
                }
                int n = chunkSize(eol, read);
                if (n == 0) {
                    return length >= eol + 4;
                }
                read = eol + 2 + n + 2;
                if (length < read) {
                    return false;
                }
            }
        }

        private int chunkSize(int eol, int from) {
            String size = new String(in, from, eol - from, StandardCharsets.ISO_8859_1);
            int semicolon = size.indexOf(';');
            return Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
        }

        String failure() throws IOException {
            String text = new String(head.body(new ByteArrayInputStream(in, bodyStart, length - bodyStart)), StandardCharsets.UTF_8);
            return head.status() == 200 && text.contains(expected) ? null : head.status() + ": " + text;
        }

        void close() {
            if (channel != null) {
                try {
                    key.cancel();
                    channel.close();
                } catch (IOException e) {
                    // closing anyway
                }
                channel = null;
                key = null;
            }
        }
    }

    private static int indexOf(byte[] a, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (a[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A growable list of longs. */
    private static final class LongList {
        private long[] values = new long[1 << 16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
