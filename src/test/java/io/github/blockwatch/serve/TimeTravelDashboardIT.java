package io.github.blockwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.ingest.Ingestor;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's time-travel section in headless chromium after the 2017 and 2018 dumps: the decision
 * picker offers the largest decisions and draws the chosen one's curve; the "blocked at" box answers for
 * a time before and after the April 2018 cloud blocks. Saves {@code target/dashboard-timetravel.png}.
 */
class TimeTravelDashboardIT {
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    static Path work;

    @AutoClose
    private static ServedDashboard dashboard;
    private static WebDriver browser;

    @BeforeAll
    static void startAppAndBrowser() throws Exception {
        dashboard = ServedDashboard.start(work, "time-travel-dashboard-it", 1400, 1500);
        browser = dashboard.browser();
    }

    @Test
    void shouldDrawTheLargestDecisionsCurveAndAnswerForATimeBeforeAndAfterTheBan() throws Exception {
        try (Ingestor ingestor = Ingestor.open(dashboard.pipeline().clients())) {
            ingestor.ingest(Path.of("data/zi-2017-07-01.csv.gz"));
            ingestor.ingest(Path.of("data/zi-2018-05-05.csv.gz"));
        }
        dashboard.load();
        WebDriverWait wait = dashboard.waitUpTo(STREAMS_TIMEOUT);
        try {
            // The picker refreshes every 10 s until the 2018 dump is applied and the AWS decision leads.
            wait.until(d -> new Select(d.findElement(By.id("decision-pick"))).getFirstSelectedOption().getText()
                    .startsWith("Генпрокуратура 27-31-2015/Ид4082-15 — 13.7 M addresses"));
            wait.until(d -> "2".equals(d.findElement(By.id("decision-chart")).getAttribute("data-points")));
            assertThat(browser.findElement(By.id("decision-figures")).getText())
                    .contains("13,705,515 IPv4 addresses");
            assertThat(browser.findElements(By.cssSelector("#decision-chart canvas"))).isNotEmpty();

            new Select(browser.findElement(By.id("decision-pick"))).selectByIndex(1);
            wait.until(d -> d.findElement(By.id("decision-figures")).getText().contains("27-31-2018/Ид2971-18"));

            ask("52.58.0.1", "2017-12-01");
            wait.until(d -> d.findElement(By.id("at-result")).getText().contains("52.58.0.1 was not blocked at 2017-12-01 00:00 UTC"));
            ask("52.58.0.1", "2018-05-05T17:00+03:00");
            wait.until(d -> d.findElement(By.id("at-result")).getText().contains("was blocked at 2018-05-05 14:00 UTC"));
            assertThat(browser.findElement(By.id("at-result")).getText())
                    .contains("52.58.0.0/15", "27-31-2015/Ид4082-15", "blocked since 2018-05-05 13:25 UTC, still blocked",
                            "blocked in 1 interval:");
            new Actions(browser).scrollToElement(browser.findElement(By.id("time-travel"))).perform();
        } finally {
            dashboard.screenshot(Path.of("target/dashboard-timetravel.png"));
        }
    }

    private static void ask(String ip, String at) {
        browser.findElement(By.id("at-ip")).clear();
        browser.findElement(By.id("at-ip")).sendKeys(ip);
        browser.findElement(By.id("at-time")).clear();
        browser.findElement(By.id("at-time")).sendKeys(at);
        browser.findElement(By.id("at-button")).click();
    }
}
