package io.github.blockwatch.serve;

import io.github.blockwatch.app.HeadlessChromium;
import io.github.blockwatch.app.RunningPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the dashboard tests run against: the pipeline serving its HTTP API and dashboard, and a headless
 * chromium to look at it. Closed browser first, and the pipeline even when the browser fails to quit.
 */
final class ServedDashboard implements AutoCloseable {
    private final RunningPipeline pipeline;
    private final HeadlessChromium chromium;

    private ServedDashboard(RunningPipeline pipeline, HeadlessChromium chromium) {
        this.pipeline = pipeline;
        this.chromium = chromium;
    }

    /** The pipeline in {@code work} and a browser window of {@code width} x {@code height}, not yet on the page. */
    static ServedDashboard start(Path work, String applicationId, int width, int height) throws IOException {
        RunningPipeline pipeline = RunningPipeline.startServing(work, applicationId);
        try {
            return new ServedDashboard(pipeline, HeadlessChromium.open(work, width, height));
        } catch (IOException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    RunningPipeline pipeline() {
        return pipeline;
    }

    WebDriver browser() {
        return chromium.browser();
    }

    /** Loads the dashboard page; what it shows next arrives over SSE and its own polling. */
    void load() {
        chromium.browser().get("http://127.0.0.1:" + pipeline.server().port() + "/");
    }

    /** Loads the dashboard with a lookup asked in its address, as notify's links do. */
    void lookUp(String ip) {
        chromium.browser().get("http://127.0.0.1:" + pipeline.server().port() + "/?ip=" + ip);
    }

    /**
     * A wait on the page that reads through redraws: the dashboard replaces its pickers and panels as its
     * polling answers, so an element found a moment ago may be gone when the condition reads it.
     */
    WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(chromium.browser(), timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    void screenshot(Path file) throws IOException {
        chromium.screenshot(file);
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            pipeline.close();
        }
    }
}
