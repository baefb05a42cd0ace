package io.github.blockwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.app.OwnersLoader;
import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.ShrinkPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium, headless, driven by chromedriver) while the three
 * bundled dumps are replayed: alerts appear without a reload, the chart gets one point per dump, the
 * lookup box shows the decision behind 52.58.0.1, and nothing on the page breaks the server's
 * Content-Security-Policy. Saves {@code target/dashboard.png} (after 2018)
 * and {@code target/dashboard-final.png}.
 */
class DashboardIT {
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path work;

    @AutoClose
    private static ServedDashboard dashboard;
    private static WebDriver browser;

    @BeforeAll
    static void startAppAndBrowser() throws Exception {
        dashboard = ServedDashboard.start(work, "dashboard-it", 1400, 1050);
        browser = dashboard.browser();
    }

    @Test
    void shouldShowTheReplayLiveAndAnswerTheLookupBox() throws Exception {
        try {
            replayWhileWatching();
        } finally {
            dashboard.screenshot(Path.of("target/dashboard-final.png"));
        }
    }

    private void replayWhileWatching() throws Exception {
        // Every Content-Security-Policy violation of the page, from its first script on (the server's policy
        // allows only its own scripts and styles: the dashboard must need nothing else).
        ((ChromiumDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
                        + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
        dashboard.load();
        WebDriverWait wait = dashboard.waitUpTo(STREAMS_TIMEOUT);
        wait.until(d -> d.findElement(By.id("live")).getText().equals("live"));
        assertThat(browser.findElements(By.cssSelector("#alerts li[data-type]"))).isEmpty();
        List<Path> owners;
        try (var files = Files.list(Path.of("data/owners"))) {
            owners = files.sorted().toList();
        }
        RunningPipeline pipeline = dashboard.pipeline();
        OwnersLoader.awaitApplied(pipeline.app().streams(), OwnersLoader.load(pipeline.clients(), owners, false), STREAMS_TIMEOUT);

        // The 2020 mirror file is cut to 41 rows; applied knowingly, as a replay of history does.
        try (Ingestor ingestor = Ingestor.open(pipeline.clients(), ShrinkPolicy.accepting())) {
            ingestor.ingest(Path.of("data/zi-2017-07-01.csv.gz"));
            ingestor.ingest(Path.of("data/zi-2018-05-05.csv.gz"));

            // Pushed over SSE into the page loaded before they existed: no reload in between.
            wait.until(d -> d.findElements(By.cssSelector("#alerts li[data-type=LARGE_RANGE]")).size() > 0);
            wait.until(d -> "2".equals(d.findElement(By.id("chart")).getAttribute("data-points")));
            assertThat(browser.findElement(By.id("total-ipv4")).getText()).isEqualTo("14.7 M");
            // One source (the default one, never named): no source filter, one curve, as before sources existed.
            assertThat(browser.findElement(By.id("source-filter")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("chart")).getAttribute("data-curves")).isEqualTo("IPv4 addresses blocked");
            assertThat(browser.findElement(By.id("chart-hint")).getText()).isEmpty();

            browser.findElement(By.id("lookup-ip")).sendKeys("52.58.0.1");
            browser.findElement(By.id("lookup-button")).click();
            wait.until(d -> d.findElement(By.id("lookup-result")).getText().contains("27-31-2015/Ид4082-15"));
            assertThat(browser.findElement(By.id("lookup-result")).getText())
                    .contains("52.58.0.1 is blocked", "52.58.0.0/15", "Генпрокуратура", "owner: Amazon AWS eu-central-1");
            wait.until(d -> "2".equals(d.findElement(By.id("owners-chart")).getAttribute("data-points")));
            wait.until(d -> d.findElement(By.id("owners-latest")).getText().contains("unattributed"));
            Thread.sleep(2500); // let the "new alert" highlight fade
            dashboard.screenshot(Path.of("target/dashboard.png")); // the day of the 2018 ban: the README's picture
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "document.getElementById('owners-section').scrollIntoView()");
            dashboard.screenshot(Path.of("target/dashboard-owners.png"));
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");

            ingestor.ingest(Path.of("data/zi-2020-01-26.csv.gz"));
        }
        wait.until(d -> d.findElements(By.cssSelector("#alerts li[data-type=UNBLOCKED]")).size() > 0);
        wait.until(d -> "3".equals(d.findElement(By.id("chart")).getAttribute("data-points")));
        wait.until(d -> d.findElement(By.id("total-ipv4")).getText().equals("263.8 k"));
        // The lookup box follows the new dump: the AWS range was lifted in 2020.
        wait.until(d -> d.findElement(By.id("lookup-result")).getText().contains("52.58.0.1 is not blocked"));
        assertThat((List<?>) ((JavascriptExecutor) browser).executeScript("return window.cspViolations")).isEmpty();

        // The link in a notify message: the page opens with the lookup done.
        dashboard.lookUp("34.192.0.0");
        wait.until(d -> d.findElement(By.id("lookup-result")).getText().startsWith("34.192.0.0 is "));
        assertThat(browser.findElement(By.id("lookup-ip")).getAttribute("value")).isEqualTo("34.192.0.0");
        assertThat((List<?>) ((JavascriptExecutor) browser).executeScript("return window.cspViolations")).isEmpty();
    }
}
