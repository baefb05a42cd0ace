package io.github.blockwatch.cli;

import io.github.blockwatch.app.WatchlistTopic;
import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.watch.Watchlists;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blockwatch watch add NAME --prefix CIDR... --asn AS... --owner LABEL... [--channel C]}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        header = "Add a watchlist (or replace the one of that name)",
        description = {"Writes the watchlist NAME to blockwatch.watchlists. Give at least one of --prefix, --asn, --owner; each takes one or more values and may be repeated. An ASN or owner label watches every range an owner dataset in blockwatch.owners gives it (owner 'Amazon', cloud 'AWS' or display name 'Amazon AWS eu-central-1', ignoring case).",
            "",
            "  blockwatch watch add frankfurt --prefix 52.58.0.0/15 18.184.0.0/15 --channel ops",
            "  blockwatch watch add amazon --asn AS16509"})
final class WatchAddCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, '.', '_' and '-' (at most 64)")
    String name;

    @Option(names = "--prefix", paramLabel = "CIDR", arity = "1..*", description = "Prefixes or single addresses (IPv4 or IPv6)")
    List<String> prefixes = new ArrayList<>();

    @Option(names = "--asn", paramLabel = "AS", arity = "1..*", description = "AS numbers (AS16509 or 16509)")
    List<String> asns = new ArrayList<>();

    @Option(names = "--owner", paramLabel = "LABEL", arity = "1..*", description = "Owner labels (Amazon, AWS, 'Amazon AWS eu-central-1')")
    List<String> owners = new ArrayList<>();

    @Option(names = "--channel", paramLabel = "C", description = "Notification channel for this watchlist's alerts (carried in their details for 'blockwatch notify')")
    String channel;

    @Override
    public Integer call() {
        Watchlist watchlist;
        try {
            watchlist = Watchlists.of(name, prefixes, asns, owners, channel, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Optional<Watchlist> before = WatchlistTopic.put(kafka.settings(), watchlist);
        PrintWriter out = spec.commandLine().getOut();
        out.println((before.isPresent() ? "replaced watchlist " : "added watchlist ") + WatchListCommand.describe(watchlist));
        out.flush();
        return 0;
    }
}
