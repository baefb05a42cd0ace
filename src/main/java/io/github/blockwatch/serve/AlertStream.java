package io.github.blockwatch.serve;

import io.github.blockwatch.avro.RangeAlert;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code GET /api/alerts/stream}: Server-Sent Events for any client that asks, whatever its {@code Accept}
 * header. Each {@code alert} event carries {@code id:}, the alert's position in the alert history (1 for
 * the first alert of {@code blockwatch.alerts}); a client that reconnects with {@code Last-Event-ID} (as a
 * browser's EventSource does by itself) first gets every alert after that one, then the live ones. Without
 * it, a client gets the alerts committed after it connected.
 *
 * <p>Each stream holds one server thread, which sleeps until an alert arrives or the heartbeat interval
 * passes, then writes (a comment when there is nothing to say). A client that went away is found at the
 * next write, so its connection is released within about two heartbeats, alert or not. At most
 * {@link ServeOptions#maxStreams()} streams are open at once: one more is answered 503.
 *
 * <p>Positions are those of this instance's reading of the topic: with one partition (the default) they
 * are the same on every instance and across restarts.
 */
final class AlertStream {
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final int BATCH = 500;

    private final TopicHistory<RangeAlert> alerts;
    private final Function<RangeAlert, String> json;
    private final Semaphore slots;
    private final int maxStreams;
    private final Duration heartbeat;
    private final AtomicInteger open = new AtomicInteger();

    /** @param json an alert's JSON text, as {@code /api/alerts} shows it */
    AlertStream(TopicHistory<RangeAlert> alerts, Function<RangeAlert, String> json, int maxStreams, Duration heartbeat) {
        this.alerts = alerts;
        this.json = json;
        this.slots = new Semaphore(maxStreams);
        this.maxStreams = maxStreams;
        this.heartbeat = heartbeat;
    }

    /** Streams alerts to the client of {@code ctx} until it goes away or the server closes. */
    void serve(Context ctx) throws InterruptedException {
        Long lastSeen = lastEventId(ctx);
        if (!slots.tryAcquire()) {
            throw ApiException.busy("busy: " + maxStreams + " alert streams are open; try again later", 10);
        }
        open.incrementAndGet();
        try {
            HttpServletResponse response = ctx.res();
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", ResponseHeaders.NO_STORE);
            response.setHeader("X-Accel-Buffering", "no"); // nginx: pass each event on at once
            ServletOutputStream out = response.getOutputStream();
            // A first comment tells the client (and proxies) the stream is open before any alert comes.
            write(out, ": connected\n\n");
            long next = lastSeen != null ? lastSeen : -1;
            while (!alerts.isClosed()) {
                if (next < 0) {
                    OptionalLong size = alerts.sizeOnceCaughtUp(heartbeat); // what exists now is not news
                    if (size.isPresent()) {
                        next = size.getAsLong();
                        continue;
                    }
                    write(out, ": heartbeat\n\n");
                    continue;
                }
                List<RangeAlert> batch = alerts.after(next, BATCH, heartbeat);
                if (batch.isEmpty()) {
                    write(out, ": heartbeat\n\n");
                    continue;
                }
                StringBuilder events = new StringBuilder();
                for (RangeAlert alert : batch) {
                    next++;
                    events.append("id: ").append(next).append('\n')
                            .append("event: alert\n")
                            .append("data: ").append(json.apply(alert)).append("\n\n");
                }
                write(out, events.toString());
            }
        } catch (IOException e) {
            // The client went away: its connection is released now.
        } finally {
            open.decrementAndGet();
            slots.release();
        }
    }

    /** Streams open now. */
    int open() {
        return open.get();
    }

    private static void write(ServletOutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The position a reconnecting client last saw: {@code Last-Event-ID}, or null for a new client. */
    private static Long lastEventId(Context ctx) {
        String text = ctx.header(LAST_EVENT_ID);
        if (text == null || text.isBlank()) {
            text = ctx.queryParam("lastEventId"); // for clients that cannot set headers
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(text.strip());
            if (position < 0) {
                throw ApiException.badRequest("Last-Event-ID: not a position in the alert history '" + text + "'");
            }
            return position;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Last-Event-ID: not a position in the alert history '" + text + "'");
        }
    }
}
