package io.github.blockwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code blockwatch owners}: owner datasets (who holds an address). */
@Command(name = "owners", mixinStandardHelpOptions = true,
        header = "Load owner datasets (AWS, Google Cloud, ASN tables) for attribution",
        description = {"Owner datasets say who holds an address: the table attributes every blocked range to them, alerts name the owner, and COLLATERAL alerts fire when a dump blocks mostly shared cloud or hosting space."},
        subcommands = {OwnersLoadCommand.class})
final class OwnersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: 'blockwatch owners load FILE...'");
    }
}
