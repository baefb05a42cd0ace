package io.github.blockwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code blockwatch watch}: watchlists (be told when your prefixes, ASNs or owners get blocked). */
@Command(name = "watch", mixinStandardHelpOptions = true,
        header = "Watchlists: be told when your prefixes, ASNs or owners get blocked or unblocked",
        description = {"A watchlist names addresses: prefixes, AS numbers and owner labels (the last two resolved through the owner datasets of 'blockwatch owners load'). 'blockwatch run' matches every range a dump blocks or unblocks against every watchlist and raises WATCHED_BLOCKED / WATCHED_UNBLOCKED alerts, for any size, a single /32 included; a watchlist added later gets one 'already blocked now' alert. Watchlists live in the compacted topic blockwatch.watchlists."},
        subcommands = {WatchAddCommand.class, WatchListCommand.class, WatchRemoveCommand.class})
final class WatchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: 'blockwatch watch add|list|remove'");
    }
}
