package io.github.blockwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.app.OwnersLoader;
import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.cli.BlockwatchCommand;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.ShrinkPolicy;
import io.github.blockwatch.kafka.CommittedRecords;
import io.github.blockwatch.kafka.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watchlists on a real broker, over the bundled dumps and owner datasets: the check. A watchlist of
 * the real AWS eu-central-1 prefixes (data/owners, April 2018) is told of 52.58.0.0/15 blocked by
 * 27-31-2015/Ид4082-15 in 2018 and unblocked in 2020; one of 192.0.2.0/24 is told nothing; one of AS16509
 * resolves through the ipverse list; one added after 2018 is told once what is already blocked. Watchlists
 * are written with the command line, read back from the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchlistIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String DECISION = "27-31-2015/Ид4082-15";
    private static final String ZI_2018 = "2018-05-05T13:25:00Z";
    private static final String ZI_2020 = "2020-01-26T01:24:00Z";

    @TempDir
    static Path work;

    @AutoClose
    private ServedDashboard dashboard;
    private RunningPipeline pipeline;
    private ApiClient api;

    @BeforeAll
    void watchThenReplay2017And2018() throws Exception {
        dashboard = ServedDashboard.start(work, "watchlist-it", 1280, 1600);
        pipeline = dashboard.pipeline();
        api = new ApiClient(pipeline.server().port());
        List<Path> ownerFiles;
        try (Stream<Path> files = Files.list(Path.of("data", "owners"))) {
            ownerFiles = files.sorted().toList();
        }
        OwnersLoader.awaitApplied(pipeline.app().streams(), OwnersLoader.load(pipeline.clients(), ownerFiles, false), TIMEOUT);

        List<String> frankfurt = new ArrayList<>(List.of("watch", "add", "frankfurt", "--channel", "ops", "--prefix"));
        frankfurt.addAll(frankfurtPrefixes());
        assertThat(cli(frankfurt.toArray(String[]::new))).startsWith("added watchlist frankfurt: prefixes 18.184.0.0/15");
        assertThat(cli("watch", "add", "docs", "--prefix", "192.0.2.0/24")).isEqualTo("added watchlist docs: prefixes 192.0.2.0/24\n");
        assertThat(cli("watch", "add", "amazon", "--asn", "AS16509")).isEqualTo("added watchlist amazon: asns AS16509\n");
        await().atMost(TIMEOUT).until(() -> api.get("/api/watchlists").status() == 200
                && api.json("/api/watchlists").path("watchlists").size() == 3);

        try (Ingestor ingestor = Ingestor.open(pipeline.clients())) {
            ingestor.ingest(Path.of("data", "zi-2017-07-01.csv.gz"));
            ingestor.ingest(Path.of("data", "zi-2018-05-05.csv.gz"));
        }
        awaitStats(2);
    }

    /** The real AWS eu-central-1 prefixes of the list published just before the April 2018 blocks. */
    private static List<String> frankfurtPrefixes() throws Exception {
        JsonNode aws = new ObjectMapper().readTree(Path.of("data", "owners", "aws-ip-ranges-2018-04-05.json").toFile());
        TreeSet<String> prefixes = new TreeSet<>();
        aws.path("prefixes").forEach(p -> {
            if (p.path("region").asText().equals("eu-central-1")) {
                prefixes.add(p.path("ip_prefix").asText());
            }
        });
        assertThat(prefixes).contains("52.58.0.0/15").hasSizeGreaterThan(30);
        return List.copyOf(prefixes);
    }

    @Test
    @Order(1)
    void shouldTellTheFrankfurtWatchlistOf52_58Blocked2018ByTheCloudDecision() {
        RangeAlert alert = single(watched(AlertType.WATCHED_BLOCKED, "frankfurt", ZI_2018));

        assertThat(alert.getRanges()).contains("52.58.0.0/15");
        assertThat(alert.getDecisions()).anySatisfy(d -> assertThat(d.getNumber()).isEqualTo(DECISION));
        assertThat(alert.getDetails()).containsEntry("channel", "ops").containsEntry("state", "newly-blocked");
        assertThat(alert.getDetails().get("watched")).contains("52.58.0.0/15");
        assertThat(alert.getOwners()).anySatisfy(o -> assertThat(o.getRegion()).isEqualTo("eu-central-1"));
        assertThat(alert.getSummary()).startsWith("watchlist frankfurt: ").contains(DECISION);
    }

    @Test
    @Order(1)
    void shouldTellNothingToAWatchlistOfSpaceNobodyBlocked() {
        assertThat(allAlerts()).noneMatch(a -> "docs".equals(a.getDetails().get("watchlist")));
    }

    @Test
    @Order(1)
    void shouldResolveAnAsnWatchlistThroughTheBundledOwnerDatasets() {
        RangeAlert alert = single(watched(AlertType.WATCHED_BLOCKED, "amazon", ZI_2018));

        assertThat(alert.getRanges()).contains("34.192.0.0/10");
        assertThat(alert.getAddressCount().longValueExact()).isGreaterThan(1_000_000);
    }

    @Test
    @Order(1)
    void shouldAnswerWhatOfAWatchlistIsBlockedNowExactly() {
        JsonNode list = api.json("/api/watchlists");
        JsonNode frankfurt = api.json("/api/watchlists/frankfurt");
        JsonNode docs = api.json("/api/watchlists/docs");

        assertThat(list.path("asOf").path("registryTime").asText()).isEqualTo("2018-05-05T13:25:00Z");
        assertThat(list.path("watchlists")).extracting(w -> w.path("name").asText()).containsExactly("amazon", "docs", "frankfurt");
        assertThat(frankfurt.path("channel").asText()).isEqualTo("ops");
        assertThat(frankfurt.path("blocked").path("cidrs")).extracting(JsonNode::asText).contains("52.58.0.0/15");
        JsonNode range = stream(frankfurt.path("blocked").path("ranges"))
                .filter(r -> r.path("cidr").asText().equals("52.58.0.0/15")).findFirst().orElseThrow();
        assertThat(range.path("watchedAddresses").asLong()).isEqualTo(131_072);
        assertThat(range.path("decisions")).anySatisfy(d -> assertThat(d.path("number").asText()).isEqualTo(DECISION));
        // The exact count: the blocked CIDRs listed add up to it, and the list agrees with the watchlists page.
        long sum = stream(frankfurt.path("blocked").path("cidrs")).mapToLong(c -> 1L << (32 - Integer.parseInt(c.asText().split("/")[1]))).sum();
        assertThat(frankfurt.path("blocked").path("addresses").asLong()).isEqualTo(sum).isGreaterThanOrEqualTo(131_072);
        assertThat(stream(list.path("watchlists")).filter(w -> w.path("name").asText().equals("frankfurt")).findFirst().orElseThrow()
                .path("blockedAddresses").asLong()).isEqualTo(sum);
        assertThat(docs.path("blocked").path("addresses").asLong()).isZero();
        assertThat(api.get("/api/watchlists/nosuch").status()).isEqualTo(404);
    }

    @Test
    @Order(1)
    void shouldShowTheWatchlistsOnTheDashboard() throws Exception {
        dashboard.load();
        WebDriver browser = dashboard.browser();
        WebDriverWait wait = dashboard.waitUpTo(TIMEOUT);
        try {
            wait.until(d -> d.findElement(By.id("watchlists-section")).isDisplayed()
                    && d.findElements(By.cssSelector("#watchlists tr[data-name]")).size() == 3);
            WebElement frankfurt = browser.findElement(By.cssSelector("#watchlists tr[data-name=frankfurt]"));
            assertThat(frankfurt.findElement(By.cssSelector("td.num.blocked")).getText()).isEqualTo("852.1 k");
            frankfurt.findElement(By.tagName("a")).click();
            wait.until(d -> d.findElement(By.id("watchlist-detail")).getText().contains("52.58.0.0/15"));
            assertThat(browser.findElement(By.id("watchlist-detail")).getText()).contains("frankfurt: 852.1 k of");
        } finally {
            dashboard.screenshot(Path.of("target/dashboard-watchlists.png"));
        }
    }

    @Test
    @Order(2)
    void shouldTellAWatchlistAddedLaterWhatIsAlreadyBlockedOnce() {
        cli("watch", "add", "late", "--prefix", "52.58.0.0/15", "192.0.2.1");

        RangeAlert alert = await().atMost(TIMEOUT).until(() -> watched(AlertType.WATCHED_BLOCKED, "late"), l -> !l.isEmpty()).get(0);

        assertThat(alert.getDetails()).containsEntry("state", "already-blocked").containsEntry("watched", "52.58.0.0/15");
        assertThat(alert.getAddressCount().longValueExact()).isEqualTo(131_072);
        assertThat(alert.getDecisions()).anySatisfy(d -> assertThat(d.getNumber()).isEqualTo(DECISION));
    }

    @Test
    @Order(3)
    void shouldTellTheFrankfurtWatchlistOf52_58UnblockedIn2020() throws Exception {
        // The 2020 mirror file is cut to 41 rows: applied knowingly, as a replay of history does.
        try (Ingestor ingestor = Ingestor.open(pipeline.clients(), ShrinkPolicy.accepting())) {
            ingestor.ingest(Path.of("data", "zi-2020-01-26.csv.gz"));
        }
        awaitStats(3);

        RangeAlert alert = single(watched(AlertType.WATCHED_UNBLOCKED, "frankfurt", ZI_2020));
        assertThat(alert.getRanges()).contains("52.58.0.0/15");
        assertThat(alert.getDetails()).containsEntry("state", "unblocked");
        assertThat(allAlerts()).noneMatch(a -> "docs".equals(a.getDetails().get("watchlist")));
        // Every alert, watched ones included, as the topic's JSON: valid against the published schema.
        CommittedRecords.readAll(pipeline.clients().bootstrap(), Topics.ALERTS_JSON)
                .forEach(r -> AlertJsonSchema.assertValid(r.value()));
    }

    @Test
    @Order(4)
    void shouldListAndRemoveWatchlistsFromTheCommandLine() {
        assertThat(cli("watch", "list")).contains("docs: prefixes 192.0.2.0/24\n", "amazon: asns AS16509\n");
        assertThat(cli("watch", "remove", "docs")).isEqualTo("removed watchlist docs\n");

        assertThat(cli("watch", "list")).doesNotContain("docs:");
        StringWriter err = new StringWriter();
        int exit = BlockwatchCommand.commandLine().setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true))
                .execute("watch", "remove", "docs", "--bootstrap", pipeline.clients().bootstrap());
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("blockwatch watch remove: error: no watchlist 'docs' (see 'blockwatch watch list')\n");
        await().atMost(TIMEOUT).until(() -> api.json("/api/watchlists").path("watchlists").size() == 3);
    }

    private String cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", pipeline.clients().bootstrap()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BlockwatchCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    private void awaitStats(int dumps) {
        await().atMost(TIMEOUT).until(() -> CommittedRecords.readAll(pipeline.clients().bootstrap(), Topics.STATS).size() == dumps);
    }

    private List<RangeAlert> allAlerts() {
        return CommittedRecords.readAll(pipeline.clients().bootstrap(), Topics.ALERTS).stream().map(ConsumerRecord::value).toList();
    }

    private List<RangeAlert> watched(AlertType type, String watchlist) {
        return allAlerts().stream().filter(a -> a.getType() == type && watchlist.equals(a.getDetails().get("watchlist"))).toList();
    }

    /** The watched alerts of one dump (2017 already blocked a few single AWS addresses, which 2018 partly lifted). */
    private List<RangeAlert> watched(AlertType type, String watchlist, String registryTime) {
        return watched(type, watchlist).stream().filter(a -> a.getRegistryTime().toString().equals(registryTime)).toList();
    }

    private static RangeAlert single(List<RangeAlert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
