package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page at {@code /} in a real headless Chromium on the demo dataset: autocomplete, similar movies, the
 * problem's clickable suggestions, personal recommendations. Uses Debian's chromium and chromium-driver (nothing
 * is downloaded: the driver and browser paths are given, so Selenium Manager never runs); skipped when
 * {@code /usr/bin/chromium} is absent. Screenshots go to {@code target/browser-screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "intune.data.path=data/demo")
class BrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/browser-screenshots");
    static final Duration WAIT = Duration.ofSeconds(20);

    static WebDriver driver;
    static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
                        + "(apt-get install chromium chromium-driver)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("intune-chromium-profile");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void openPageOnceReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness")).build();
        while (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            assertThat(Instant.now()).as("readiness within 90 s").isBefore(deadline);
            Thread.sleep(100);
        }
        driver.manage().window().setSize(new Dimension(1280, 1400));
        driver.get(base() + "/");
        waitFor().until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static WebDriverWait waitFor() {
        return new WebDriverWait(driver, WAIT);
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    @Test
    void pickingATitleFromTheAutocompleteShowsSimilarMovies() throws Exception {
        WebElement title = driver.findElement(By.id("title"));
        title.sendKeys("toy sto");
        List<WebElement> options = waitFor().until(ExpectedConditions.numberOfElementsToBeMoreThan(
                By.cssSelector("#title-list [role=option]"), 1));
        assertThat(options.getFirst().getText()).startsWith("Toy Story");
        assertThat(title.getDomAttribute("aria-expanded")).isEqualTo("true");
        screenshot("autocomplete");

        title.sendKeys(Keys.ARROW_DOWN);
        assertThat(options.getFirst().getDomAttribute("aria-selected")).isEqualTo("true");
        assertThat(title.getDomAttribute("aria-activedescendant")).isEqualTo(options.getFirst().getDomAttribute("id"));
        String picked = options.getFirst().getText();
        title.sendKeys(Keys.ENTER);

        WebElement results = driver.findElement(By.id("similar-results"));
        List<WebElement> movies = waitFor().until(ExpectedConditions.numberOfElementsToBeMoreThan(
                By.cssSelector("#similar-results ol.movies > li"), 4));
        assertThat(title.getDomProperty("value")).isEqualTo(picked);
        assertThat(results.findElement(By.cssSelector(".strategy")).getText()).isEqualTo("content-improved");
        assertThat(movies.getFirst().findElement(By.cssSelector(".reason")).getText())
                .startsWith("similar to " + picked);
        assertThat(results.getDomAttribute("aria-live")).isEqualTo("polite");
        screenshot("similar-movies");
    }

    @Test
    void anUnknownTitleShowsClickableSuggestions() throws Exception {
        driver.findElement(By.id("title")).sendKeys("Toy Stroy");
        driver.findElement(By.cssSelector("#similar-form button[type=submit]")).click();

        WebElement problem = waitFor().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#similar-results .problem")));
        assertThat(problem.getText()).contains("no movie titled 'Toy Stroy'").contains("Pick a title");
        List<WebElement> suggestions = problem.findElements(By.cssSelector(".suggestions button"));
        assertThat(suggestions).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(suggestions.getFirst().getText()).matches("Toy Story.* \\(\\d{4}\\)");
        screenshot("unknown-title-suggestions");

        String suggestion = suggestions.getFirst().getText();
        suggestions.getFirst().click();
        waitFor().until(ExpectedConditions.numberOfElementsToBeMoreThan(
                By.cssSelector("#similar-results ol.movies > li"), 0));
        assertThat(driver.findElement(By.id("title")).getDomProperty("value")).isEqualTo(suggestion);
        assertThat(driver.findElement(By.cssSelector("#similar-results .meta")).getText()).contains(suggestion);
    }

    @Test
    void aUserIdShowsPersonalRecommendationsAndAGenreItsChart() throws Exception {
        driver.findElement(By.id("user-id")).sendKeys("1");
        driver.findElement(By.cssSelector("#user-form button[type=submit]")).click();
        waitFor().until(ExpectedConditions.numberOfElementsToBeMoreThan(
                By.cssSelector("#user-results ol.movies > li"), 4));
        assertThat(driver.findElement(By.cssSelector("#user-results .strategy")).getText()).isEqualTo("hybrid");

        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("genre"))).selectByVisibleText("Comedy");
        driver.findElement(By.cssSelector("#popular-form button[type=submit]")).click();
        List<WebElement> chart = waitFor().until(ExpectedConditions.numberOfElementsToBeMoreThan(
                By.cssSelector("#popular-results ol.movies > li"), 4));
        chart.forEach(li -> assertThat(li.findElement(By.cssSelector(".genres")).getText()).contains("Comedy"));
        assertThat(driver.findElement(By.id("tuner-note")).getText()).isNotBlank();
        screenshot("personal-and-popular");

        driver.manage().window().setSize(new Dimension(390, 844));
        Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(0L);
        screenshot("phone");
    }
}
