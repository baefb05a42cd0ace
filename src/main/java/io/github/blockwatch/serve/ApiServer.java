package io.github.blockwatch.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.topology.StoreNames;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of a running Streams application (Javalin on Jetty): the JSON API under {@code /api},
 * {@code /metrics}, {@code /openapi.json} and the dashboard at {@code /}. Queries on the address table go
 * to the one instance that holds it; any instance forwards them there.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private final Javalin javalin;
    private final HttpEndpoint endpoint;
    private final TopicHistory<DumpStats> stats;
    private final TopicHistory<RangeAlert> alerts;
    private final TopicHistory<DeadLetter> dlq;
    private final BlockwatchMetrics metrics;
    private final AlertStream stream;
    private final boolean https;

    private ApiServer(Javalin javalin, HttpEndpoint endpoint, boolean https, TopicHistory<DumpStats> stats,
                      TopicHistory<RangeAlert> alerts, TopicHistory<DeadLetter> dlq, BlockwatchMetrics metrics,
                      AlertStream stream) {
        this.stream = stream;
        this.https = https;
        this.javalin = javalin;
        this.endpoint = endpoint;
        this.stats = stats;
        this.alerts = alerts;
        this.dlq = dlq;
        this.metrics = metrics;
    }

    /**
     * Starts serving {@code streams}, whose {@code application.server} must be {@code endpoint} when
     * several instances run ({@code distributed}); alone, every store is local.
     */
    public static ApiServer start(ClientSettings clients, KafkaStreams streams, HttpEndpoint endpoint, boolean distributed) {
        return start(clients, streams, endpoint, distributed, null);
    }

    /**
     * As {@link #start(ClientSettings, KafkaStreams, HttpEndpoint, boolean)}, serving HTTPS only when
     * {@code tls} is given (and forwarding to the other instances over HTTPS, which must then serve TLS too).
     */
    public static ApiServer start(ClientSettings clients, KafkaStreams streams, HttpEndpoint endpoint, boolean distributed,
                                  HttpsKeystore tls) {
        return start(clients, streams, endpoint, distributed, tls, ServeOptions.defaults());
    }

    /**
     * As {@link #start(ClientSettings, KafkaStreams, HttpEndpoint, boolean, HttpsKeystore)}, admitting requests
     * as {@code options} says (host names, open streams, concurrent listings).
     */
    public static ApiServer start(ClientSettings clients, KafkaStreams streams, HttpEndpoint endpoint, boolean distributed,
                                  HttpsKeystore tls, ServeOptions options) {
        ObjectMapper json = JavalinJackson.defaultMapper();
        StoreAccess stores = new StoreAccess(streams, distributed ? endpoint.advertised() : null);
        Forwarder forwarder = new Forwarder(tls);
        EntryFetcher entries = new EntryFetcher(stores, forwarder, json);
        OwnerIndex owners = new OwnerIndex(stores);
        TopicHistory<DumpStats> stats = TopicHistory.keeping(clients, Topics.STATS).start();
        TopicHistory<RangeAlert> alerts = TopicHistory.keeping(clients, Topics.ALERTS).start();
        TopicHistory<DeadLetter> dlq = TopicHistory.counting(clients, Topics.DLQ).start();
        SourcesView sources = new SourcesView(stores, stats);
        IpLookup lookup = new IpLookup(stores, entries, owners, sources);
        RangeListing ranges = new RangeListing(stores, owners, sources);
        StatsView statsView = new StatsView(stores, stats, sources);
        AlertFeed feed = new AlertFeed(alerts);
        AlertStream stream = new AlertStream(alerts, feed::text, options.maxStreams(), options.heartbeat());
        ListingGate listings = new ListingGate(options.maxListings(), options.listingWait());
        HostCheck hosts = HostCheck.of(endpoint, options);
        BlockwatchMetrics metrics = new BlockwatchMetrics(streams, statsView, sources, stats, alerts, dlq);
        TableRoute table = new TableRoute(stores, forwarder);
        PointInTimeLookup history = new PointInTimeLookup(stores, stats, sources);
        DecisionsView decisions = new DecisionsView(stores, stats);
        WatchlistsView watchlists = new WatchlistsView(stores);

        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            if (tls != null) {
                // Javalin adds its plain HTTP connector only when none is configured: this one replaces it.
                config.jetty.addConnector((server, http) -> httpsConnector(server, http, tls, endpoint));
            }
            config.jsonMapper(new JavalinJackson(json, false));
            // Each open alert stream holds a thread: the pool has room for all of them besides the usual 200.
            QueuedThreadPool threads = new QueuedThreadPool(200 + options.maxStreams(), 8, 60_000);
            threads.setName("blockwatch-http");
            config.jetty.threadPool = threads;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", ResponseHeaders.REVALIDATE);
            });
            config.staticFiles.enableWebjars();
            config.routes.before(ctx -> {
                ResponseHeaders.security(ctx::header);
                if (ResponseHeaders.isLive(ctx.path())) {
                    ctx.header("Cache-Control", ResponseHeaders.NO_STORE);
                }
                hosts.check(ctx.header("Host"));
            });
            config.routes.get("/api/ip/{ip}", ctx -> {
                var address = IpLookup.parseAddress(ctx.pathParam("ip"));
                String at = ctx.queryParam("at");
                if (at == null) {
                    table.answer(ctx, () -> lookup.lookup(address));
                } else {
                    var time = PointInTimeLookup.parseTime(at);
                    table.answer(ctx, () -> history.at(address, time));
                }
            });
            config.routes.get("/api/ip/{ip}/history", ctx -> {
                var address = IpLookup.parseAddress(ctx.pathParam("ip"));
                table.answer(ctx, () -> history.history(address));
            });
            config.routes.get("/api/decisions", ctx -> table.answer(ctx, () -> listings.run(() -> decisions.page(
                    ctx.queryParam("cursor"), limit(ctx, DecisionsView.DEFAULT_LIMIT, DecisionsView.MAX_LIMIT)))));
            // Numbers hold '/' (27-31-2018/Ид2971-18): the query form always works, the path form takes
            // the rest of the path, slashes included.
            config.routes.get("/api/decisions/by", ctx -> table.answer(ctx,
                    () -> decisions.detail(ctx.queryParam("number"), ctx.queryParam("org"))));
            config.routes.get("/api/decisions/<number>", ctx -> table.answer(ctx,
                    () -> decisions.detail(ctx.pathParam("number"), ctx.queryParam("org"))));
            // The source is checked where the table is: only there are its sources known.
            config.routes.get("/api/ranges", ctx -> table.answer(ctx, () -> listings.run(() -> ranges.page(
                    ctx.queryParam("within"), ctx.queryParam("cursor"),
                    limit(ctx, RangeListing.DEFAULT_LIMIT, RangeListing.MAX_LIMIT), sources.filter(ctx.queryParam("source"))))));
            config.routes.get("/api/ranges/recent", ctx -> table.answer(ctx, () -> listings.run(
                    () -> ranges.recent(limit(ctx, RangeListing.DEFAULT_RECENT_LIMIT, RangeListing.MAX_LIMIT),
                            sources.filter(ctx.queryParam("source"))))));
            config.routes.get("/api/entries", ctx ->
                    ctx.json(entries.fetch(ctx.queryParams("key"), TableRoute.isForwarded(ctx)).values()));
            config.routes.get("/api/stats", ctx -> table.answer(ctx, statsView::answer));
            config.routes.get("/api/watchlists", ctx -> table.answer(ctx, watchlists::list));
            config.routes.get("/api/watchlists/{name}", ctx -> table.answer(ctx, () -> watchlists.detail(ctx.pathParam("name"))));
            config.routes.get("/api/alerts", ctx -> ctx.json(feed.history(ctx.queryParam("since"),
                    limit(ctx, AlertFeed.DEFAULT_LIMIT, AlertFeed.MAX_LIMIT))));
            // Not Javalin's sse(): it opens the stream only for 'Accept: text/event-stream' (curl gets an empty 200).
            config.routes.get("/api/alerts/stream", stream::serve);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.retryAfterSeconds()));
            // 404, 405 and the like, which Javalin answers as text or HTML by default.
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), 0));
            config.routes.exception(Exception.class, ApiServer::unexpected);
        });
        try {
            javalin.start(endpoint.bind(), endpoint.port());
        } catch (RuntimeException e) {
            metrics.close();
            stats.close();
            alerts.close();
            dlq.close();
            throw e;
        }
        return new ApiServer(javalin, endpoint, tls != null, stats, alerts, dlq, metrics, stream);
    }

    private static void error(Context ctx, int status, String reason, int retryAfterSeconds) {
        if (retryAfterSeconds > 0) {
            ctx.header("Retry-After", String.valueOf(retryAfterSeconds));
        }
        ctx.header("Cache-Control", ResponseHeaders.NO_STORE);
        ctx.status(status).json(Map.of("error", reason == null || reason.isBlank() ? HttpStatus.forStatus(status).getMessage() : reason));
    }

    /**
     * Anything else a handler throws. Kafka Streams' own exceptions (a store closed or moved under a request
     * while the group rebalances, the application not running) are the same "not queryable now" as the ones
     * {@link StoreAccess} turns into 503; anything else is a bug, logged, and answered 500 in one JSON line.
     */
    private static void unexpected(Exception e, Context ctx) {
        if (e instanceof InvalidStateStoreException || e instanceof StreamsException) {
            error(ctx, 503, "the table is not queryable here now (rebalancing or restoring): " + firstLine(e), 1);
            return;
        }
        LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), 0);
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }

    private static ServerConnector httpsConnector(Server server, HttpConfiguration http, HttpsKeystore tls,
                                                  HttpEndpoint endpoint) {
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(tls.serverContext(), HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost(endpoint.bind());
        connector.setPort(endpoint.port());
        return connector;
    }

    private static int limit(Context ctx, int defaultLimit, int max) {
        String text = ctx.queryParam("limit");
        if (text == null || text.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit < 1 || limit > max) {
                throw ApiException.badRequest("limit: between 1 and " + max + ", not " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit: not a number '" + text + "'");
        }
    }

    /** The dashboard's address. */
    public String url() {
        return https ? endpoint.url().replaceFirst("^http:", "https:") : endpoint.url();
    }

    public int port() {
        return javalin.port();
    }

    /** Alert streams open now. */
    public int openStreams() {
        return stream.open();
    }

    @Override
    public void close() {
        alerts.close(); // ends every alert stream, so the server does not wait for their clients to leave
        javalin.stop();
        metrics.close();
        stats.close();
        dlq.close();
    }

    /** Answers a query on the single-partition address table here, or forwards it to its owner. */
    private record TableRoute(StoreAccess stores, Forwarder forwarder) {
        static boolean isForwarded(Context ctx) {
            return ctx.header(Forwarder.HEADER) != null;
        }

        void answer(Context ctx, Supplier<Object> local) {
            HostInfo owner = isForwarded(ctx) ? null : stores.ownerOf(StoreNames.BLOCKED_RANGES, "");
            if (stores.isSelf(owner)) {
                ctx.json(local.get());
                return;
            }
            String query = ctx.queryString();
            Forwarder.Reply reply = forwarder.get(owner, ctx.path() + (query == null ? "" : "?" + query));
            if (reply.status() == 503) {
                ctx.header("Retry-After", "1");
            }
            ctx.status(reply.status()).contentType("application/json").result(reply.body());
        }
    }
}
