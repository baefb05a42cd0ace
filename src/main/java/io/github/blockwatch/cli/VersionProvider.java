package io.github.blockwatch.cli;

import picocli.CommandLine;

/** Version from the jar manifest (set by Maven). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = BlockwatchCommand.class.getPackage().getImplementationVersion();
        return new String[] {"blockwatch " + (version == null ? "(development build)" : version)};
    }
}
