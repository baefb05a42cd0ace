package io.github.blockwatch.cli;

import java.util.Locale;
import io.github.blockwatch.app.Demo;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.serve.ApiServer;
import io.github.blockwatch.serve.HttpEndpoint;
import io.github.blockwatch.serve.HttpsKeystore;
import io.github.blockwatch.serve.ServeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
        HttpEndpoint endpoint = http.endpoint();
        HttpsKeystore https = endpoint == null ? null : http.https();
        ServeOptions serving = endpoint == null ? null : http.serveOptions();
        List<Path> dumps = dumps();
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("blockwatch-demo-") : workDir;
        // After the checks that may fail: the hook waits for done(), which only the finally below calls.
        ShutdownSignal shutdown = exitWhenDone ? null : new ShutdownSignal();
        try (Demo demo = Demo.start(dir, portOrFree(), alertRules.rules(), out,
                endpoint == null ? null : endpoint.applicationServer());
             ApiServer server = endpoint == null ? null
                     : ApiServer.start(demo.clients(), demo.app().streams(), endpoint, true, https, serving)) {
            out.printf(Locale.ROOT, "blockwatch demo: broker at %s, replaying %d dumps%n", demo.bootstrapServers(), dumps.size());
            if (server != null) {
                out.printf(Locale.ROOT, "blockwatch demo: dashboard and API at %s%n", server.url());
            }
            out.flush();
            List<Path> ownerFiles = ownerFiles();
            if (!ownerFiles.isEmpty()) {
                demo.loadOwners(ownerFiles, out);
            }
            DumpStats last = demo.replay(dumps, out);
            synchronized (out) {
                out.printf(Locale.ROOT, "final: %,d distinct IPv4 addresses blocked in %,d ranges%n",
                        last == null ? 0 : last.getDistinctIpv4(), last == null ? 0 : last.getRanges());
                out.flush();
            }
            if (shutdown != null) {
                out.printf(Locale.ROOT, "blockwatch demo: still running; try 'blockwatch alerts --bootstrap %s --from-beginning' "
                        + "in another terminal; Ctrl-C to stop%n", demo.bootstrapServers());
                out.flush();
                shutdown.await();
            }
        } finally {
            if (temporary) {
                deleteRecursively(dir);
            }
            if (shutdown != null) {
                shutdown.done();
            }
        }
        return 0;
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

    private List<Path> dumps() throws IOException {
        if (data != null) {
            if (!Files.isDirectory(data)) {
                throw new CliException(data + ": not a directory");
            }
            return List.of(data);
        }
        Path bundled = bundledDataDir();
        var matcher = bundled.getFileSystem().getPathMatcher(BUNDLED_GLOB);
        try (Stream<Path> files = Files.list(bundled)) {
            List<Path> zi = new ArrayList<>(files.filter(f -> matcher.matches(f.getFileName())).sorted().toList());
            if (zi.isEmpty()) {
                throw new CliException(bundled + " holds no zi-*.csv.gz dumps; pass --data DIR");
            }
            return zi;
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

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless; the OS cleans it.
        }
    }
}
