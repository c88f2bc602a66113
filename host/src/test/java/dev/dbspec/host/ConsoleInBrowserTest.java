package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.Role;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console end to end in a real headless Chromium driven by Debian's chromedriver, against the local PostgreSQL:
 * an admin signs in with the keyboard and registers PostgreSQL through the form generated from its parameter schema;
 * an analyst uploads a CSV and sees its rows, browses to the table, runs a query, runs a long one as a task and cancels
 * it while its progress arrives over the WebSocket; a second analyst, signed in meanwhile in another browser, sees
 * neither those tasks nor their events. Every page has a label for each control and fits 768 px without scrolling
 * sideways. Screenshots of each page land in {@code host/target/console-screenshots} (docs/console-*.png are copies).
 * Skipped when Chromium or chromedriver is missing, unless DBSPEC_REQUIRE_CHROMIUM is set (CI sets it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private ServerRuntime runtime;
    private RestServer server;
    private Http admin;
    private String adminToken;
    private String anaToken;
    private String bobToken;
    private WebDriver ana;
    private WebDriver bob;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String database = "con_pg_" + suffix;
    private final String uploaded = "con_up_" + suffix;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            if (System.getenv("DBSPEC_REQUIRE_CHROMIUM") != null) {
                Assertions.fail("Chromium and chromedriver are required (DBSPEC_REQUIRE_CHROMIUM) but " + CHROMIUM + " or "
                        + CHROMEDRIVER + " is missing");
            }
            Assumptions.abort("headless Chromium or chromedriver not installed at " + CHROMIUM + ", " + CHROMEDRIVER);
        }
        TestDatabases.require("postgresql");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJars.copyBuiltPlugins(plugins);
        runtime = ServerRuntime.start(DbspecConfig.defaults().with("data.dir", dir.resolve("data")), Optional.of(plugins));
        server = RestServer.start(runtime, "127.0.0.1", 0);
        adminToken = runtime.security().addUser("test", "root", Role.ADMIN).token();
        anaToken = runtime.security().addUser("test", "ana", Role.ANALYST).token();
        bobToken = runtime.security().addUser("test", "bob", Role.ANALYST).token();
        admin = new Http(server.port(), adminToken);
        Files.createDirectories(SCREENSHOTS);
        ana = browser("ana");
        bob = browser("bob");
    }

    private static WebDriver browser(String profile) throws Exception {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--hide-scrollbars",
                        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-" + profile)));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        for (WebDriver browser : new WebDriver[] {ana, bob}) {
            if (browser != null) {
                browser.quit();
            }
        }
        if (admin != null && runtime != null && runtime.databases().registration(database).isPresent()) {
            admin.post("/api/query", Map.of("database", database, "sql", "DROP TABLE IF EXISTS " + uploaded, "cache", false));
        }
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private String url(String hash) {
        return "http://127.0.0.1:" + server.port() + "/" + hash;
    }

    private static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, WAIT);
    }

    private static WebElement visible(WebDriver browser, String css) {
        return waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private static void waitText(WebDriver browser, String css, String text) {
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** Signs in with the keyboard only: the token field has the focus, Enter submits. */
    private void signIn(WebDriver browser, String token, String expected) {
        browser.get(url(""));
        visible(browser, "#token");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the token field has the focus").isEqualTo("token");
        browser.switchTo().activeElement().sendKeys(token, Keys.ENTER);
        waitText(browser, "#principal", expected);
    }

    private void go(WebDriver browser, String hash, String title) {
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]", hash);
        waitText(browser, "#page-title", title);
    }

    /** Every control of the page has a label, and the page does not scroll sideways. */
    private static void accessible(WebDriver browser, String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) js.executeScript("return [...document.querySelectorAll('input, select, textarea, progress')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id || e.outerHTML)");
        assertThat(unlabelled).as(page + ": controls without a label").isEmpty();
        Long stray = (Long) js.executeScript("return document.getElementById('view').innerText.split('\\n')"
                + ".filter(line => ['null', 'undefined', '[object Object]'].includes(line.trim())).length");
        assertThat(stray).as(page + ": no line reads null, undefined or [object Object]").isZero();
        Long overflow = (Long) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow).as(page + ": no horizontal scrolling of the page").isLessThanOrEqualTo(0L);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anAdminRegistersPostgresAndAnAnalystUploadsBrowsesQueriesAndCancelsWhileAnotherSeesNothingOfIt() throws Exception {
        // ---- the admin: engines, then PostgreSQL registered through the form generated from its parameter schema
        signIn(ana, adminToken, "root (admin)");
        go(ana, "#/engines", "Engines");
        visible(ana, "#engine-search").sendKeys("postgres"); // the page draws its filters once the engines have arrived
        waitText(ana, "#engines", "PostgreSQL");
        new Select(ana.findElement(By.id("engine-validation"))).selectByValue("live");
        // the search also finds spec-only engines speaking PostgreSQL (AlloyDB, Aurora): the filter hides them
        new org.openqa.selenium.support.ui.WebDriverWait(ana, java.time.Duration.ofSeconds(20))
                .until(driver -> !driver.findElement(By.id("engines")).getText().contains("spec-only"));
        assertThat(ana.findElement(By.id("engines")).getText()).contains("PostgreSQL", "live").doesNotContain("spec-only");
        accessible(ana, "engines");
        screenshot(ana, "engines");

        go(ana, "#/databases", "Databases");
        visible(ana, "#p-host");
        new Select(ana.findElement(By.id("register-engine"))).selectByValue("postgresql");
        visible(ana, "#p-username");
        ana.findElement(By.id("register-name")).sendKeys(database);
        ana.findElement(By.id("p-host")).sendKeys("not a host!"); // refused by the engine's parameter checks: the field says so
        ana.findElement(By.id("p-port")).sendKeys("5432");
        ana.findElement(By.id("p-database")).sendKeys("test");
        ana.findElement(By.id("p-username")).sendKeys("postgres");
        ana.findElement(By.id("register-submit")).click();
        waitText(ana, "#register-message", "invalid_parameters");
        assertThat(ana.findElement(By.id("p-host")).getAttribute("aria-invalid")).isEqualTo("true");
        ana.findElement(By.id("p-host")).clear();
        ana.findElement(By.id("p-host")).sendKeys("127.0.0.1");
        ana.findElement(By.id("register-submit")).click();
        waitText(ana, "#databases", database);
        assertThat(runtime.databases().registration(database)).isPresent();
        accessible(ana, "databases");
        screenshot(ana, "databases");
        for (String user : List.of("ana", "bob")) {
            assertThat(admin.post("/api/databases/" + database + "/grants", Map.of("user", user)).status()).isEqualTo(201);
        }
        ana.findElement(By.id("signout")).click();
        visible(ana, "#token");

        // ---- bob signs in elsewhere and watches his task events
        signIn(bob, bobToken, "bob (analyst)");
        assertThat(bob.findElements(By.id("nav-databases"))).isNotEmpty();
        go(bob, "#/tasks", "Tasks");
        waitText(bob, "#channel", "Live");

        // ---- ana: an analyst sees no registration form
        signIn(ana, anaToken, "ana (analyst)");
        go(ana, "#/databases", "Databases");
        waitText(ana, "#databases", database);
        assertThat(ana.findElements(By.id("register"))).as("no registration form for an analyst").isEmpty();

        // upload a CSV and see its rows
        Path csv = Files.writeString(dir.resolve(uploaded + ".csv"), "id,name\n1,alpha\n2,beta\n3,gamma\n");
        go(ana, "#/upload/" + database, "Upload");
        visible(ana, "#upload-table").sendKeys(uploaded);
        ana.findElement(By.id("upload-file")).sendKeys(csv.toAbsolutePath().toString());
        ana.findElement(By.id("upload-submit")).click();
        waitText(ana, "#upload-result", "gamma");
        assertThat(ana.findElement(By.id("upload-state")).getText()).contains("SUCCEEDED");
        accessible(ana, "upload");
        screenshot(ana, "upload");
        String uploadTask = taskId(ana.findElement(By.id("upload-state")).getText());

        // browse to the table, open its select-star in the editor and run it
        go(ana, "#/schema/" + database, "Schema");
        visible(ana, "#schemas a[href$='/public']").click();
        visible(ana, "#tables a[href$='/" + uploaded + "']").click();
        waitText(ana, "#columns", "name");
        assertThat(ana.findElement(By.id("columns")).getText()).contains("id", "int");
        accessible(ana, "schema");
        screenshot(ana, "schema");
        ana.findElement(By.id("open-in-sql")).click();
        waitText(ana, "#page-title", "SQL");
        assertThat(visible(ana, "#sql-text").getAttribute("value")).contains(uploaded);
        ana.findElement(By.id("sql-run")).click();
        waitText(ana, "#sql-output", "beta");
        assertThat(ana.findElement(By.id("sql-state")).getText()).contains("3 rows");
        screenshot(ana, "sql");

        // validate and estimate without running
        ana.findElement(By.id("sql-validate")).click();
        waitText(ana, "#validation", "accepts");
        ana.findElement(By.id("sql-estimate")).click();
        waitText(ana, "#estimate", "rows, cost");
        // a paginated grid: 120 rows are three pages of 50
        setSql(ana, "SELECT g AS n FROM generate_series(1, 120) g");
        ana.findElement(By.id("sql-run")).click();
        waitText(ana, "#sql-output", "Rows 1–50 of 120");
        ana.findElement(By.cssSelector("#sql-output .grid-next")).click();
        waitText(ana, "#sql-output", "Rows 51–100 of 120");
        accessible(ana, "sql");

        // a long query as a task: its progress arrives, then it is cancelled
        setSql(ana, "SELECT pg_sleep(60)");
        ana.findElement(By.id("sql-run-task")).click();
        waitText(ana, "#sql-state", "RUNNING");
        String longTask = taskId(ana.findElement(By.id("sql-state")).getText());
        long started = System.nanoTime();
        ana.findElement(By.id("sql-cancel")).click();
        waitText(ana, "#sql-state", "CANCELLED");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));

        // the tasks page lists what the WebSocket delivered (events.js keeps only those)
        go(ana, "#/tasks", "Tasks");
        waitText(ana, "#events-body", longTask);
        assertThat(ana.findElement(By.id("events-body")).getText()).contains(uploadTask, "CANCELLED", "SUCCEEDED");
        waitText(ana, "#channel", "Live");
        accessible(ana, "tasks");
        screenshot(ana, "tasks");

        // ---- bob saw none of it, and cannot look ana's task up
        assertThat(bob.findElement(By.id("events-body")).getText()).doesNotContain(longTask, uploadTask);
        assertThat(bob.findElements(By.cssSelector("#events-body tr"))).isEmpty();
        bob.findElement(By.id("task-id")).sendKeys(longTask, Keys.ENTER);
        waitText(bob, "#task-answer", "not_found");

        // ---- 768 px wide: every page still fits
        ana.manage().window().setSize(new Dimension(768, 900));
        for (String[] page : new String[][] {{"#/engines", "Engines", "#engines"}, {"#/databases", "Databases", "#databases"},
                {"#/schema/" + database + "/public/" + uploaded, "Schema", "#columns"}, {"#/upload", "Upload", "#upload-table"},
                {"#/tasks", "Tasks", "#events"}, {"#/sql/" + database, "SQL", "#sql-text"}}) {
            go(ana, page[0], page[1]);
            visible(ana, page[2]);
            accessible(ana, page[1] + " at 768 px");
        }
        setSql(ana, "SELECT * FROM " + uploaded);
        ana.findElement(By.id("sql-run")).click();
        waitText(ana, "#sql-output", "gamma");
        accessible(ana, "SQL with a result at 768 px");
        screenshot(ana, "sql-768");
    }

    private static void setSql(WebDriver browser, String sql) {
        WebElement editor = browser.findElement(By.id("sql-text"));
        editor.clear();
        editor.sendKeys(sql);
    }

    private static String taskId(String text) {
        Matcher matcher = Pattern.compile("Task ([0-9a-f-]{36})").matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }
}
