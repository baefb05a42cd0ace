package io.github.blockwatch.app;

import io.github.blockwatch.Tools;
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
 * What the dashboard tests look through: chromium, headless, driven by chromedriver (Debian's packages
 * chromium and chromium-driver), with its profile in {@code work/chromium}. Both are looked up on
 * {@code PATH} and handed to Selenium, so that Selenium Manager never tries to download a browser or
 * driver; a missing one fails the test with the package to install. Quit on close.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final WebDriver browser;

    private HeadlessChromium(WebDriver browser) {
        this.browser = browser;
    }

    /** A browser window of {@code width} x {@code height} CSS pixels, in US English. */
    public static HeadlessChromium open(Path work, int width, int height) throws IOException {
        System.setProperty("webdriver.chrome.driver", Tools.require("chromedriver", "chromium-driver").toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Tools.require("chromium", "chromium").toString());
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
