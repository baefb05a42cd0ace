package io.github.blockwatch.cli;

import io.github.blockwatch.app.WatchlistTopic;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blockwatch watch remove NAME}: a tombstone on {@code blockwatch.watchlists}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        header = "Remove a watchlist",
        description = {"Writes a tombstone for NAME to blockwatch.watchlists: no more alerts for it. Alerts already raised stay."})
final class WatchRemoveCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        if (!WatchlistTopic.remove(kafka.settings(), name)) {
            throw new CliException("no watchlist '" + name + "' (see 'blockwatch watch list')");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("removed watchlist " + name);
        out.flush();
        return 0;
    }
}
