package dev.dbspec.host.cli;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.EngineEntry;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.databases.LocalFilePolicy;
import dev.dbspec.host.validate.HtmlReport;
import dev.dbspec.host.validate.Scorecard;
import dev.dbspec.host.validate.TestDbReport;
import dev.dbspec.host.validate.TestDbRun;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.SupersetScore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec test-db URL}: proves every claim of the engine's spec against the live database. */
@Command(name = "test-db", mixinStandardHelpOptions = true,
        description = {"Validate an engine spec against a live database: static diagnosis and score, then every claim checked live.",
                "Exit codes: 0 every check passed; 1 a check failed; 2 a usage error or no engine serves the URL;"
                        + " 3 cannot connect (the reason and the fix on stderr); 4 the URL or an option is refused."})
final class TestDbCommand implements Callable<Integer> {
    /** A usage error: a missing variable, a report that cannot be written (unknown engines exit with 2 too). */
    static final int EXIT_USAGE = 2;
    /** The first connection failed: nothing else ran. */
    static final int EXIT_CANNOT_CONNECT = 3;
    /** The URL or one of its options is refused (it would run code or reach local files). */
    static final int EXIT_REFUSED = 4;

    @ParentCommand
    DbspecCommand parent;

    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "JDBC_URL", description = "The database to validate, for example jdbc:h2:mem:demo.")
    String url;

    @Option(names = {"-e", "--engine"}, paramLabel = "ID", description = "Use this engine instead of resolving it from the URL.")
    String engine;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "User name.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the password (never pass it on the command line).")
    String passwordEnv;

    @Option(names = "--files-dir", paramLabel = "DIR", description = "Local database files must resolve inside DIR (default: files.dir"
            + " of the configuration, ~/.dbspec/files).")
    Path filesDir;

    @Option(names = "--allow-any-path", description = "Let the URL open a local database file anywhere.")
    boolean allowAnyPath;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report here.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report here.")
    Path html;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        // Every input is checked before a plugin loads or a connection opens: a mistake costs nothing.
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (passwordEnv != null) {
            String password = System.getenv(passwordEnv);
            if (password == null) {
                err.println("dbspec: environment variable " + passwordEnv + " (--password-env) is not set");
                return EXIT_USAGE;
            }
            properties.setProperty("password", password);
        }
        for (Path report : new Path[] {json, html}) {
            Optional<String> problem = prepareOutput(report);
            if (problem.isPresent()) {
                err.println("dbspec: " + problem.get());
                return EXIT_USAGE;
            }
        }
        try (DbspecHost host = parent.startHost()) {
            EngineRegistry registry = host.registry();
            EngineSpec spec = engine != null ? registry.resolve(engine) : registry.forUrl(url);
            Optional<Path> confinement = allowAnyPath ? Optional.empty() : Optional.of(new LocalFilePolicy(filesDir != null ? filesDir
                    : dev.dbspec.host.runtime.DbspecConfig.defaults().filesDirectory(), false).allowedDirectory());
            try {
                DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                    spec.vetConnection(url, properties, confinement);
                    return null;
                });
            } catch (UnsafeUrlException e) {
                err.println("dbspec: " + EngineRegistry.redactUrl(e.getMessage()));
                return EXIT_REFUSED;
            }
            EngineEntry entry = registry.entry(spec.id()).orElseThrow();
            String provider = host.pluginProvider(entry.plugin()).orElse("unknown provider");
            String origin = "dbspec".equals(provider) ? "built-in plugin" : "third-party plugin (" + provider + ")";
            String safeUrl = EngineRegistry.redactUrl(url);

            out.println("dbspec test-db " + safeUrl);
            out.println("Engine: " + spec.displayName() + " (" + spec.id() + "), " + origin + " " + entry.plugin() + " " + entry.pluginVersion());
            Scorecard card = Scorecard.of(spec);
            out.println();
            out.println("About the engine:");
            card.details().forEach((label, value) -> out.println("  - " + label + ": " + value));
            out.println("Supported time grains: " + card.grains().entrySet().stream().filter(e -> e.getValue()).count()
                    + " of " + card.grains().size());
            out.println("Superset-compatible score claimed: " + card.supersetClaimed() + "/" + card.supersetMax()
                    + " (proven live below)   dbspec claims: " + card.dbspecScore() + "/" + card.dbspecMax());
            out.println();
            out.println("Live checks:");
            out.flush();

            String startedAt = Instant.now().toString();
            // A driver's message may quote the URL or an option: the run masks the password and the spec's secret options.
            TestDbRun run = new TestDbRun(spec, url, properties, confinement, List.of());
            TestDbRun.Outcome outcome = run.run(result -> {
                out.printf("  %-7s %-62s %6d ms  %s%n", tag(result), result.title(), result.millis(),
                        result.failed() ? result.detail() : abbreviate(result.detail()));
                out.flush();
            });
            List<CheckResult> results = outcome.checks();
            TestDbReport report = TestDbReport.of(spec, entry.plugin() + " " + entry.pluginVersion(),
                    entry.location(), safeUrl, startedAt, results);
            if (outcome.cannotConnect()) {
                SQLException cause = outcome.connectFailure().orElse(null);
                if (cause == null) {
                    // the connection opened but its first use failed (Trino connects lazily, on the first query): categorised
                    // from the check's message, without the kit's hint for connector authors
                    String detail = results.get(0).detail();
                    int hint = detail.indexOf("; fix: ");
                    cause = new SQLException(hint < 0 ? detail : detail.substring(0, hint), "08001");
                }
                String fix = ConnectFailure.fix(spec, entry, cause, parent.resolvePluginsDir());
                err.println("dbspec: " + run.redact(fix));
                err.flush();
                out.println();
                out.println("Summary: cannot connect; no other check ran -> FAILED");
                writeReports(out, report);
                out.flush();
                return EXIT_CANNOT_CONNECT;
            }
            SupersetScore score = report.supersetScore();
            out.println();
            out.println("Superset features (verified counts only what passed live here):");
            score.features().forEach((feature, verdict) -> out.printf("  %-14s %-25s %s%n", verdictTag(verdict.verdict()), feature,
                    abbreviate(verdict.detail())));
            long grainsVerified = score.grains().values().stream().filter(v -> v == SupersetScore.Verdict.VERIFIED).count();
            out.println("  time grains: " + grainsVerified + " of " + score.grains().size() + " verified live");
            out.println("Superset-compatible score: verified " + score.verified() + "/" + score.max() + ", claimed " + score.claimed()
                    + "/" + score.max());
            out.println();
            out.println("Summary: " + report.passed() + " passed, " + report.failed() + " failed, " + report.skipped() + " skipped -> "
                    + (report.success() ? "PASSED" : "FAILED"));
            writeReports(out, report);
            out.flush();
            return report.success() ? 0 : 1;
        }
    }

    private void writeReports(PrintWriter out, TestDbReport report) throws java.io.IOException {
        if (json != null) {
            Files.writeString(json, Json.MAPPER.writeValueAsString(report), StandardCharsets.UTF_8);
            out.println("JSON report: " + json);
        }
        if (html != null) {
            Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
            out.println("HTML report: " + html);
        }
    }

    /**
     * Creates the report's parent folder; a message when it cannot be (a file in the way, no permission)
     * or when the report itself is a folder.
     */
    static Optional<String> prepareOutput(Path report) {
        if (report == null) {
            return Optional.empty();
        }
        if (Files.isDirectory(report)) {
            return Optional.of("cannot write the report " + report + ": it is a folder");
        }
        Path parent = report.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException | SecurityException e) {
            return Optional.of("cannot create the folder " + parent + " for the report " + report + ": "
                    + (e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name is in the way" : e.toString()));
        }
        if (!Files.isWritable(parent)) {
            return Optional.of("cannot write the report " + report + ": the folder " + parent + " is not writable");
        }
        return Optional.empty();
    }

    private static String tag(CheckResult result) {
        return switch (result.status()) {
            case PASSED -> "[PASS]";
            case FAILED -> "[FAIL]";
            case SKIPPED -> "[SKIP]";
        };
    }

    private static String verdictTag(SupersetScore.Verdict verdict) {
        return switch (verdict) {
            case VERIFIED -> "[VERIFIED]";
            case FAILED -> "[FAILED]";
            case NOT_CHECKABLE -> "[NOT CHECKED]";
            case ABSENT -> "[ABSENT]";
        };
    }

    private static String abbreviate(String detail) {
        return detail.length() <= 160 ? detail : detail.substring(0, 157) + "...";
    }
}
