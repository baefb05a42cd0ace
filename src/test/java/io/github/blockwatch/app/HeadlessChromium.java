package io.github.blockwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * What the dashboard tests look through: Debian's chromium, headless, driven by Debian's chromedriver,
 * with its profile in {@code work/chromium}. Both paths are fixed so that Selenium Manager never tries
 * to download a browser or driver. Quit on close.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final String DRIVER = "/usr/bin/chromedriver";
    private static final String BROWSER = "/usr/bin/chromium";

    private final WebDriver browser;

    private HeadlessChromium(WebDriver browser) {
        this.browser = browser;
    }

    /** A browser window of {@code width} x {@code height} CSS pixels, in US English. */
    public static HeadlessChromium open(Path work, int width, int height) throws IOException {
        System.setProperty("webdriver.chrome.driver", DRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createDirectories(work.resolve("chromium")),
                "--window-size=" + width + "," + height, "--lang=en-US");
        WebDriver browser = new ChromeDriver(options);
        browser.manage().window().setSize(new Dimension(width, height));
        return new HeadlessChromium(browser);
    }

    public WebDriver browser() {
        return browser;
    }

    /** Saves what the window shows now as a PNG, replacing {@code file}. */
    public void screenshot(Path file) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        browser.quit();
    }
}
