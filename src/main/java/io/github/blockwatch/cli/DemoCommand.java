package io.github.blockwatch.cli;

import java.util.Locale;
import io.github.blockwatch.app.Demo;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.ingest.DumpFiles;
import io.github.blockwatch.serve.ApiServer;
import io.github.blockwatch.serve.HttpEndpoint;
import io.github.blockwatch.serve.HttpsKeystore;
import io.github.blockwatch.serve.ServeOptions;
import io.github.blockwatch.topology.AlertRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blockwatch demo}: the whole pipeline on the bundled real registry dumps. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Replay the bundled 2017-2020 dumps end to end",
        description = {"Starts an embedded broker and the streams application, replays registry dumps in registry order (by default the bundled mirror dumps data/zi-*.csv.gz: 2017, the 2018 Telegram ban, 2020), prints alerts as they are raised and ends with the live table's totals. A dump far smaller than the one before (the bundled 2020 file is cut to 41 rows) is applied knowingly, still raising DUMP_SHRANK, as 'ingest --accept-shrink' does."})
final class DemoCommand implements Callable<Integer> {
    static final String BUNDLED_GLOB = "glob:zi-*.csv.gz";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Replay every dump in DIR instead of the bundled zi-*.csv.gz (default: data/)")
    Path data;

    @Option(names = "--owners", paramLabel = "DIR",
            description = "Load every owner dataset in DIR before the replay (default: the bundled data/owners/ when there is one)")
    Path owners;

    @Option(names = "--exit-when-done", description = "Stop once the newest dump is applied (default: keep running until Ctrl-C)")
    boolean exitWhenDone;

    @Option(names = "--port", defaultValue = "9092",
            description = "Embedded broker port; a free one is picked if it is taken (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Broker and state directory (default: a fresh temporary one, removed at exit)")
    Path workDir;

    @ArgGroup(validate = false, heading = "HTTP API, dashboard and metrics%n")
    HttpOptions http = new HttpOptions();

    @ArgGroup(validate = false, heading = "Alert rules%n")
    AlertRuleOptions alertRules = new AlertRuleOptions();

    @Override
    public Integer call() throws Exception {
        // Everything that may be wrong with the command line first, before anything starts.
        HttpEndpoint endpoint = http.endpoint(true);
        HttpsKeystore https = endpoint == null ? null : http.https();
        ServeOptions serving = endpoint == null ? null : http.serveOptions();
        AlertRules rules = alertRules.rules();
        List<DumpFiles.DumpFile> dumps = dumps();
        List<Path> ownerFiles = ownerFiles();
        int brokerPort = portOrFree();
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("blockwatch-demo-") : workDir;
        // Ctrl-C at any point (starting, replaying, serving) stops the demo within ShutdownSignal.GRACE and
        // removes the temporary directory, whatever was still running in it.
        ShutdownSignal shutdown = new ShutdownSignal();
        if (temporary) {
            shutdown.deleteOnExit(dir);
        }
        try (Demo demo = Demo.start(dir, brokerPort, rules, out,
                endpoint == null ? null : endpoint.applicationServer());
             ApiServer server = endpoint == null ? null
                     : ApiServer.start(demo.clients(), demo.app().streams(), endpoint, true, https, serving)) {
            shutdown.closeFirst(demo.app());
            if (server != null) {
                say(out, "blockwatch demo: dashboard and API at " + server.url()
                        + (endpoint.port() == http.port || http.port == 0 ? "" : " (port " + http.port + " is in use)"));
            }
            if (!ownerFiles.isEmpty()) {
                say(out, String.format(Locale.ROOT, "blockwatch demo: loading %d owner datasets from %s ...",
                        ownerFiles.size(), ownerFiles.get(0).getParent()));
                demo.loadOwners(ownerFiles, out);
            }
            say(out, String.format(Locale.ROOT, "blockwatch demo: replaying %d dumps in registry order ...", dumps.size()));
            DumpStats last = demo.replay(dumps, out);
            say(out, String.format(Locale.ROOT, "final: %,d distinct IPv4 addresses blocked in %,d ranges",
                    last == null ? 0 : last.getDistinctIpv4(), last == null ? 0 : last.getRanges()));
            if (!exitWhenDone) {
                say(out, String.format(Locale.ROOT, "blockwatch demo: still running; try 'blockwatch alerts --bootstrap %s "
                        + "--from-beginning' in another terminal; Ctrl-C to stop", demo.bootstrapServers()));
                shutdown.await();
            }
        } finally {
            if (temporary) {
                ShutdownSignal.deleteRecursively(dir);
            }
            shutdown.done();
        }
        return 0;
    }

    private static void say(PrintWriter out, String line) {
        synchronized (out) { // the alert printer writes to it too
            out.println(line);
            out.flush();
        }
    }

    private int portOrFree() throws IOException {
        return isFree(port) ? port : EmbeddedBroker.freePort();
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.isBound();
        } catch (IOException taken) {
            return false;
        }
    }

    /** The dumps to replay, in registry order: read (headers only) before anything starts, so a bad one is said at once. */
    private List<DumpFiles.DumpFile> dumps() throws IOException {
        if (data != null) {
            if (!Files.isDirectory(data)) {
                throw new CliException(data + ": not a directory");
            }
            return DumpFiles.select(List.of(data)).dumps();
        }
        Path bundled = bundledDataDir();
        var matcher = bundled.getFileSystem().getPathMatcher(BUNDLED_GLOB);
        try (Stream<Path> files = Files.list(bundled)) {
            List<Path> zi = new ArrayList<>(files.filter(f -> matcher.matches(f.getFileName())).sorted().toList());
            if (zi.isEmpty()) {
                throw new CliException(bundled + " holds no zi-*.csv.gz dumps; pass --data DIR");
            }
            return DumpFiles.select(zi).dumps();
        }
    }

    private List<Path> ownerFiles() throws IOException {
        Path dir = owners;
        if (dir == null) {
            Path bundled = (data != null ? data : bundledDataDir()).resolve("owners");
            if (!Files.isDirectory(bundled)) {
                return List.of();
            }
            dir = bundled;
        } else if (!Files.isDirectory(dir)) {
            throw new CliException(dir + ": not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** data/ in the working directory, else next to the launcher (-Dblockwatch.home, set by ./blockwatch). */
    static Path bundledDataDir() {
        Path local = Path.of("data");
        if (Files.isDirectory(local)) {
            return local;
        }
        String home = System.getProperty("blockwatch.home");
        if (home != null && Files.isDirectory(Path.of(home, "data"))) {
            return Path.of(home, "data");
        }
        throw new CliException("no data/ directory here or next to blockwatch; pass --data DIR");
    }
}
