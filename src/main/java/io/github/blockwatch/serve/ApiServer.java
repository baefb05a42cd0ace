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
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The HTTP server of a running Streams application (Javalin on Jetty): the JSON API under {@code /api},
 * {@code /metrics}, {@code /openapi.json} and the dashboard at {@code /}. Queries on the address table go
 * to the one instance that holds it; any instance forwards them there.
 */
public final class ApiServer implements AutoCloseable {
    private final Javalin javalin;
    private final HttpEndpoint endpoint;
    private final TopicHistory<DumpStats> stats;
    private final TopicHistory<RangeAlert> alerts;
    private final TopicHistory<DeadLetter> dlq;
    private final BlockwatchMetrics metrics;
    private final AlertFeed feed;
    private final boolean https;

    private ApiServer(Javalin javalin, HttpEndpoint endpoint, boolean https, TopicHistory<DumpStats> stats,
                      TopicHistory<RangeAlert> alerts, TopicHistory<DeadLetter> dlq, BlockwatchMetrics metrics,
                      AlertFeed feed) {
        this.feed = feed;
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
        ObjectMapper json = JavalinJackson.defaultMapper();
        StoreAccess stores = new StoreAccess(streams, distributed ? endpoint.advertised() : null);
        Forwarder forwarder = new Forwarder(tls);
        EntryFetcher entries = new EntryFetcher(stores, forwarder, json);
        OwnerIndex owners = new OwnerIndex(stores);
        IpLookup lookup = new IpLookup(stores, entries, owners);
        RangeListing ranges = new RangeListing(stores, owners);
        TopicHistory<DumpStats> stats = TopicHistory.keeping(clients, Topics.STATS).start();
        TopicHistory<RangeAlert> alerts = TopicHistory.keeping(clients, Topics.ALERTS).start();
        TopicHistory<DeadLetter> dlq = TopicHistory.counting(clients, Topics.DLQ).start();
        StatsView statsView = new StatsView(stores, stats);
        AlertFeed feed = new AlertFeed(alerts);
        BlockwatchMetrics metrics = new BlockwatchMetrics(streams, statsView, stats, alerts, dlq);
        TableRoute table = new TableRoute(stores, forwarder);
        PointInTimeLookup history = new PointInTimeLookup(stores, stats);
        DecisionsView decisions = new DecisionsView(stores, stats);
        WatchlistsView watchlists = new WatchlistsView(stores);

        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            if (tls != null) {
                // Javalin adds its plain HTTP connector only when none is configured: this one replaces it.
                config.jetty.addConnector((server, http) -> httpsConnector(server, http, tls, endpoint));
            }
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.staticFiles.enableWebjars();
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
            config.routes.get("/api/decisions", ctx -> table.answer(ctx, () -> decisions.page(ctx.queryParam("cursor"),
                    limit(ctx, DecisionsView.DEFAULT_LIMIT, DecisionsView.MAX_LIMIT))));
            // Numbers hold '/' (27-31-2018/Ид2971-18): the query form always works, the path form takes
            // the rest of the path, slashes included.
            config.routes.get("/api/decisions/by", ctx -> table.answer(ctx,
                    () -> decisions.detail(ctx.queryParam("number"), ctx.queryParam("org"))));
            config.routes.get("/api/decisions/<number>", ctx -> table.answer(ctx,
                    () -> decisions.detail(ctx.pathParam("number"), ctx.queryParam("org"))));
            config.routes.get("/api/ranges", ctx -> table.answer(ctx, () -> ranges.page(ctx.queryParam("within"),
                    ctx.queryParam("cursor"), limit(ctx, RangeListing.DEFAULT_LIMIT, RangeListing.MAX_LIMIT))));
            config.routes.get("/api/ranges/recent", ctx -> table.answer(ctx,
                    () -> ranges.recent(limit(ctx, 10, RangeListing.MAX_LIMIT))));
            config.routes.get("/api/entries", ctx ->
                    ctx.json(entries.fetch(ctx.queryParams("key"), TableRoute.isForwarded(ctx)).values()));
            config.routes.get("/api/stats", ctx -> table.answer(ctx, statsView::answer));
            config.routes.get("/api/watchlists", ctx -> table.answer(ctx, watchlists::list));
            config.routes.get("/api/watchlists/{name}", ctx -> table.answer(ctx, () -> watchlists.detail(ctx.pathParam("name"))));
            config.routes.get("/api/alerts", ctx -> ctx.json(feed.history(ctx.queryParam("since"),
                    limit(ctx, AlertFeed.DEFAULT_LIMIT, AlertFeed.MAX_LIMIT))));
            config.routes.sse("/api/alerts/stream", feed::stream);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            config.routes.exception(ApiException.class, (e, ctx) ->
                    ctx.status(e.status()).json(Map.of("error", e.getMessage())));
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
        return new ApiServer(javalin, endpoint, tls != null, stats, alerts, dlq, metrics, feed);
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

    @Override
    public void close() {
        feed.close();
        javalin.stop();
        metrics.close();
        stats.close();
        alerts.close();
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
            ctx.status(reply.status()).contentType("application/json").result(reply.body());
        }
    }
}
