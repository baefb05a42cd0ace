package io.github.blockwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blockwatch.Tools;
import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.ingest.IngestLimits;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.Progress;
import io.github.blockwatch.ingest.ShrinkPolicy;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sources side by side, served: on a real embedded broker, the official dump.xml of 31 May 2015 as the source
 * {@code official}, and antifilter's real lists of 17 July 2024 as {@code antifilter-ipsum} (then its list of
 * 18 July) and {@code antifilter-community}, each ingested by its own {@link Ingestor}. The HTTP API answers
 * per source (every count against FireHOL's {@code iprange -C}, an independent C program), and the dashboard,
 * in headless chromium, offers a source filter and draws one curve per source beside the union. One pipeline
 * for both: the machine's cores are shared. Saves {@code target/dashboard-sources.png}.
 */
class SourcesSideBySideIT {
    private static final Path OFFICIAL = Path.of("src/test/resources/rkn-xml/dump-2015-05-31T2300.xml.gz");
    private static final Path DAYS = Path.of("data/antifilter");
    /** The registry times MANIFEST.txt gives the two days (their commits'), set as the lists' file times. */
    private static final Instant JULY_17 = Instant.parse("2024-07-17T16:36:29Z");
    private static final Instant JULY_18 = Instant.parse("2024-07-18T00:31:43Z");
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    static Path work;

    @AutoClose
    private static ServedDashboard dashboard;
    private static ApiClient api;
    private static Path ipsum17;
    private static Path ipsum18;
    private static Path community;

    @BeforeAll
    static void ingestThreeSourcesSideBySide() throws Exception {
        dashboard = ServedDashboard.start(work, "sources-side-by-side-it", 1400, 1050);
        RunningPipeline pipeline = dashboard.pipeline();
        api = new ApiClient(pipeline.server().port());
        ipsum17 = list("2024-07-17", "ipsum", JULY_17);
        community = list("2024-07-17", "community", JULY_17);
        ipsum18 = list("2024-07-18", "ipsum", JULY_18);

        ingest(pipeline, "official", OFFICIAL);
        ingest(pipeline, "antifilter-ipsum", ipsum17);
        ingest(pipeline, "antifilter-community", community);
        ingest(pipeline, "antifilter-ipsum", ipsum18);
        await().atMost(STREAMS_TIMEOUT).until(() -> api.get("/api/stats").status() == 200
                && api.json("/api/stats").path("series").size() == 4);
    }

    @Test
    void shouldNameBothSourcesForAnAddressBothListAndOneForAnAddressOnlyOneLists() {
        // official lists 5.45.64.19 itself, antifilter's ipsum the /20 around it.
        JsonNode both = api.json("/api/ip/5.45.64.19");
        assertThat(both.path("blocked").asBoolean()).isTrue();
        assertThat(texts(both.path("blockedBy"))).containsExactly("antifilter-ipsum", "official");
        assertThat(range(both, "5.45.64.19/32").path("sources")).extracting(JsonNode::asText).containsExactly("official");
        assertThat(range(both, "5.45.64.19/32").path("entries").get(0).path("source").asText()).isEqualTo("official");
        assertThat(range(both, "5.45.64.19/32").path("entries").get(0).path("key").asText()).startsWith("official/xml:");
        assertThat(range(both, "5.45.64.0/20").path("sources")).extracting(JsonNode::asText).containsExactly("antifilter-ipsum");
        JsonNode bySource = both.path("sources");
        assertThat(names(bySource)).containsExactly("antifilter-community", "antifilter-ipsum", "official");
        assertThat(bySource.path("official").path("blocked").asBoolean()).isTrue();
        assertThat(texts(bySource.path("official").path("ranges"))).containsExactly("5.45.64.19/32");
        assertThat(texts(bySource.path("antifilter-ipsum").path("ranges"))).containsExactly("5.45.64.0/20");
        assertThat(bySource.path("antifilter-community").path("blocked").asBoolean()).isFalse();
        assertThat(bySource.path("antifilter-community").path("ranges")).isEmpty();

        JsonNode officialOnly = api.json("/api/ip/2.23.151.22");
        assertThat(officialOnly.path("blocked").asBoolean()).isTrue();
        assertThat(texts(officialOnly.path("blockedBy"))).containsExactly("official");
        assertThat(officialOnly.path("sources").path("antifilter-ipsum").path("blocked").asBoolean()).isFalse();

        JsonNode ipsumOnly = api.json("/api/ip/1.179.201.1");
        assertThat(texts(ipsumOnly.path("blockedBy"))).containsExactly("antifilter-ipsum");
        assertThat(ipsumOnly.path("sources").path("official").path("blocked").asBoolean()).isFalse();

        // One range two lists share: the range names both.
        JsonNode shared = api.json("/api/ip/13.225.78.1");
        assertThat(range(shared, "13.225.78.0/24").path("sources")).extracting(JsonNode::asText)
                .containsExactly("antifilter-community", "antifilter-ipsum");
        assertThat(texts(shared.path("blockedBy"))).containsExactly("antifilter-community", "antifilter-ipsum");

        JsonNode none = api.json("/api/ip/192.0.2.1");
        assertThat(none.path("blocked").asBoolean()).isFalse();
        assertThat(none.path("blockedBy")).isEmpty();
        assertThat(names(none.path("sources"))).hasSize(3);
    }

    @Test
    void shouldCountEachSourceAloneAsIprangeDoesAndKeepTheUnionAsTheTotal() throws Exception {
        JsonNode stats = api.json("/api/stats");
        long official = iprangeUniqueIps(officialIpv4());
        long ipsum = iprangeUniqueIps(gunzip(ipsum18));
        long community = iprangeUniqueIps(gunzip(SourcesSideBySideIT.community));
        long union = iprangeUniqueIps(officialIpv4(), gunzip(ipsum18), gunzip(SourcesSideBySideIT.community));
        assertThat(official).isEqualTo(5_437L);
        assertThat(ipsum).isEqualTo(3_161_600L);

        JsonNode sources = stats.path("sources");
        assertThat(names(sources)).containsExactly("antifilter-community", "antifilter-ipsum", "official");
        assertThat(sources.path("official").path("distinctIpv4").asLong()).isEqualTo(official);
        assertThat(sources.path("antifilter-ipsum").path("distinctIpv4").asLong()).isEqualTo(ipsum);
        assertThat(sources.path("antifilter-community").path("distinctIpv4").asLong()).isEqualTo(community);
        assertThat(stats.path("totals").path("distinctIpv4").asLong()).as("the union").isEqualTo(union).isEqualTo(3_795_611L);
        assertThat(sources.path("antifilter-ipsum").path("entries").asLong()).isEqualTo(lines(ipsum18));
        assertThat(sources.path("antifilter-ipsum").path("dumps").asInt()).isEqualTo(2);
        assertThat(sources.path("antifilter-ipsum").path("lastDump").path("registryTime").asText()).isEqualTo(JULY_18.toString());
        assertThat(sources.path("antifilter-ipsum").path("lastDump").path("id").asText()).startsWith("antifilter-ipsum/");
        assertThat(sources.path("official").path("lastDump").path("registryTime").asText()).isEqualTo("2015-05-31T20:00:00Z");
        assertThat(sources.path("official").path("rangesIpv6").asLong()).isZero();

        JsonNode series = stats.path("series");
        assertThat(stream(series).map(p -> p.path("sourceName").asText()))
                .containsExactly("official", "antifilter-ipsum", "antifilter-community", "antifilter-ipsum");
        assertThat(names(series.get(0).path("sources"))).containsExactly("official");
        assertThat(series.get(0).path("sources").path("official").path("distinctIpv4").asLong()).isEqualTo(official);
        assertThat(series.get(0).path("distinctIpv4").asLong()).isEqualTo(official);
        JsonNode last = series.get(3);
        assertThat(last.path("sources").path("antifilter-ipsum").path("distinctIpv4").asLong()).isEqualTo(ipsum);
        assertThat(last.path("sources").path("official").path("distinctIpv4").asLong()).isEqualTo(official);
        assertThat(last.path("distinctIpv4").asLong()).isEqualTo(union);
        assertThat(series.get(1).path("sources").path("antifilter-ipsum").path("distinctIpv4").asLong())
                .isEqualTo(iprangeUniqueIps(gunzip(ipsum17))).isEqualTo(3_140_096L);

        String metrics = api.get("/metrics").body();
        assertThat(metric(metrics, "blockwatch_blocked_ipv4_addresses")).isEqualTo((double) union);
        assertThat(metric(metrics, "blockwatch_source_blocked_ipv4_addresses{source=\"official\"}")).isEqualTo((double) official);
        assertThat(metric(metrics, "blockwatch_source_blocked_ipv4_addresses{source=\"antifilter-ipsum\"}")).isEqualTo((double) ipsum);
        assertThat(metric(metrics, "blockwatch_source_entries{source=\"antifilter-ipsum\"}")).isEqualTo((double) lines(ipsum18));
        assertThat(metric(metrics, "blockwatch_source_ranges{source=\"antifilter-community\"}"))
                .isEqualTo(sources.path("antifilter-community").path("rangesIpv4").asDouble()).isPositive();
    }

    @Test
    void shouldListOnlyTheRangesOfOneSourceAndPageThroughThem() {
        JsonNode page = api.json("/api/ranges?within=5.45.64.0/20&source=official&limit=1000");
        assertThat(page.path("source").asText()).isEqualTo("official");
        assertThat(page.path("ranges")).isNotEmpty()
                .allSatisfy(r -> assertThat(texts(r.path("sources"))).contains("official"));
        assertThat(cidrs(page)).contains("5.45.64.19/32").doesNotContain("5.45.64.0/20");
        JsonNode all = api.json("/api/ranges?within=5.45.64.0/20&limit=1000");
        assertThat(cidrs(all)).contains("5.45.64.0/20").containsAll(cidrs(page));
        assertThat(all.has("source")).isFalse();

        // Paging with the filter visits exactly the source's ranges, in address order.
        List<String> paged = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode next = api.json("/api/ranges?within=5.0.0.0/8&source=official&limit=7&cursor=" + cursor);
            paged.addAll(cidrs(next));
            cursor = next.path("nextCursor").isNull() ? null : next.path("nextCursor").asText();
        } while (cursor != null);
        List<String> expected = stream(api.json("/api/ranges?within=5.0.0.0/8&limit=1000").path("ranges"))
                .filter(r -> texts(r.path("sources")).contains("official")).map(r -> r.path("cidr").asText()).toList();
        assertThat(paged).isNotEmpty().isEqualTo(expected);

        // community's 664 ranges among 16 k: a request reads past at most 10,000 of other sources, so its pages
        // stop short (with a cursor) long before 1,000 ranges, and paging still visits exactly community's ranges.
        List<String> community = new ArrayList<>();
        int pages = 0;
        cursor = "";
        do {
            JsonNode next = api.json("/api/ranges?source=antifilter-community&limit=1000&cursor=" + cursor);
            community.addAll(cidrs(next));
            pages++;
            cursor = next.path("nextCursor").isNull() ? null : next.path("nextCursor").asText();
        } while (cursor != null);
        List<String> everyRange = new ArrayList<>();
        List<String> communityExpected = new ArrayList<>();
        cursor = "";
        do {
            JsonNode next = api.json("/api/ranges?limit=1000&cursor=" + cursor);
            everyRange.addAll(cidrs(next));
            stream(next.path("ranges")).filter(r -> texts(r.path("sources")).contains("antifilter-community"))
                    .forEach(r -> communityExpected.add(r.path("cidr").asText()));
            cursor = next.path("nextCursor").isNull() ? null : next.path("nextCursor").asText();
        } while (cursor != null);
        assertThat(everyRange).hasSizeGreaterThan(RangeListing.MAX_FILTERED + communityExpected.size());
        assertThat(community).hasSizeLessThan(1000).isEqualTo(communityExpected);
        assertThat(pages).as("pages cut short by the read limit").isGreaterThan(1);

        JsonNode recent = api.json("/api/ranges/recent?source=official&limit=5");
        assertThat(recent.path("firstBlocked").asText()).isEqualTo("2015-05-31T20:00:00Z");
        assertThat(recent.path("complete").asBoolean()).isTrue();
        assertThat(recent.path("ranges")).hasSize(5).allSatisfy(r -> {
            assertThat(r.path("firstBlockedDump").asText()).startsWith("official/");
            assertThat(texts(r.path("sources"))).contains("official");
        });
        // Community shares ipsum's registry time: its own additions only, none of ipsum's.
        JsonNode communityRecent = api.json("/api/ranges/recent?source=antifilter-community&limit=20");
        assertThat(communityRecent.path("firstBlocked").asText()).isEqualTo(JULY_17.toString());
        assertThat(communityRecent.path("ranges")).isNotEmpty().allSatisfy(r ->
                assertThat(r.path("firstBlockedDump").asText()).startsWith("antifilter-community/"));
        assertThat(api.json("/api/ranges/recent?limit=3").has("complete")).isFalse();

        ApiClient.Reply unknown = api.get("/api/ranges?source=zi");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText())
                .isEqualTo("no source named 'zi' in the table; its sources: antifilter-community, antifilter-ipsum, official");
        assertThat(api.get("/api/ranges/recent?source=Not%20A%20Name").status()).isEqualTo(400);
    }

    @Test
    void shouldAnswerPerSourceAsOfARegistryTimeAndOverHistory() {
        // In 2020 only the official source had a dump; it blocked the address since its 2015 dump.
        JsonNode in2020 = api.json("/api/ip/5.45.64.19?at=2020-01-01");
        assertThat(in2020.path("blocked").asBoolean()).isTrue();
        assertThat(texts(in2020.path("blockedBy"))).containsExactly("official");
        assertThat(names(in2020.path("sources"))).containsExactly("official");
        assertThat(in2020.path("sources").path("official").path("blockedSince").asText()).isEqualTo("2015-05-31T20:00:00Z");
        assertThat(in2020.path("sources").path("official").path("dump").path("id").asText()).startsWith("official/2015-05-31T20:00:00Z/");
        assertThat(in2020.path("ranges").get(0).path("sources")).extracting(JsonNode::asText).containsExactly("official");

        JsonNode july = api.json("/api/ip/5.45.64.19?at=2024-07-17T20:00Z");
        assertThat(texts(july.path("blockedBy"))).containsExactly("antifilter-ipsum", "official");
        assertThat(july.path("sources").path("antifilter-ipsum").path("blockedSince").asText()).isEqualTo(JULY_17.toString());
        assertThat(july.path("sources").path("antifilter-community").path("blocked").asBoolean()).isFalse();

        // ipsum listed 2.16.154.0/24 on 17 July and dropped it on the 18th; no other source lists it.
        JsonNode history = api.json("/api/ip/2.16.154.1/history");
        assertThat(history.path("blockedNow").asBoolean()).isFalse();
        assertThat(names(history.path("sources"))).containsExactly("antifilter-ipsum");
        JsonNode interval = history.path("sources").path("antifilter-ipsum").path("intervals").get(0);
        assertThat(interval.path("from").asText()).isEqualTo(JULY_17.toString());
        assertThat(interval.path("until").asText()).isEqualTo(JULY_18.toString());
        assertThat(texts(interval.path("ranges"))).containsExactly("2.16.154.0/24");
        assertThat(history.path("intervals").get(0).path("ranges").get(0).path("sources")).extracting(JsonNode::asText)
                .containsExactly("antifilter-ipsum");

        JsonNode both = api.json("/api/ip/5.45.64.19/history");
        assertThat(names(both.path("sources"))).containsExactly("antifilter-ipsum", "official");
        assertThat(both.path("sources").path("official").path("intervals").get(0).path("from").asText())
                .isEqualTo("2015-05-31T20:00:00Z");
        assertThat(both.path("sources").path("antifilter-ipsum").path("blockedNow").asBoolean()).isTrue();
    }

    @Test
    void shouldOfferASourceFilterAndDrawOneCurvePerSourceBesideTheUnion() throws Exception {
        WebDriver browser = dashboard.browser();
        dashboard.load();
        WebDriverWait wait = dashboard.waitUpTo(Duration.ofSeconds(60));
        try {
            wait.until(d -> d.findElement(By.id("source-filter")).isDisplayed());
            assertThat(new Select(browser.findElement(By.id("source-pick"))).getOptions()).extracting(o -> o.getText())
                    .containsExactly("all sources", "antifilter-community", "antifilter-ipsum", "official");
            wait.until(d -> "4".equals(d.findElement(By.id("chart")).getAttribute("data-points")));
            assertThat(browser.findElement(By.id("chart")).getAttribute("data-curves"))
                    .isEqualTo("all sources,antifilter-community,antifilter-ipsum,official");
            assertThat(browser.findElement(By.cssSelector("#chart .u-legend")).getText())
                    .contains("all sources", "antifilter-community", "antifilter-ipsum", "official");
            assertThat(browser.findElement(By.id("total-ipv4")).getText()).isEqualTo("3.8 M");
            assertThat(browser.findElement(By.id("chart-hint")).getText()).isEqualTo("all 3 sources together, and each alone");

            browser.findElement(By.id("lookup-ip")).sendKeys("5.45.64.19");
            browser.findElement(By.id("lookup-button")).click();
            wait.until(d -> d.findElement(By.id("lookup-result")).getText().contains("antifilter-ipsum: blocked"));
            assertThat(browser.findElement(By.id("lookup-result")).getText())
                    .contains("5.45.64.19 is blocked", "official: blocked", "antifilter-community: not listed", "5.45.64.0/20",
                            "antifilter-ipsum/list:5.45.64.0/20");
            dashboard.screenshot(Path.of("target/dashboard-sources.png"));

            new Select(browser.findElement(By.id("source-pick"))).selectByVisibleText("official");
            wait.until(d -> "official".equals(d.findElement(By.id("chart")).getAttribute("data-curves")));
            assertThat(browser.findElement(By.id("chart-hint")).getText()).isEqualTo("official alone (one of 3 sources)");
            wait.until(d -> d.findElement(By.id("total-ipv4")).getText().equals("5,437"));
            assertThat(browser.findElement(By.id("total-ipv4-label")).getText()).isEqualToIgnoringCase("IPv4 addresses blocked by official");
            wait.until(d -> d.findElement(By.id("recent-when")).getText().equals("first blocked 2015-05-31 20:00 UTC"));
            assertThat(browser.getCurrentUrl()).endsWith("/?source=official");
            dashboard.screenshot(Path.of("target/dashboard-sources-official.png"));

            // A link with the source opens with it chosen.
            browser.get("http://127.0.0.1:" + dashboard.pipeline().server().port() + "/?source=antifilter-ipsum");
            wait.until(d -> "antifilter-ipsum".equals(d.findElement(By.id("chart")).getAttribute("data-curves")));
            assertThat(new Select(browser.findElement(By.id("source-pick"))).getFirstSelectedOption().getText())
                    .isEqualTo("antifilter-ipsum");
            assertThat((Object) ((JavascriptExecutor) browser).executeScript(
                    "return document.querySelectorAll('#chart canvas').length")).isEqualTo(1L);
        } finally {
            dashboard.screenshot(Path.of("target/dashboard-sources-final.png"));
        }
    }

    /** Ingests {@code file} as a dump of {@code source}, with that source's own transactional id. */
    private static void ingest(RunningPipeline pipeline, String source, Path file) throws Exception {
        try (Ingestor ingestor = Ingestor.open(pipeline.clients(), Ingestor.defaultTransactionalId(source), Progress.NONE,
                false, ShrinkPolicy.holding(), IngestLimits.DEFAULT, source)) {
            assertThat(ingestor.ingest(file).published()).as(source + " " + file).isTrue();
        }
    }

    /** A copy of one of antifilter's lists, with the registry time a list takes from its file's time. */
    private static Path list(String day, String name, Instant time) throws IOException {
        Path copy = Files.createDirectories(work.resolve("lists").resolve(day)).resolve(name + ".lst.gz");
        Files.copy(DAYS.resolve(day).resolve(name + ".lst.gz"), copy);
        Files.setLastModifiedTime(copy, FileTime.from(time));
        return copy;
    }

    /** The official dump's IPv4 addresses and subnets, as its reader accepts them, one a line. */
    private static Path officialIpv4() throws IOException {
        List<String> ranges = new ArrayList<>();
        try (DumpReader reader = Dumps.open(OFFICIAL)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof ParsedRow.Accepted accepted) {
                    accepted.entry().ranges().stream().filter(c -> c.family() == IpFamily.IPV4).map(Cidr::toString)
                            .forEach(ranges::add);
                }
            }
        }
        return Files.write(Files.createTempFile(work, "official-", ".txt"), ranges, StandardCharsets.US_ASCII);
    }

    private static Path gunzip(Path gz) throws IOException {
        Path list = Files.createTempFile(work, "list-", ".lst");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.write(list, in.readAllBytes());
        }
        return list;
    }

    private static long lines(Path gz) throws IOException {
        return Files.readAllLines(gunzip(gz), StandardCharsets.US_ASCII).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    /** {@code iprange -C} over the lists together: "entries,unique_ips"; the second figure. */
    private static long iprangeUniqueIps(Path... lists) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Tools.require("iprange", "iprange").toString(), "-C"));
        Stream.of(lists).map(Path::toString).forEach(command::add);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("iprange finished").isTrue();
        assertThat(out).as("iprange -C output").matches("\\d+,\\d+");
        return Long.parseLong(out.split(",")[1]);
    }

    private static double metric(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " not in /metrics"));
    }

    private static JsonNode range(JsonNode answer, String cidr) {
        return stream(answer.path("ranges")).filter(r -> r.path("cidr").asText().equals(cidr)).findFirst()
                .orElseThrow(() -> new AssertionError(cidr + " not among " + answer.path("ranges")));
    }

    private static List<String> cidrs(JsonNode page) {
        return stream(page.path("ranges")).map(r -> r.path("cidr").asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
