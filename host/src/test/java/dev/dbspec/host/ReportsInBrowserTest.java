package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.host.validate.HtmlReport;
import dev.dbspec.host.validate.TestDbReport;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.CheckResult.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test-db HTML report and the matrix open in headless Chromium with the network cut off: the page
 * renders (screenshot taken) and the DOM behaves as a reader needs it: coloured verdicts, failures first, working
 * filters, a sticky header and all 77 engine columns reachable by scrolling. The pages' behaviour is read by a probe
 * script added to a copy of each page (its hash added to the page's Content-Security-Policy, which stays otherwise
 * as generated, so the page's own script must match its hash to run). Skipped when Chromium is absent, unless
 * DBSPEC_REQUIRE_CHROMIUM is set (CI sets it and installs Chromium).
 */
class ReportsInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path plugins;

    @BeforeAll
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            if (System.getenv("DBSPEC_REQUIRE_CHROMIUM") != null) {
                Assertions.fail("Chromium is required (DBSPEC_REQUIRE_CHROMIUM) but " + CHROMIUM + " is missing");
            }
            Assumptions.abort("headless Chromium not installed at " + CHROMIUM);
        }
    }

    @Test
    void reportAndMatrixRenderInHeadlessChromium(@TempDir Path dir) throws Exception {
        TestPluginJars.copyBuiltPlugins(plugins);
        Path reportJson = dir.resolve("reports").resolve("h2.json");
        Files.createDirectories(reportJson.getParent());
        Path reportHtml = reportJson.resolveSibling("h2.html");
        Path matrixHtml = dir.resolve("matrix.html");
        CliRunner.Run testDb = CliRunner.run(plugins, "test-db", "jdbc:h2:mem:browser_test",
                "--json", reportJson.toString(), "--html", reportHtml.toString());
        assertThat(testDb.exitCode()).as(testDb.out()).isZero();
        CliRunner.Run matrix = CliRunner.run(plugins, "matrix", "--reports", reportJson.getParent().toString(), "--html", matrixHtml.toString());
        assertThat(matrix.exitCode()).as(matrix.err()).isZero();

        for (Path page : List.of(reportHtml, matrixHtml)) {
            assertSelfContained(Files.readString(page, StandardCharsets.UTF_8));
        }
        String reportDom = chromium(dir, "--dump-dom", reportHtml, "1280,1600");
        assertThat(reportDom).contains("<h1>H2</h1>", "Superset score verified live", "/ 201", "PASSED", " UTC</time>");
        assertThat(reportDom).as("the page's own filter script ran under its CSP").containsPattern("\\d+ of \\d+ checks shown");
        String matrixDom = chromium(dir, "--dump-dom", matrixHtml, "1400,900");
        assertThat(matrixDom).contains("dbspec engine matrix", "H2 (live)", "PostgreSQL", "SQLite", "✓");

        for (Path page : List.of(reportHtml, matrixHtml)) {
            Path png = dir.resolve(page.getFileName() + ".png");
            chromium(dir, "--screenshot=" + png, page, "1280,1600");
            assertThat(png).exists();
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes.length).as("screenshot size").isGreaterThan(10_000);
            assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }

        // -Ddbspec.screenshots=docs regenerates the README's screenshots of these two pages.
        String screenshots = System.getProperty("dbspec.screenshots");
        if (screenshots != null) {
            chromium(dir, "--screenshot=" + Path.of(screenshots, "report.png").toAbsolutePath(), reportHtml, "1000,700");
            chromium(dir, "--screenshot=" + Path.of(screenshots, "matrix.png").toAbsolutePath(), matrixHtml, "1200,700");
        }

        JsonNode passed = probe(dir, reportHtml, "1280,1600", REPORT_PROBE);
        assertThat(passed.get("verdict").asText()).isEqualTo("PASSED");
        assertThat(passed.get("failedRows").asInt()).isZero();

        JsonNode m = probe(dir, matrixHtml, "1400,900", MATRIX_PROBE);
        List<String> engines = new ArrayList<>();
        m.get("engines").forEach(e -> engines.add(e.asText()));
        assertThat(engines).as("all 77 engine columns").hasSize(77);
        assertThat(engines).as("ordered by display name, as labelled")
                .isSortedAccordingTo(Comparator.comparing((String name) -> name.replace(" (live)", "").toLowerCase(Locale.ROOT)));
        assertThat(m.get("scrollWidth").asInt()).as("wider than its box at 1400 px: it scrolls").isGreaterThan(m.get("clientWidth").asInt());
        assertThat(m.get("lastVisibleBefore").asBoolean()).as("last column off screen before scrolling").isFalse();
        assertThat(m.get("lastVisibleAfter").asBoolean()).as("last column reachable by horizontal scroll " + m.get("where")).isTrue();
        assertThat(m.get("headerPosition").asText()).isEqualTo("sticky");
        assertThat(m.get("headerOffsetAfterScroll").asDouble()).as("header row stays at the top after scrolling down").isBetween(-1.0, 1.0);
        assertThat(m.get("scrolledDown").asInt()).as("the box did scroll down").isGreaterThan(100);
        assertThat(m.get("firstColumnOffsetAfterScroll").asDouble()).as("feature column stays at the left").isBetween(-1.0, 1.0);
        assertThat(m.get("verifiedBg").asText()).isNotEqualTo(m.get("claimedBg").asText());
        assertThat(rgb(m.get("verifiedBg").asText())).as("verified is filled green").satisfies(c -> assertThat(c[1]).isGreaterThan(c[0] + 40));
        assertThat(m.get("enginesAfterFilter").asInt()).as("engine filter 'postgres'").isBetween(1, 3);
        assertThat(m.get("featuresAfterFilter").asInt()).as("feature filter 'cancel'").isBetween(1, 4);
        assertThat(m.get("featuresBeforeFilter").asInt()).isGreaterThan(40);
        assertThat(m.get("h2Link").asText()).as("link to the H2 report beside its JSON").endsWith("/reports/h2.html");
        assertThat(m.get("h2Superset").asText()).matches("\\d+ / 201");
        assertThat(m.get("sqliteSuperset").asText()).as("no report for SQLite").isEqualTo("–");
    }

    @Test
    void failedReportIsRedAndListsFailuresFirst(@TempDir Path dir) throws Exception {
        List<CheckResult> checks = List.of(
                new CheckResult("connect", "connect", Status.PASSED, "connected in 12 ms", 12),
                new CheckResult("grain.PT1H", "time grain hour", Status.PASSED, "truncates; SELECT DATE_TRUNC('HOUR', ts) FROM t", 1_530),
                new CheckResult("cancel", "cancel a running statement", Status.SKIPPED, "no long-running query here", 0),
                new CheckResult("grain.P1D", "time grain day", Status.FAILED, "expected 2026-12-05 (SELECT DATE_TRUNC('MONTH', ts) FROM t)", 75_000));
        TestDbReport report = TestDbReport.of(new TinySpec(), "tiny 1.0", "here", "jdbc:tiny:mem:x", "2026-12-05T03:04:05.123456789Z", checks);
        Path page = dir.resolve("tiny.html");
        String source = HtmlReport.render(report);
        Files.writeString(page, source, StandardCharsets.UTF_8);
        assertSelfContained(source);
        assertThat(source).contains("2026-12-05 03:04:05 UTC", "1.5 s", "1 min 15 s", "12 ms", "Total duration", "1 min 17 s")
                .doesNotContain("03:04:05.123");

        JsonNode failed = probe(dir, page, "1280,1600", REPORT_PROBE);
        assertThat(failed.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(failed.get("statuses").get(0).asText()).as("failures first").isEqualTo("FAILED");
        assertThat(failed.get("ids").toString()).isEqualTo("[\"grain.P1D\",\"connect\",\"grain.PT1H\",\"cancel\"]");
        assertThat(failed.get("sql").toString()).as("SQL of the checks that ran SQL")
                .isEqualTo("[\"SELECT DATE_TRUNC('MONTH', ts) FROM t\",\"SELECT DATE_TRUNC('HOUR', ts) FROM t\"]");
        assertThat(failed.get("visibleAfterText").asInt()).as("text filter 'hour' hides the other rows").isEqualTo(1);
        assertThat(failed.get("visibleWithoutPassed").asInt()).as("unticking passed hides the two passed rows").isEqualTo(2);

        TestDbReport passedReport = TestDbReport.of(new TinySpec(), "tiny 1.0", "here", "jdbc:tiny:mem:x", "2026-12-05T03:04:05Z",
                checks.subList(0, 3));
        Path passedPage = dir.resolve("tiny-passed.html");
        Files.writeString(passedPage, HtmlReport.render(passedReport), StandardCharsets.UTF_8);
        JsonNode passed = probe(dir, passedPage, "1280,1600", REPORT_PROBE);
        assertThat(passed.get("verdict").asText()).isEqualTo("PASSED");
        int[] green = rgb(passed.get("verdictBg").asText());
        int[] red = rgb(failed.get("verdictBg").asText());
        assertThat(green[1]).as("PASSED card is green: " + passed.get("verdictBg")).isGreaterThan(green[0] + 40);
        assertThat(red[0]).as("FAILED card is red: " + failed.get("verdictBg")).isGreaterThan(red[1] + 80);
    }

    /** Reads the verdict card, the rows in order and the filter's effect. */
    private static final String REPORT_PROBE = """
            var out={},v=document.getElementById('verdict');out.verdict=v.querySelector('b').textContent;
            out.verdictBg=getComputedStyle(v).backgroundColor;
            var rows=[].slice.call(document.querySelectorAll('tr.check'));
            function visible(){return rows.filter(function(r){return r.getClientRects().length>0;}).length;}
            out.statuses=rows.map(function(r){return r.dataset.status;});
            out.ids=rows.map(function(r){return r.querySelector('code').textContent;});
            out.sql=[].slice.call(document.querySelectorAll('pre.sql')).map(function(p){return p.textContent;});
            out.failedRows=rows.filter(function(r){return r.dataset.status==='FAILED';}).length;
            var q=document.getElementById('q');q.value='hour';q.dispatchEvent(new Event('input'));out.visibleAfterText=visible();
            q.value='';q.dispatchEvent(new Event('input'));
            var box=document.querySelector('input[name=status][value=PASSED]');box.checked=false;box.dispatchEvent(new Event('change'));
            out.visibleWithoutPassed=visible();""";

    /** Scrolls the matrix box both ways and filters engines and features. */
    private static final String MATRIX_PROBE = """
            var out={},s=document.getElementById('scroll'),t=document.getElementById('matrix'),heads=[].slice.call(t.tHead.rows[0].cells,1);
            out.engines=heads.map(function(h){return h.textContent;});
            out.scrollWidth=s.scrollWidth;out.clientWidth=s.clientWidth;
            function inside(el){var r=el.getBoundingClientRect(),b=s.getBoundingClientRect(),left=b.left+s.clientLeft;out.where=[r.left,r.right,left,left+s.clientWidth,s.scrollLeft];return r.left>=left-1&&r.right<=left+s.clientWidth+1;}
            var last=heads[heads.length-1];out.lastVisibleBefore=inside(last);
            s.scrollLeft=s.scrollWidth;out.lastVisibleAfter=inside(last);
            s.scrollTop=600;out.scrolledDown=s.scrollTop;
            out.headerPosition=getComputedStyle(heads[0]).position;
            out.headerOffsetAfterScroll=heads[0].getBoundingClientRect().top-s.getBoundingClientRect().top-s.clientTop;
            var f=t.querySelector('tbody tr.feature td.f');
            out.firstColumnOffsetAfterScroll=f.getBoundingClientRect().left-s.getBoundingClientRect().left-s.clientLeft;
            out.verifiedBg=getComputedStyle(t.querySelector('td.VERIFIED')).backgroundColor;
            out.claimedBg=getComputedStyle(t.querySelector('td.CLAIMED')).backgroundColor;
            var h2=t.querySelector('th[data-engine=h2]'),col=heads.indexOf(h2)+1;
            out.h2Link=h2.querySelector('a')?h2.querySelector('a').href:'';
            out.h2Superset=document.getElementById('superset-totals').cells[col].textContent;
            out.sqliteSuperset=document.getElementById('superset-totals').cells[heads.indexOf(t.querySelector('th[data-engine=sqlite]'))+1].textContent;
            function shown(list){return list.filter(function(x){return x.getClientRects().length>0;}).length;}
            var features=[].slice.call(t.querySelectorAll('tr.feature'));out.featuresBeforeFilter=shown(features);
            var ef=document.getElementById('engine-filter');ef.value='postgres';ef.dispatchEvent(new Event('input'));out.enginesAfterFilter=shown(heads);
            var ff=document.getElementById('feature-filter');ff.value='cancel';ff.dispatchEvent(new Event('input'));out.featuresAfterFilter=shown(features);""";

    /** No external URL, no script file, exactly one inline script allowed by the page's CSP hash. */
    private static void assertSelfContained(String source) throws Exception {
        assertThat(source).as("self-contained").doesNotContain("http://", "https://", "<link", "src=", "<script ", "<iframe");
        assertThat(source.split("<script", -1)).as("exactly one inline script").hasSize(2);
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(source);
        assertThat(script.find()).isTrue();
        assertThat(source).contains("default-src 'none'", "script-src '" + sha256(script.group(1)) + "'");
    }

    /** A copy of {@code page} with {@code probe} run after the page's own script; the probe's result as JSON. */
    private static JsonNode probe(Path dir, Path page, String size, String probe) throws Exception {
        String script = "(function(){" + probe + "\ndocument.getElementById('probe-out').textContent=JSON.stringify(out);})();";
        String source = Files.readString(page, StandardCharsets.UTF_8);
        String withProbe = source.replace("script-src '", "script-src '" + sha256(script) + "' '")
                .replace("</body>", "<pre id=\"probe-out\"></pre><script>" + script + "</script></body>");
        Path copy = page.resolveSibling(page.getFileName() + ".probe.html");
        Files.writeString(copy, withProbe, StandardCharsets.UTF_8);
        String dom = chromium(dir, "--dump-dom", copy, size);
        Matcher out = Pattern.compile("<pre id=\"probe-out\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertThat(out.find()).as("probe ran").isTrue();
        String json = out.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        assertThat(json).as("probe wrote its result (a script error leaves it empty)").isNotEmpty();
        return JSON.readTree(json);
    }

    private static String sha256(String text) throws Exception {
        return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int[] rgb(String css) {
        Matcher m = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(css);
        assertThat(m.find()).as("a colour: " + css).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** Runs headless Chromium on a local file with every host name unresolvable, so no external URL can load. */
    private static String chromium(Path dir, String action, Path page, String windowSize) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=" + windowSize,
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), action, page.toUri().toString()));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium exit code").isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The smallest engine spec: enough for a report page. */
    static final class TinySpec implements EngineSpec {
        @Override
        public String id() {
            return "tiny";
        }

        @Override
        public String displayName() {
            return "Tiny";
        }

        @Override
        public List<String> urlPrefixes() {
            return List.of("jdbc:tiny:");
        }

        @Override
        public String urlTemplate() {
            return "jdbc:tiny:mem:{database}";
        }

        @Override
        public String driverClassName() {
            return "org.h2.Driver";
        }

        @Override
        public Map<TimeGrain, String> timeGrainExpressions() {
            return Map.of(TimeGrain.HOUR, "DATE_TRUNC('HOUR', {col})", TimeGrain.DAY, "DATE_TRUNC('DAY', {col})");
        }
    }
}
