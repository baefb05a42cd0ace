package io.github.blockwatch.notify;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels an alert goes to: those of every route it matches, each once, and the channel the alert
 * itself names (a watchlist added with {@code --channel C}) when the config has one of that name — a name
 * it lacks is logged once and skipped, since another notifier with another config may serve it.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final List<Route> routes;
    private final Set<String> channels;
    private final Set<String> unknownNamed = new HashSet<>();

    public Router(List<Route> routes, Set<String> channels) {
        this.routes = routes;
        this.channels = channels;
    }

    public Set<String> channelsFor(NotifyAlert alert) {
        Set<String> chosen = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matches(alert)) {
                chosen.addAll(route.channels());
            }
        }
        String named = alert.channel();
        if (named != null) {
            if (channels.contains(named)) {
                chosen.add(named);
            } else if (unknownNamed.add(named)) {
                LOG.warn("alerts name channel '{}' (watchlist {}), which this config does not have; routes decide for them",
                        named, alert.watchlist());
            }
        }
        return chosen;
    }
}
