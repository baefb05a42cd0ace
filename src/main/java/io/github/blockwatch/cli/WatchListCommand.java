package io.github.blockwatch.cli;

import io.github.blockwatch.app.WatchlistTopic;
import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.watch.WatchlistJson;
import io.github.blockwatch.watch.Watchlists;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blockwatch watch list}: the watchlists on {@code blockwatch.watchlists}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        header = "List the watchlists",
        description = {"Prints every watchlist of blockwatch.watchlists, one a line, by name. What of each is blocked now: GET /api/watchlists/{name} on a running 'blockwatch run'."})
final class WatchListCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--format", defaultValue = "text", description = "text or json (one object a line) (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Watchlist> all = WatchlistTopic.current(kafka.settings());
        for (Watchlist w : all.values()) {
            out.println(format == Format.json ? WatchlistJson.toJson(w) : describe(w));
        }
        out.flush();
        return 0;
    }

    /** {@code frankfurt: prefixes 52.58.0.0/15 18.184.0.0/15; channel ops}. */
    static String describe(Watchlist w) {
        List<String> parts = new ArrayList<>();
        if (!w.getPrefixes().isEmpty()) {
            parts.add("prefixes " + String.join(" ", w.getPrefixes()));
        }
        if (!w.getAsns().isEmpty()) {
            parts.add("asns " + w.getAsns().stream().map(Watchlists::asnText).collect(Collectors.joining(" ")));
        }
        if (!w.getOwners().isEmpty()) {
            parts.add("owners " + w.getOwners().stream().map(o -> o.contains(" ") ? "'" + o + "'" : o).collect(Collectors.joining(" ")));
        }
        if (w.getChannel() != null) {
            parts.add("channel " + w.getChannel());
        }
        return w.getName() + ": " + String.join("; ", parts);
    }
}
