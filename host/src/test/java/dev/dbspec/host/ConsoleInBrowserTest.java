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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console end to end in a real headless Chromium driven by Debian's chromedriver, against the local PostgreSQL:
 * an admin signs in with the keyboard and registers PostgreSQL through the form generated from its parameter schema;
 * an analyst uploads a CSV and sees its rows, browses to the table, runs a query, runs a long one as a task and cancels
 * it while its progress arrives over the WebSocket; a second analyst, signed in meanwhile in another browser, sees
 * neither those tasks nor their events. Every page has a label for each control and fits 768 px without scrolling
 * sideways. Then an admin reads the matrix, runs test-db on a PostgreSQL database of its own and watches its checks arrive,
 * opens the HTML report (its inline style and filter script work under its policy), and grants and revokes a database;
 * an analyst exports a result as CSV (the downloaded file's exact bytes: RFC 4180 quoting, formula guard, optional BOM) and
 * the event channel, dropped by the page, reconnects with {@code "after"} and shows the events it missed, once each.
 * Every control of the new pages is reached with Tab and labelled. The page's WebSocket is wrapped by a script the test
 * installs through the DevTools protocol (not by the console), so the test can drop it, hold back reconnection and read
 * the hello the page sends.
 * Screenshots of each page land in {@code host/target/console-screenshots} (docs/console-*.png are copies).
 * Skipped when Chromium or chromedriver is missing, unless DBSPEC_REQUIRE_CHROMIUM is set (CI sets it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    private WebDriver root;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String database = "con_pg_" + suffix;
    private final String uploaded = "con_up_" + suffix;
    private final String testDbName = "con_tdb_" + suffix;
    /** PostgreSQL trusts local connections, so this password is never checked: it must simply never be shown. */
    private final String testDbPassword = "pw-" + suffix + "-never-shown";

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
        root = browser("root");
    }

    /**
     * Wraps the page's WebSocket before any script of the page runs: every socket is kept in {@code __sockets} so the test can
     * close it, every message sent is kept in {@code __sent} (the hello with "after"), every one received in
     * {@code __received}; while {@code __blockSockets} is true a new socket goes to a path without a WebSocket, so it fails
     * and the page keeps retrying.
     */
    private static final String SOCKET_HOOK = """
            (() => {
              const Native = window.WebSocket;
              window.__sockets = []; window.__sent = []; window.__received = []; window.__blockSockets = false;
              function Wrapped(url, protocols) {
                const target = window.__blockSockets ? url.replace('/api/ws', '/api/ws-blocked') : url;
                const socket = protocols === undefined ? new Native(target) : new Native(target, protocols);
                const send = socket.send.bind(socket);
                socket.send = data => { window.__sent.push(String(data)); send(data); };
                socket.addEventListener('message', m => window.__received.push(String(m.data)));
                window.__sockets.push(socket);
                return socket;
              }
              Wrapped.prototype = Native.prototype;
              Object.assign(Wrapped, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
              window.WebSocket = Wrapped;
            })();""";

    private static Path downloads(String profile) {
        return dir.resolve("downloads-" + profile);
    }

    private static WebDriver browser(String profile) throws Exception {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--hide-scrollbars",
                        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-" + profile)));
        options.setExperimentalOption("prefs", Map.of("download.default_directory",
                Files.createDirectories(downloads(profile)).toAbsolutePath().toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SOCKET_HOOK));
        return driver;
    }

    @AfterAll
    void stop() {
        for (WebDriver browser : new WebDriver[] {ana, bob, root}) {
            if (browser != null) {
                browser.quit();
            }
        }
        if (admin != null && runtime != null && runtime.databases().registration(database).isPresent()) {
            admin.post("/api/query", Map.of("database", database, "sql", "DROP TABLE IF EXISTS " + uploaded, "cache", false));
        }
        if (runtime != null && runtime.databases().registration(testDbName).isPresent()) {
            runtime.databases().remove(testDbName);
        }
        if (runtime != null) {
            try {
                postgres("DROP DATABASE IF EXISTS " + testDbName + " WITH (FORCE)");
            } catch (RuntimeException e) {
                System.err.println("cannot drop " + testDbName + ": " + e.getMessage());
            }
        }
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    /** One statement on PostgreSQL's test database outside any transaction (CREATE DATABASE wants that). */
    private void postgres(String sql) {
        LocalServices.runOnPostgres(runtime.host().registry(), sql);
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
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()"); // a tab still signed in would sign in again
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

    /**
     * Every visible, enabled control of the view is reached with Tab from the page's heading, and every button and link says
     * what it does (its text or aria-label).
     */
    private static void keyboard(WebDriver browser, String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Long controls = (Long) js.executeScript("const all = [...document.querySelectorAll('#view a[href], #view button, #view input, "
                + "#view select, #view textarea, #view summary')].filter(e => !e.disabled && e.getClientRects().length > 0);"
                + "all.forEach((e, i) => e.setAttribute('data-kbd', String(i)));"
                + "document.getElementById('page-title').focus(); return all.length;");
        java.util.Set<String> reached = new java.util.HashSet<>();
        for (int i = 0; i < controls + 40 && reached.size() < controls; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            Object key = js.executeScript("return document.activeElement && document.activeElement.getAttribute('data-kbd')");
            if (key != null) {
                reached.add((String) key);
            }
        }
        @SuppressWarnings("unchecked")
        List<String> unreached = (List<String>) js.executeScript("return [...document.querySelectorAll('[data-kbd]')]"
                + ".filter(e => !arguments[0].includes(e.getAttribute('data-kbd'))).map(e => e.outerHTML.slice(0, 160))", List.copyOf(reached));
        assertThat(unreached).as(page + ": controls Tab never reaches").isEmpty();
        @SuppressWarnings("unchecked")
        List<String> nameless = (List<String>) js.executeScript("return [...document.querySelectorAll('#view a[href], #view button')]"
                + ".filter(e => !(e.textContent.trim() || e.getAttribute('aria-label'))).map(e => e.outerHTML.slice(0, 160))");
        assertThat(nameless).as(page + ": buttons and links without a name").isEmpty();
        assertThat(controls).as(page + ": controls found").isPositive();
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur()");
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(1)
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
        keyboard(ana, "engines");
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
        keyboard(ana, "databases");
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
        keyboard(ana, "upload");
        screenshot(ana, "upload");
        String uploadTask = taskId(ana.findElement(By.id("upload-state")).getText());

        // browse to the table, open its select-star in the editor and run it
        go(ana, "#/schema/" + database, "Schema");
        visible(ana, "#schemas a[href$='/public']").click();
        visible(ana, "#tables a[href$='/" + uploaded + "']").click();
        waitText(ana, "#columns", "name");
        assertThat(ana.findElement(By.id("columns")).getText()).contains("id", "int");
        accessible(ana, "schema");
        keyboard(ana, "schema");
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
        keyboard(ana, "sql");

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
        keyboard(ana, "tasks");
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

    @Test
    @Order(2)
    void anAdminReadsTheMatrixRunsTestDbWatchingItsChecksOpensTheReportAndManagesGrants() throws Exception {
        postgres("CREATE DATABASE " + testDbName);
        Http.Response registered = admin.post("/api/databases", Map.of("name", testDbName,
                "url", "jdbc:postgresql://127.0.0.1:5432/" + testDbName, "user", "postgres", "password", testDbPassword));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        signIn(root, adminToken, "root (admin)");

        // ---- the matrix: filtered to PostgreSQL's family, one feature group at a time
        go(root, "#/matrix", "Matrix");
        visible(root, "#matrix-search").sendKeys("postgres");
        waitText(root, "#matrix", "PostgreSQL");
        String count = root.findElement(By.id("matrix-count")).getText();
        Matcher shown = Pattern.compile("(\\d+) of (\\d+) engines").matcher(count);
        assertThat(shown.find()).as(count).isTrue();
        assertThat(Integer.parseInt(shown.group(1))).as(count).isPositive().isLessThan(Integer.parseInt(shown.group(2)));
        assertThat(root.findElement(By.id("matrix")).getText()).doesNotContain("MariaDB").contains("query_cancelation");
        assertThat(root.findElements(By.cssSelector("#matrix thead th[scope=col]"))).hasSizeGreaterThan(10);
        assertThat(root.findElements(By.cssSelector("#matrix tbody th[scope=row]"))).hasSize(Integer.parseInt(shown.group(1)));
        new Select(root.findElement(By.id("matrix-group"))).selectByValue("Time grains");
        waitText(root, "#matrix caption", "Time grains");
        assertThat(root.findElement(By.cssSelector("#matrix thead")).getText()).contains("P1D");
        root.findElement(By.id("matrix-feature")).sendKeys("P1D");
        waiting(root).until(driver -> driver.findElements(By.cssSelector("#matrix thead th.feature")).size() == 1);
        assertThat(root.findElement(By.cssSelector("#matrix tbody td.cell")).getText()).as("a cell names its verdict to screen readers")
                .isNotBlank();
        root.findElement(By.id("matrix-feature")).clear();
        new Select(root.findElement(By.id("matrix-group"))).selectByValue("Superset features");
        root.findElement(By.id("matrix-search")).clear();
        waiting(root).until(driver -> driver.findElement(By.id("matrix-count")).getText().matches("(\\d+) of \\1 engines.*"));
        accessible(root, "matrix");
        keyboard(root, "matrix");

        // ---- test-db from the databases page: the checks appear while the task runs, then the report opens
        go(root, "#/databases", "Databases");
        visible(root, "#databases a[href='#/test-db/" + testDbName + "']").click();
        waitText(root, "#page-title", "Test DB");
        // the page says Test DB while it loads the databases: wait for its form
        assertThat(new Select(visible(root, "#testdb-database")).getFirstSelectedOption().getAttribute("value")).isEqualTo(testDbName);
        root.findElement(By.id("testdb-run")).click();
        waiting(root).until(driver -> driver.findElements(By.cssSelector("#testdb-checks-body tr")).size() >= 3
                && driver.findElement(By.id("testdb-state")).getText().contains("RUNNING"));
        new WebDriverWait(root, Duration.ofSeconds(180)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("testdb-state"), "SUCCEEDED"));
        waitText(root, "#testdb-verdict", "PASSED");
        String state = root.findElement(By.id("testdb-state")).getText();
        String testDbTask = taskId(state);
        Matcher done = Pattern.compile("(\\d+) checks done").matcher(state);
        assertThat(done.find()).as(state).isTrue();
        assertThat(root.findElements(By.cssSelector("#testdb-checks-body tr"))).as("one row per check, none twice")
                .hasSize(Integer.parseInt(done.group(1)));
        assertThat(root.findElement(By.id("testdb-checks")).getText()).contains("connect", "grain.P1D", "passed");
        assertThat(root.getPageSource()).doesNotContain(testDbPassword);
        String delivered = (String) ((JavascriptExecutor) root).executeScript("return window.__received.join('\\n')");
        assertThat(delivered).as("the WebSocket delivered the checks").contains(testDbTask, "grain.P1D").doesNotContain(testDbPassword);
        accessible(root, "test-db");
        keyboard(root, "test-db");
        screenshot(root, "test-db");

        String console = root.getWindowHandle();
        root.findElement(By.id("testdb-open-report")).click();
        waiting(root).until(driver -> driver.getWindowHandles().size() == 2);
        String report = root.getWindowHandles().stream().filter(handle -> !handle.equals(console)).findFirst().orElseThrow();
        root.switchTo().window(report);
        visible(root, "#verdict");
        assertThat(root.findElement(By.id("verdict")).getText()).contains("PASSED");
        assertThat(root.findElement(By.id("verdict")).getCssValue("background-color")).as("the report's inline style applies")
                .isEqualTo("rgba(19, 115, 51, 1)");
        String before = root.findElement(By.id("shown")).getText();
        root.findElement(By.id("q")).sendKeys("grain.P1D");
        waiting(root).until(driver -> !driver.findElement(By.id("shown")).getText().equals(before));
        assertThat(root.findElement(By.id("shown")).getText()).as("the report's filter script runs").startsWith("1 of ");
        assertThat(root.getPageSource()).contains(testDbName).doesNotContain(testDbPassword);
        screenshot(root, "test-db-report");
        root.close();
        root.switchTo().window(console);

        // bob, an analyst watching his own events since the first test, saw nothing of the admin's test-db task
        assertThat(bob.findElement(By.id("events-body")).getText()).doesNotContain(testDbTask);
        assertThat(new Http(server.port(), anaToken).get("/api/tasks/" + testDbTask).status()).isEqualTo(404);

        // ---- grants: add and take back, through the card only admins see
        go(root, "#/databases", "Databases");
        new Select(visible(root, "#grants-database")).selectByValue(testDbName);
        waitText(root, "#grants-list", "Nobody but admins");
        root.findElement(By.id("grant-user")).sendKeys("ana", Keys.ENTER);
        waitText(root, "#grants", "ana");
        assertThat(root.findElement(By.id("grants")).getText()).contains("root");
        assertThat(runtime.security().store().isGranted(testDbName, "ana")).isTrue();
        accessible(root, "databases with grants");
        keyboard(root, "databases with grants");
        ((JavascriptExecutor) root).executeScript("document.getElementById('grants-card').scrollIntoView()");
        Path grants = ((TakesScreenshot) root).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(grants, SCREENSHOTS.resolve("console-grants.png"), StandardCopyOption.REPLACE_EXISTING);
        root.findElement(By.cssSelector("#grants button[data-user='ana']")).click();
        waitText(root, "#grants-list", "Nobody but admins");
        assertThat(runtime.security().store().isGranted(testDbName, "ana")).isFalse();

        // ---- the matrix now shows PostgreSQL's claims verified live by that run
        go(root, "#/matrix", "Matrix");
        visible(root, "#matrix-live").click();
        waitText(root, "#matrix", "PostgreSQL");
        assertThat(root.findElement(By.id("matrix")).getText()).contains("live");
        assertThat(root.findElements(By.cssSelector("#matrix td.cell.VERIFIED"))).isNotEmpty();
        root.findElement(By.id("matrix-live")).click();
        root.findElement(By.id("matrix-search")).sendKeys("postgre");
        waiting(root).until(driver -> driver.findElements(By.cssSelector("#matrix tbody tr")).size() > 1);
        screenshot(root, "matrix");

        // ---- at 768 px the new pages fit too
        root.manage().window().setSize(new Dimension(768, 900));
        for (String[] page : new String[][] {{"#/matrix", "Matrix", "#matrix"}, {"#/test-db/" + testDbName, "Test DB", "#testdb-run"},
                {"#/databases", "Databases", "#grants-database"}}) {
            go(root, page[0], page[1]);
            visible(root, page[2]);
            accessible(root, page[1] + " at 768 px");
        }
        root.manage().window().setSize(new Dimension(1280, 900));

        // ---- an analyst sees neither the grants card nor the test-db page, and the API refuses them both
        signIn(ana, anaToken, "ana (analyst)");
        go(ana, "#/databases", "Databases");
        waitText(ana, "#databases", database);
        assertThat(ana.findElements(By.id("grants-card"))).isEmpty();
        assertThat(ana.findElements(By.id("nav-test-db"))).isEmpty();
        assertThat(ana.findElements(By.cssSelector("a[href^='#/test-db']"))).isEmpty();
        Http anaApi = new Http(server.port(), anaToken);
        assertThat(anaApi.get("/api/databases/" + database + "/grants").status()).isEqualTo(403);
        assertThat(anaApi.request("POST", "/api/databases/" + database + "/test-db").status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void anAnalystExportsAResultAsCsvAndTheEventChannelResumesAfterADropWithoutDuplicates() throws Exception {
        signIn(ana, anaToken, "ana (analyst)");
        go(ana, "#/sql/" + database, "SQL");
        visible(ana, "#sql-text");
        setSql(ana, "SELECT * FROM (VALUES (1, '=1+2', 'plain é€'), (2, 'a,b \"q\"', NULL), (-3, '@SUM(A1)', E'line\\nbreak'), "
                + "(4, '+x', '-y')) AS t(n, formula, note) ORDER BY n");
        ana.findElement(By.id("sql-run")).click();
        waitText(ana, "#sql-state", "4 rows");
        String expected = "n,formula,note\r\n"
                + "-3,'@SUM(A1),\"line\nbreak\"\r\n"
                + "1,'=1+2,plain é€\r\n"
                + "2,\"a,b \"\"q\"\"\",\r\n"
                + "4,'+x,'-y\r\n";
        Path saved = downloads("ana").resolve("query-result.csv");
        Files.deleteIfExists(saved);
        ana.findElement(By.cssSelector("#sql-output .grid-export")).click();
        assertThat(downloaded(saved)).as("RFC 4180 with the formula guard, no BOM")
                .isEqualTo(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.delete(saved);
        ana.findElement(By.cssSelector("#sql-output .grid-bom")).click();
        ana.findElement(By.cssSelector("#sql-output .grid-export")).click();
        byte[] withBom = downloaded(saved);
        assertThat(java.util.Arrays.copyOf(withBom, 3)).as("the UTF-8 byte order mark").isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(java.util.Arrays.copyOfRange(withBom, 3, withBom.length)).isEqualTo(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        accessible(ana, "SQL with export");
        keyboard(ana, "SQL with export");

        // ---- the event channel: a task's events arrive, the socket drops, a task runs meanwhile, the page resumes
        JavascriptExecutor js = (JavascriptExecutor) ana;
        Http anaApi = new Http(server.port(), anaToken);
        go(ana, "#/tasks", "Tasks");
        waitText(ana, "#channel", "Live");
        String first = anaApi.post("/api/query/async", Map.of("database", database, "sql", "SELECT 1")).json().path("taskId").asText();
        waiting(ana).until(driver -> driver.findElement(By.id("events-body")).getText().contains(first + " query SUCCEEDED"));
        long seen = (Long) js.executeScript("return Math.max(...window.__received.map(m => JSON.parse(m)).filter(e => e.type === 'task')"
                + ".map(e => e.seq))");
        int hellos = ((Number) js.executeScript("return window.__sent.length")).intValue();
        js.executeScript("window.__blockSockets = true; window.__sockets[window.__sockets.length - 1].close()");
        waitText(ana, "#channel", "Not connected");
        String missed = anaApi.post("/api/query/async", Map.of("database", database, "sql", "SELECT 2")).json().path("taskId").asText();
        waiting(ana).until(driver -> anaApi.get("/api/tasks/" + missed).json().path("state").asText().equals("SUCCEEDED"));
        Thread.sleep(1_000); // the server publishes the task's events meanwhile (it polls tasks every 300 ms)
        assertThat(ana.findElement(By.id("events-body")).getText()).as("nothing arrives while the channel is down").doesNotContain(missed);
        js.executeScript("window.__blockSockets = false");
        waitText(ana, "#channel", "Live");
        waiting(ana).until(driver -> driver.findElement(By.id("events-body")).getText().contains(missed + " query SUCCEEDED"));
        @SuppressWarnings("unchecked")
        List<String> sent = (List<String>) js.executeScript("return window.__sent");
        String hello = sent.get(sent.size() - 1);
        assertThat(sent.size()).as("a new hello after the drop").isGreaterThan(hellos);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(hello).path("after").asLong()).as("the page resumes after the last event it saw: " + hello).isEqualTo(seen);
        assertThat(hello).doesNotContain("?token");
        @SuppressWarnings("unchecked")
        List<String> sequence = (List<String>) js.executeScript("return [...document.querySelectorAll('#events-body tr td:first-child')]"
                + ".map(td => td.textContent)");
        assertThat(sequence).as("each event shown once").doesNotHaveDuplicates();
        assertThat(ana.findElement(By.id("events-body")).getText().split(first + " query SUCCEEDED", -1)).as("the first task's end, once").hasSize(2);
        assertThat(ana.findElement(By.id("events-body")).getText().split(missed + " query SUCCEEDED", -1)).as("the missed one's, once").hasSize(2);
    }

    /** The bytes of a download once Chromium has finished writing it. */
    private static byte[] downloaded(Path file) throws Exception {
        Path partial = file.resolveSibling(file.getFileName() + ".crdownload");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && (!Files.exists(file) || Files.exists(partial))) {
            Thread.sleep(100);
        }
        assertThat(file).as("downloaded into " + file.getParent()).exists();
        return Files.readAllBytes(file);
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
