package io.github.blockwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code blockwatch <verb>}. */
@Command(
        name = "blockwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Turns censorship-registry dumps into a live Kafka stream of blocked IP ranges and alerts.",
            "",
            "Quick start: 'blockwatch demo' replays the bundled 2017-2020 registry dumps through an embedded broker."},
        subcommands = {
            BrokerCommand.class,
            IngestCommand.class,
            OwnersCommand.class,
            WatchCommand.class,
            RunCommand.class,
            AlertsCommand.class,
            NotifyCommand.class,
            DlqCommand.class,
            TopicsCommand.class,
            CountCommand.class,
            CompareCommand.class,
            GenerateCommand.class,
            ReplayCommand.class,
            DemoCommand.class,
            LookupCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BlockwatchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (see 'blockwatch --help')");
    }

    /** A configured command line: one-line errors instead of stack traces. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new BlockwatchCommand());
        cmd.setExecutionExceptionHandler(new OneLineErrors());
        cmd.setExecutionStrategy(OneLineErrors::run);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }
}
