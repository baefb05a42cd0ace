package io.github.blockwatch.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.Tools;
import io.github.blockwatch.broker.EmbeddedBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs README.md's shell examples as written, against the built jar ({@code ./blockwatch}, failsafe runs
 * after {@code package}) and real brokers, so that a README that drifts from the program fails the build.
 * The commands are read from the README itself ({@link Readme}: its {@code ```sh} blocks and the API table's
 * example column), never copied here; where the README shows output (the lookup and count blocks, the demo's
 * transcript) the real output must match it.
 *
 * <p>Every README command is either run by one of the phases below ({@link #phaseOf}) or listed in
 * {@link #NOT_RUN} with the reason; any other command fails {@code ReadmeTest} (in the unit tests, so at once),
 * so a new section brings its commands into this test.
 *
 * <p>How commands are run: by {@code bash -c} in a scratch directory that holds {@code blockwatch},
 * {@code target} and {@code data} as links to the checkout (so {@code blockwatch-data/} and the like land
 * there), with {@code BLOCKWATCH_JAVA_OPTS} setting the heap and a {@code java.io.tmpdir} of the test's own.
 * The README's ports (9092, 8080) may be taken by anything else on a shared machine, so — and only so — the
 * commands are localised: {@code localhost:9092}/{@code localhost:8080} in a command become free ports, and
 * a {@code ./blockwatch} verb relying on its default gets the flag appended ({@code --port}, {@code --bootstrap},
 * {@code --http-port}, {@code --api}; the demo {@code --port 0 --http-port 0}). The long-running ones get
 * {@code exec} in front, so that Ctrl-C reaches them. The bundle replay gets {@code --until 2014-11-01}
 * appended (its first two dumps): at {@code --speed 3600x} the whole bundle takes four minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeIT {
    /** The README's first command: build, then the demo. The build is the one running this test. */
    static final String DEMO = "mvn -B -q -DskipTests package && ./blockwatch demo";
    static final List<String> WALKTHROUGH = List.of("./blockwatch broker", "./blockwatch run", "./blockwatch ingest data/",
            "./blockwatch ingest --accept-shrink data/zi-2020-01-26.csv.gz", "./blockwatch alerts --from-beginning");

    /** README commands this test does not run, and why. */
    static final Map<String, String> NOT_RUN = Map.of(
            "./blockwatch ingest --source official --operator-request operator.properties --sign-command 'cryptcp -sign -detached -der "
                    + "-thumbprint 0123456789abcdef0123456789abcdef01234567' --state-dir /var/lib/blockwatch/official",
            "needs an operator's credentials: a request file with its INN/OGRN and a qualified signature (CryptoPro's "
                    + "cryptcp) the registry accepts, and the operators' service; OfficialDownloadIT runs this command's "
                    + "flags against a stand-in service that speaks the published WSDL",
            "./test", "the README's test command: this build is it, and ReadmeIT is part of it",
            "mvn -B -DskipTests package && docker-compose up --build -d",
            "needs a Docker engine, which CI does not have; ComposeFileTest validates docker-compose.yml, and ScaleOutIT "
                    + "and SecureClientsIT run what it runs on in-process brokers",
            "./blockwatch ingest --source antifilter-ipsum --url https://antifilter.download/list/ipsum.lst --every 1h",
            "needs antifilter.download on the internet, which CI cannot reach; ListSourcesIT runs these flags against a "
                    + "local server serving data/antifilter's real ipsum.lst with Last-Modified, ETag and 304",
            "./blockwatch ingest --source rublacklist --url https://reestr.rublacklist.net/api/v3/ips/ --every 1h",
            "needs reestr.rublacklist.net on the internet, which CI cannot reach; ListSourcesIT serves a JSON array of "
                    + "addresses as /api/v3/ips/ does from a local server and ingests it with this command's flags",
            "./blockwatch replay ~/rkn-mirror --file dump.xml --since 2015-01-01 --until 2015-02-01",
            "~/rkn-mirror is the reader's own clone of a mirror (the full history is 30 MB, not in the repository); "
                    + "the bundle replay above it reads data/'s slice of the same history through the same code");

    /** The phases, each taking the README commands it runs. */
    enum Phase { DEMO, OFFLINE, WALKTHROUGH, WATCH, API, LOOKUP, KCAT, NOTIFY, REPLAY }

    /** The heading of the notifier's section, whose {@code ```yaml} block is the README's notify.yaml. */
    static final String NOTIFY_HEADING = "### Notifications: `blockwatch notify`";

    private static final Duration SLOW_START = Duration.ofMinutes(5);
    private static final Duration ONE_SHOT = Duration.ofMinutes(3);
    /** Ctrl-C stops any verb within 2 s (ShutdownSignal); generous here for a shared machine. */
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(5);
    private static final Pattern TIMING = Pattern.compile("\\d[\\d,.]* s\\b|\\d[\\d,.]* events/s");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path home;
    private Readme readme;
    private Path logs;
    private int brokerPort;
    private int httpPort;
    private Shell broker;
    private Shell run;
    private final List<String> ran = new ArrayList<>();
    /** Variables the README's {@code export} lines set, for the commands after them. */
    private final Map<String, String> exported = new LinkedHashMap<>();

    @BeforeAll
    void scratchDirectory(@TempDir Path dir) throws IOException {
        home = dir;
        readme = Readme.read(Path.of("README.md"));
        Path project = Path.of("").toAbsolutePath();
        for (String link : List.of("blockwatch", "target", "data")) {
            Files.createSymbolicLink(home.resolve(link), project.resolve(link));
        }
        Files.createDirectories(home.resolve("tmp"));
        logs = home.resolve("logs");
    }

    @AfterAll
    void stopWhatStillRuns() {
        Stream.of(run, broker).filter(s -> s != null).forEach(Shell::close);
    }

    /**
     * The README's first command, run until it serves; the API, lookup and kcat examples against it; then
     * Ctrl-C. Its output is what "What the demo shows" shows.
     */
    @Test
    @Order(1)
    void shouldShowWhatTheReadmeSaysTheDemoShows() throws Exception {
        Readme.Example example = only(Phase.DEMO);
        String demo = example.command().substring(example.command().indexOf("&& ") + 3);
        try (Shell shell = start("exec " + demo + " --port 0 --http-port 0", "demo", "-Xmx2g")) {
            shell.awaitOutLine(Duration.ofMinutes(10), line -> line.startsWith("blockwatch demo: still running"));
            List<String> output = shell.outLines();
            // The API, lookup and kcat examples ask a running run or demo: this one, which has the whole history.
            brokerPort = Integer.parseInt(find(output, "blockwatch demo: broker at localhost:(\\d+);"));
            httpPort = Integer.parseInt(find(output, "blockwatch demo: dashboard and API at http://127\\.0\\.0\\.1:(\\d+)/"));
            runTheWatchlistExamples();
            runTheApiExamples();
            runTheLookupExamples();
            runTheKcatExamples();
            runTheNotifyExamples();
            stopsOnCtrlC(shell);

            List<String> expected = readme.transcriptUnder("## What the demo shows").stream()
                    .map(line -> line.replace("localhost:9092", "localhost:" + brokerPort)
                            .replace("http://127.0.0.1:8080/", "http://127.0.0.1:" + httpPort + "/"))
                    .toList();
            assertShowsInOrder(output, expected);
            try (Stream<Path> left = Files.list(home.resolve("tmp"))) {
                assertThat(left.map(p -> p.getFileName().toString()))
                        .as("temporary files left by the demo").noneMatch(name -> name.startsWith("blockwatch-"));
            }
        }
        ran.add(example.command());
    }

    @Test
    @Order(2)
    void shouldRunTheOfflineExamples() throws Exception {
        for (Readme.Example example : examples(Phase.OFFLINE)) {
            Shell shell = oneShot(example.command(), "offline-" + ran.size());
            int expectedExit = example.command().startsWith("./blockwatch compare") ? 3 : 0; // compare: 3 when they differ
            assertThat(shell.exitCode()).as("%s; stderr: %s", example, shell.err()).isEqualTo(expectedExit);
            assertThat(shell.out()).as(example.toString()).isNotBlank();
            assertShowsExactly(example, shell);
            if (example.command().equals("./blockwatch count data/")) {
                assertThat(shell.outLines()).filteredOn(line -> line.startsWith("zi-")).hasSize(3);
                assertThat(shell.err()).isEqualTo("blockwatch count: skipped 2 files that are not dumps: data/README.md, "
                        + "data/rkn-xml-2014-11-01-to-11-10.bundle\n");
            }
            ran.add(example.command());
        }
    }

    /** broker, run, ingest data/, ingest --accept-shrink, alerts: three terminals. */
    @Test
    @Order(3)
    void shouldWalkThroughTheLongWayRound() throws Exception {
        brokerPort = EmbeddedBroker.freePort();
        httpPort = EmbeddedBroker.freePort();
        broker = start("exec " + localised(WALKTHROUGH.get(0)), "broker", "-Xmx1g");
        broker.awaitOutLine(SLOW_START, line -> line.startsWith("blockwatch broker: listening on localhost:" + brokerPort));
        run = start("exec " + localised(WALKTHROUGH.get(1)), "run", "-Xmx1g");
        run.awaitOutLine(SLOW_START, line -> line.startsWith("blockwatch run: ") && line.endsWith("Ctrl-C to stop"));

        Shell ingest = oneShot(WALKTHROUGH.get(2), "ingest");
        assertThat(ingest.exitCode()).as("ingest data/ exits 4: it holds the shrunken 2020 file; stderr: %s", ingest.err()).isEqualTo(4);
        assertThat(ingest.outLines()).filteredOn(line -> line.startsWith("zi-")).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("zi-2020-01-26.csv.gz").contains("HELD"));
        assertThat(ingest.err()).isEqualTo("blockwatch ingest: skipped 2 files that are not dumps: data/README.md, "
                + "data/rkn-xml-2014-11-01-to-11-10.bundle\n");
        Shell accept = oneShot(WALKTHROUGH.get(3), "ingest-accept");
        assertThat(accept.exitCode()).as("the cut-off row of 2020 is rejected: exit 3; stderr: %s", accept.err()).isEqualTo(3);
        assertThat(accept.out()).startsWith("zi-2020-01-26.csv.gz").contains("32,795 removed");
        awaitTheTableApplied(3);

        Shell alerts = oneShot(WALKTHROUGH.get(4), "alerts");
        assertThat(alerts.exitCode()).as(alerts.err()).isZero();
        assertThat(alerts.out()).contains("LARGE_RANGE     34.192.0.0/10 newly blocked", "DUMP_SHRANK", "UNBLOCKED       34.192.0.0/10");

        stopsOnCtrlC(run);
        stopsOnCtrlC(broker);
        ran.addAll(WALKTHROUGH);
    }

    @Test
    @Order(4)
    void shouldReplayAsTheReadmeSays() throws Exception {
        // A topic set of its own: the walkthrough's already holds 2020, and a replay of 2014 would be refused.
        try (EmbeddedBroker replayBroker = EmbeddedBroker.start(home.resolve("replay-broker"), 0)) {
            Path dumps = Files.createDirectories(home.resolve("dumps"));
            Files.copy(Path.of("data/zi-2017-07-01.csv.gz"), dumps.resolve("zi-2017-07-01.csv.gz"));
            Files.copy(Path.of("data/zi-2020-01-26.csv.gz"), dumps.resolve("zi-2020-01-26.csv.gz"));
            Files.writeString(dumps.resolve("README.md"), "# mirror dumps, one a day\n");
            for (Readme.Example example : examples(Phase.REPLAY)) {
                String command = localised(example.command()).replace("localhost:" + brokerPort, replayBroker.bootstrapServers());
                if (command.contains(".bundle") && !command.contains("--until")) {
                    command += " --until 2014-11-01";
                }
                Shell shell = Shell.run(command, home, env("-Xmx1g"), logs, "replay-" + ran.size(), ONE_SHOT);
                if (command.contains(".bundle")) {
                    assertThat(shell.exitCode()).as("%s; stderr: %s", example, shell.err()).isZero();
                    assertThat(shell.outLines().get(0)).startsWith("replay: git bundle data/rkn-xml-2014-11-01-to-11-10.bundle, dump.xml: 2 of 240 dumps");
                } else if (command.startsWith("./blockwatch ingest --source ")) {
                    // A source of its own: the replays before it, of other sources, dated later, do not order it.
                    assertThat(shell.exitCode()).as("%s; stderr: %s", example, shell.err()).isZero();
                    assertThat(shell.out()).startsWith("[antifilter-ipsum] ipsum.lst.gz (registry time ")
                            .contains("rows read 10,422 = accepted 10,422 + rejected 0; 10,422 entries; events: 10,422 added");
                } else if (command.contains("data/antifilter")) {
                    // Each list its own source, so 2024's lists need not come after the mirror's dumps of 2017 and 2020.
                    assertThat(shell.exitCode()).as("%s; stderr: %s", example, shell.err()).isZero();
                    assertThat(shell.outLines().get(0)).isEqualTo("replay: dated snapshots data/antifilter, every list as its own "
                            + "source: 57 of 57 dumps, registry time 2024-07-17T16:36:29Z .. 2024-08-04T00:35:40Z, speed max");
                    assertThat(shell.outLines().get(shell.outLines().size() - 1)).startsWith("replayed 57 dumps");
                } else {
                    assertThat(shell.exitCode()).as("%s exits 3: rows rejected; stderr: %s", example, shell.err()).isEqualTo(3);
                    assertThat(shell.err()).contains("blockwatch replay: skipped 1 file that is not a dump: dumps/README.md");
                    assertThat(shell.outLines().get(0)).startsWith("replay: directory dumps: 2 of 2 dumps");
                }
                ran.add(example.command());
            }
        }
    }

    @Test
    @Order(5)
    void shouldHaveRunEveryCommandItTook() {
        List<String> taken = readme.examples().stream().map(Readme.Example::command)
                .filter(c -> !NOT_RUN.containsKey(c)).distinct().toList();
        assertThat(ran).as("the README commands run").containsAll(taken);
    }

    /**
     * The watchlist commands against the demo, before the API examples (one of which asks for the watchlist
     * they add): each exits 0, {@code watch list} shows both, and the table knows the watchlist.
     */
    private void runTheWatchlistExamples() throws Exception {
        for (Readme.Example example : examples(Phase.WATCH)) {
            Shell shell = oneShot(example.command(), "watch-" + ran.size());
            assertThat(shell.exitCode()).as("%s; stderr: %s", example, shell.err()).isZero();
            if (example.command().startsWith("./blockwatch watch list")) {
                assertThat(shell.out()).as(example.toString()).contains("frankfurt", "amazon");
            }
            ran.add(example.command());
        }
        HttpClient http = HttpClient.newHttpClient();
        URI frankfurt = URI.create("http://127.0.0.1:" + httpPort + "/api/watchlists/frankfurt");
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(frankfurt).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    /**
     * The notifier's section as a reader follows it, against the demo: the README's notify.yaml (its webhook
     * pointed at a receiver of this test's), the secrets made as it says, {@code --check}, {@code --test ops}
     * (the receiver gets one signed POST with the config's header), the notifier itself until Ctrl-C, and the
     * dead-letter topic read with kcat.
     */
    private void runTheNotifyExamples() throws Exception {
        Tools.require("kcat", "kcat");
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Blockwatch-Signature")
                    + " " + exchange.getRequestHeaders().getFirst("X-Team") + " " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String yaml = String.join("\n", readme.blockUnder(NOTIFY_HEADING, "```yaml")) + "\n";
            assertThat(yaml).contains("http://127.0.0.1:9000/hook");
            Files.writeString(home.resolve("notify.yaml"), yaml
                    .replace("127.0.0.1:9000", "127.0.0.1:" + receiver.getAddress().getPort())
                    .replace("127.0.0.1:8080", "127.0.0.1:" + httpPort));
            for (Readme.Example example : examples(Phase.NOTIFY)) {
                String command = example.command();
                if (command.startsWith("export ")) {
                    String[] assignment = command.substring("export ".length()).split("=", 2);
                    exported.put(assignment[0], assignment[1]);
                } else if (command.equals("./blockwatch notify --config notify.yaml")) {
                    try (Shell notify = start("exec " + localised(command), "notify", "-Xmx512m")) {
                        notify.awaitOutLine(SLOW_START, line -> line.startsWith("blockwatch notify: group ") && line.endsWith("Ctrl-C to stop"));
                        stopsOnCtrlC(notify);
                    }
                } else {
                    Shell shell = oneShot(command, "notify-" + ran.size());
                    assertThat(shell.exitCode()).as("%s; stderr: %s", example, shell.err()).isZero();
                    if (command.endsWith("--check")) {
                        assertThat(shell.out()).as(example.toString()).contains("channel ops: webhook", "route 1: ")
                                .doesNotContain("change-me");
                    } else if (command.endsWith("--test ops")) {
                        assertThat(received).as("what the webhook received from %s", example).hasSize(1)
                                .allSatisfy(request -> assertThat(request).startsWith("POST sha256=").contains(" network {"));
                    }
                }
                ran.add(command);
            }
            assertThat(Files.readString(home.resolve("hook.secret")).strip()).as("openssl's key").matches("[0-9a-f]{64}");
        } finally {
            receiver.stop(0);
        }
    }

    private void runTheApiExamples() throws Exception {
        Tools.require("curl", "curl");
        Tools.require("jq", "jq");
        for (Readme.Example example : examples(Phase.API)) {
            String command = localised(example.command());
            if (command.contains("/api/alerts/stream")) {
                try (Shell stream = Shell.start(command, home, env("-Xmx1g"), logs, "sse")) {
                    // An event stream stays open: curl still runs, connected, when we hang up after 3 s.
                    Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
                    assertThat(stream.isAlive()).as("%s ended at once (exit %s): %s %s", example,
                            stream.isAlive() ? "-" : stream.exitCode(), stream.out(), stream.err()).isTrue();
                    assertThat(stream.err()).as(example.toString()).isEmpty();
                }
            } else {
                Shell shell = oneShot(command, "api-" + ran.size());
                assertThat(shell.exitCode()).as("%s; stderr: %s", example, shell.err()).isZero();
                assertThat(shell.out()).as(example.toString()).isNotBlank();
                if (command.endsWith("| grep ^blockwatch_")) {
                    assertThat(shell.outLines()).as(example.toString()).allMatch(line -> line.startsWith("blockwatch_"))
                            .anyMatch(line -> line.startsWith("blockwatch_blocked_ipv4_addresses"));
                } else {
                    JsonNode answer = JSON.readTree(shell.out());
                    assertThat(answer.has("error")).as("%s answered %s", example, shell.out()).isFalse();
                    assertThat(answer.isEmpty()).as("%s answered nothing: %s", example, shell.out()).isFalse();
                }
            }
            ran.add(example.command());
        }
    }

    private void runTheLookupExamples() throws Exception {
        for (Readme.Example example : examples(Phase.LOOKUP)) {
            Shell shell = oneShot(example.command(), "lookup-" + ran.size());
            assertThat(shell.exitCode()).as("%s; stderr: %s", example, shell.err()).isZero();
            assertShowsExactly(example, shell);
            ran.add(example.command());
        }
    }

    private void runTheKcatExamples() throws Exception {
        Tools.require("kcat", "kcat");
        for (Readme.Example example : examples(Phase.KCAT)) {
            Shell shell = oneShot(example.command(), "kcat-" + ran.size());
            assertThat(shell.exitCode()).as("%s; stderr: %s", example, shell.err()).isZero();
            assertThat(shell.outLines()).as(example.toString()).hasSizeGreaterThan(40)
                    .allSatisfy(line -> assertThat(JSON.readTree(line).path("type").asText()).isNotEmpty());
            ran.add(example.command());
        }
    }

    /** Which phase runs {@code command}, if any. */
    static Optional<Phase> phaseOf(String command) {
        if (command.equals(DEMO)) {
            return Optional.of(Phase.DEMO);
        }
        if (WALKTHROUGH.contains(command)) {
            return Optional.of(Phase.WALKTHROUGH);
        }
        if (command.startsWith("./blockwatch count ") || command.startsWith("./blockwatch compare ")) {
            return Optional.of(Phase.OFFLINE);
        }
        if (command.startsWith("./blockwatch lookup ")) {
            return Optional.of(Phase.LOOKUP);
        }
        if ((command.startsWith("./blockwatch replay ") || command.startsWith("./blockwatch ingest --source "))
                && !NOT_RUN.containsKey(command)) {
            return Optional.of(Phase.REPLAY);
        }
        if (command.startsWith("./blockwatch watch ")) {
            return Optional.of(Phase.WATCH);
        }
        if (command.startsWith("./blockwatch notify ") || command.contains("blockwatch.notify.dlq")
                || Stream.of("openssl ", "echo ", "export ").anyMatch(command::startsWith)) {
            return Optional.of(Phase.NOTIFY);
        }
        if (command.startsWith("curl ")) {
            return Optional.of(Phase.API);
        }
        if (command.startsWith("kcat ")) {
            return Optional.of(Phase.KCAT);
        }
        return Optional.empty();
    }

    private List<Readme.Example> examples(Phase phase) {
        List<Readme.Example> taken = readme.examples().stream()
                .filter(e -> !NOT_RUN.containsKey(e.command()) && phaseOf(e.command()).orElse(null) == phase).toList();
        assertThat(taken).as("README commands for %s", phase).isNotEmpty();
        return taken;
    }

    private Readme.Example only(Phase phase) {
        List<Readme.Example> taken = examples(phase);
        assertThat(taken).as("README commands for %s", phase).hasSize(1);
        return taken.get(0);
    }

    /** The command with the README's ports made this test's (see the class comment). */
    private String localised(String command) {
        String c = command.replace("localhost:9092", "localhost:" + brokerPort)
                .replace("localhost:8080", "localhost:" + httpPort).replace("127.0.0.1:8080", "127.0.0.1:" + httpPort);
        if (!c.startsWith("./blockwatch ") || c.contains("|") || c.contains("&&")) {
            return c;
        }
        String verb = c.split("\\s+")[1];
        return switch (verb) {
            case "broker" -> c + " --port " + brokerPort;
            case "run" -> c + " --bootstrap localhost:" + brokerPort + " --http-port " + httpPort;
            case "ingest", "alerts", "dlq", "topics", "replay", "owners", "watch" -> c + " --bootstrap localhost:" + brokerPort;
            case "notify" -> c + " --bootstrap localhost:" + brokerPort + " --http-port 0";
            case "lookup" -> c + " --api http://127.0.0.1:" + httpPort;
            default -> c;
        };
    }

    private Shell start(String command, String name, String heap) throws IOException {
        return Shell.start(command, home, env(heap), logs, name);
    }

    private Shell oneShot(String readmeCommand, String name) throws IOException, InterruptedException {
        return Shell.run(localised(readmeCommand), home, env("-Xmx1g"), logs, name, ONE_SHOT);
    }

    private Map<String, String> env(String heap) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BLOCKWATCH_JAVA_OPTS", heap + " -XX:+UseSerialGC -Djava.io.tmpdir=" + home.resolve("tmp"));
        env.putAll(exported);
        return env;
    }

    private static void stopsOnCtrlC(Shell shell) throws Exception {
        long sent = System.nanoTime();
        shell.interrupt();
        int exit = shell.awaitExit(Duration.ofMinutes(1));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("'%s' from Ctrl-C to exit", shell).isLessThan(STOPS_WITHIN);
        assertThat(exit).as("'%s' exit code after Ctrl-C; stderr: %s", shell, shell.err()).isEqualTo(130);
    }

    /** Waits until the table has applied {@code dumps} dumps (one stats point each). */
    private void awaitTheTableApplied(int dumps) {
        HttpClient http = HttpClient.newHttpClient();
        URI stats = URI.create("http://127.0.0.1:" + httpPort + "/api/stats");
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body()).path("series").size() >= dumps;
        });
    }

    /** The README's output lines under a command are exactly its stdout. */
    private static void assertShowsExactly(Readme.Example example, Shell shell) {
        if (!example.output().isEmpty()) {
            assertThat(shell.outLines().stream().map(String::stripTrailing).toList()).as("the output README.md shows under %s", example)
                    .containsExactlyElementsOf(example.output().stream().map(String::stripTrailing).toList());
        }
    }

    /**
     * The transcript's lines appear in the output in the same order. A line starting with {@code ...} is the
     * README's comment on what it left out; a line ending with {@code ...} is the start of an output line;
     * timings ({@code 22.5 s}, {@code 3,099 events/s}) differ from run to run.
     */
    private static void assertShowsInOrder(List<String> output, List<String> transcript) {
        int from = 0;
        for (String expected : transcript) {
            if (expected.startsWith("...") || expected.isBlank()) {
                continue;
            }
            boolean prefix = expected.endsWith("...");
            String wanted = normalised(prefix ? expected.substring(0, expected.length() - 3).stripTrailing() : expected);
            int found = -1;
            for (int i = from; i < output.size(); i++) {
                String line = normalised(output.get(i));
                if (prefix ? line.startsWith(wanted) : line.equals(wanted)) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("README's demo transcript line, in order after output line %d:%n  %s%noutput:%n%s", from, expected,
                    String.join("\n", output)).isNotNegative();
            from = found + 1;
        }
    }

    private static String normalised(String line) {
        return TIMING.matcher(line).replaceAll("<timing>");
    }

    private static String find(List<String> output, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : output) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no output line matches " + regex + ":\n" + String.join("\n", output));
    }
}
