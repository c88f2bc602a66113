package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test-db HTML report and the matrix open in headless Chromium with the network cut off: the page
 * renders (screenshot taken) and shows the engine name and the score. Skipped when Chromium is absent,
 * unless DBSPEC_REQUIRE_CHROMIUM is set (CI sets it and installs Chromium).
 */
class ReportsInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path plugins;

    @Test
    void reportAndMatrixRenderInHeadlessChromium(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if (System.getenv("DBSPEC_REQUIRE_CHROMIUM") != null) {
                Assertions.fail("Chromium is required (DBSPEC_REQUIRE_CHROMIUM) but " + CHROMIUM + " is missing");
            }
            Assumptions.abort("headless Chromium not installed at " + CHROMIUM);
        }
        TestPluginJars.copyBuiltPlugins(plugins);
        Path reportJson = dir.resolve("reports").resolve("h2.json");
        Files.createDirectories(reportJson.getParent());
        Path reportHtml = dir.resolve("h2.html");
        Path matrixHtml = dir.resolve("matrix.html");
        CliRunner.Run testDb = CliRunner.run(plugins, "test-db", "jdbc:h2:mem:browser_test",
                "--json", reportJson.toString(), "--html", reportHtml.toString());
        assertThat(testDb.exitCode()).as(testDb.out()).isZero();
        CliRunner.Run matrix = CliRunner.run(plugins, "matrix", "--reports", reportJson.getParent().toString(), "--html", matrixHtml.toString());
        assertThat(matrix.exitCode()).as(matrix.err()).isZero();

        for (Path page : List.of(reportHtml, matrixHtml)) {
            String source = Files.readString(page, StandardCharsets.UTF_8);
            assertThat(source).as("self-contained").doesNotContain("http://", "https://", "<script", "<link", "src=");
        }
        String reportDom = chromium(dir, "--dump-dom", reportHtml);
        assertThat(reportDom).contains("<h1>H2</h1>", "Superset score verified live", "/ 201", "PASSED");
        String matrixDom = chromium(dir, "--dump-dom", matrixHtml);
        assertThat(matrixDom).contains("dbspec engine matrix", "H2 (live)", "PostgreSQL", "SQLite", "✓");

        for (Path page : List.of(reportHtml, matrixHtml)) {
            Path png = dir.resolve(page.getFileName() + ".png");
            chromium(dir, "--screenshot=" + png, page);
            assertThat(png).exists();
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes.length).as("screenshot size").isGreaterThan(10_000);
            assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    /** Runs headless Chromium on a local file with every host name unresolvable, so no external URL can load. */
    private static String chromium(Path dir, String action, Path page) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,1600",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"), action, page.toUri().toString()));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium exit code").isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
