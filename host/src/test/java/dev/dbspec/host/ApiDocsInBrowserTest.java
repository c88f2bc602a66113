package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.rest.Route;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Swagger UI at {@code /api/docs} in a real headless Chromium driven by Debian's chromedriver: a refused token is
 * said so, a valid one shows every route of the table, and "Try it out" calls the API with the token. Skipped when
 * Chromium or chromedriver is missing, unless DBSPEC_REQUIRE_CHROMIUM is set (CI sets it and installs both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;

    private ServerRuntime runtime;
    private RestServer server;
    private String viewerToken;
    private WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            if (System.getenv("DBSPEC_REQUIRE_CHROMIUM") != null) {
                Assertions.fail("Chromium and chromedriver are required (DBSPEC_REQUIRE_CHROMIUM) but " + CHROMIUM + " or "
                        + CHROMEDRIVER + " is missing");
            }
            Assumptions.abort("headless Chromium or chromedriver not installed at " + CHROMIUM + ", " + CHROMEDRIVER);
        }
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", dir.resolve("data")), Optional.of(plugins));
        server = RestServer.start(runtime, "127.0.0.1", 0);
        viewerToken = runtime.security().addUser("test", "docs-viewer", Role.VIEWER).token();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The first displayed and enabled element under {@code scope} matching {@code css}, or null (a wait tries again). */
    private static WebElement shown(WebElement scope, String css) {
        return scope.findElements(By.cssSelector(css)).stream().filter(e -> e.isDisplayed() && e.isEnabled()).findFirst().orElse(null);
    }

    @Test
    void swaggerUiShowsEveryRouteAndCallsTheApiWithTheToken() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://127.0.0.1:" + server.port() + "/api/docs");
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertThat(browser.findElement(By.cssSelector("label[for=token]")).getText()).isEqualTo("API token");

        token.sendKeys("dbs_" + "A".repeat(43));
        browser.findElement(By.id("open")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "refused"));
        assertThat(browser.findElements(By.cssSelector(".opblock"))).as("nothing shown without a valid token").isEmpty();

        browser.findElement(By.id("token")).sendKeys(viewerToken);
        browser.findElement(By.id("open")).click();
        wait.until(driver -> driver.findElements(By.cssSelector(".opblock")).size() >= server.routes().size());
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
        Set<String> shown = browser.findElements(By.cssSelector(".opblock")).stream()
                .map(block -> block.findElement(By.cssSelector(".opblock-summary-method")).getText().toUpperCase(Locale.ROOT) + " "
                        + block.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> table = server.routes().stream().map(route -> route.method() + " " + route.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(shown).as("every route of the table, and only those").isEqualTo(table);

        // Try it out on GET /api/engines: the UI sends the token, the server answers 200 with the engines
        WebElement engines = browser.findElement(By.id("operations-default-getEngines"));
        engines.findElement(By.cssSelector(".opblock-summary")).click();
        // the operation opens with an animation: its buttons exist only once it has rendered, so look for them in the wait
        wait.until(driver -> shown(engines, ".try-out__btn")).click();
        wait.until(driver -> shown(engines, ".execute")).click();
        WebElement status = wait.until(driver -> engines.findElements(By.cssSelector(".live-responses-table tbody .response-col_status"))
                .stream().findFirst().orElse(null));
        assertThat(status.getText()).startsWith("200");
        assertThat(engines.findElement(By.cssSelector(".live-responses-table tbody .response-col_description")).getText())
                .contains("\"h2\"");
        List<Route> publicRoutes = server.routes().stream().filter(route -> route.access() == Route.Access.PUBLIC).toList();
        assertThat(publicRoutes).extracting(Route::path).contains("/api/docs", "/api/docs/{file}", "/api/health");
    }
}
