package dev.weft.api.service;

import dev.weft.api.sse.DifyRunStream;
import dev.weft.api.sse.SseEventWriter;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link RunStream} to one client as {@code text/event-stream}, from its first event, each event
 * flushed as it comes, with {@code event: ping} after every 10 s of silence. A client that goes away stops
 * only its own reading; the run goes on and can be re-attached.
 */
final class RunStreamResponse {

    private static final Logger log = LoggerFactory.getLogger(RunStreamResponse.class);

    private RunStreamResponse() {}

    static SseEventWriter follow(RunStream stream, Duration timeout, String name) {
        SseEventWriter writer = new SseEventWriter(timeout);
        Thread.ofVirtual().name("sse-" + name).start(() -> pump(stream, writer, name));
        return writer;
    }

    private static void pump(RunStream stream, SseEventWriter writer, String name) {
        long pingMillis = DifyRunStream.PING_INTERVAL.toMillis();
        int index = 0;
        try {
            while (true) {
                RunStream.Next next = stream.next(index, pingMillis);
                switch (next) {
                    case RunStream.Next.Event e -> {
                        writer.data(e.payload());
                        index++;
                    }
                    case RunStream.Next.Silence s -> writer.ping();
                    case RunStream.Next.End end -> {
                        writer.complete();
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.complete();
        } catch (IOException | IllegalStateException e) {
            log.debug("client of {} went away: {}", name, e.toString());
        }
    }
}
