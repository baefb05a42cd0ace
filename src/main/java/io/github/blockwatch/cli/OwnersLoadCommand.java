package io.github.blockwatch.cli;

import io.github.blockwatch.app.OwnersLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blockwatch owners load FILE...}: publishes owner datasets to {@code blockwatch.owners}. */
@Command(name = "load", mixinStandardHelpOptions = true,
        header = "Publish owner datasets to blockwatch.owners",
        description = {"Reads each FILE (plain or gzip; the format is told from the content) and publishes one record per IPv4 range to the compacted topic blockwatch.owners, key = '<dataset> <range>', the dataset being the file name without .gz. Formats:",
            "  AWS ip-ranges.json (prefix, region, service)",
            "  Google cloud.json / goog.json (ipv4Prefix, scope)",
            "  iptoasn TSV (range_start range_end AS_number country AS_description)",
            "  ipverse aggregated list ('# AS16509 (AMAZON-02)' header, one prefix a line)",
            "Loading is idempotent: unchanged ranges are not published again, ranges a dataset no longer lists are deleted (tombstones). Unusable rows go to blockwatch.dlq; then the exit code is 3.",
            "",
            "  blockwatch owners load data/owners/*"})
final class OwnersLoadCommand implements Callable<Integer> {
    static final int SOME_ROWS_REJECTED = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Owner dataset files")
    List<Path> files;

    @Option(names = "--hosting", description = "Mark the ranges of ASN tables (iptoasn, ipverse) as shared hosting space, for COLLATERAL alerts (cloud lists and known cloud/hosting ASes always are)")
    boolean hosting;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<OwnersLoader.Outcome> outcomes = OwnersLoader.load(kafka.settings(), files, hosting);
        boolean rejected = false;
        for (OwnersLoader.Outcome outcome : outcomes) {
            out.println("OWNERS " + outcome.summary());
            rejected |= !outcome.dataset().rejected().isEmpty();
        }
        out.flush();
        return rejected ? SOME_ROWS_REJECTED : 0;
    }
}
