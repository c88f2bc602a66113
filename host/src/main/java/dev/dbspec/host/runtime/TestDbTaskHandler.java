package dev.dbspec.host.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TaskHandler;
import dev.dbspec.host.EngineEntry;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.databases.DatabaseRegistration;
import dev.dbspec.host.databases.DatabaseRegistry;
import dev.dbspec.host.databases.RequestException;
import dev.dbspec.host.secrets.PrivateFiles;
import dev.dbspec.host.validate.HtmlReport;
import dev.dbspec.host.validate.TestDbReport;
import dev.dbspec.host.validate.TestDbRun;
import dev.dbspec.testdb.CheckResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Task type {@value #TYPE}: {@code dbspec test-db} against a registered database ({@code POST /api/databases/{name}/test-db},
 * admins only), through the command's own engine ({@link TestDbRun}, the test kit's live checks and scoring). Each finished
 * check is reported as progress, the whole list so far ({@code checks}: id, title, status, millis, and the masked detail of a
 * failure), because a task's progress replaces the previous one and a listener polling it must not miss a check. The result
 * is a summary with the self-contained HTML report ({@code html}); the JSON report is also kept in {@link #reportsDir} as
 * {@code <engine>.json}, where the matrix ({@code GET /api/matrix}) reads live verdicts. Nothing in progress, result or error
 * carries a secret: details and messages are masked with every secret of the registration, the URL is the redacted one.
 * Read-only registrations are refused (the kit creates and drops scratch tables), and so are tunnelled ones (the kit opens
 * connections to derived URLs that would bypass the tunnel).
 */
public final class TestDbTaskHandler implements TaskHandler {
    /** The task type. */
    public static final String TYPE = "test-db";
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final int DETAIL_IN_PROGRESS = 300;

    private final DatabaseRegistry databases;
    private final EngineRegistry engines;
    private final Path reportsDir;

    public TestDbTaskHandler(DatabaseRegistry databases, EngineRegistry engines, Path reportsDir) {
        this.databases = requireNonNull(databases, "databases is null");
        this.engines = requireNonNull(engines, "engines is null");
        this.reportsDir = requireNonNull(reportsDir, "reportsDir is null");
    }

    /** The payload of a run on {@code registration}. */
    public static String payload(DatabaseRegistration registration) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("database", registration.name());
        json.put("databaseId", registration.id());
        try {
            return MAPPER.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why test-db may not run on {@code registration}, if it may not. */
    public static Optional<String> refusal(DatabaseRegistration registration) {
        if (registration.readOnly()) {
            return Optional.of("database '" + registration.name() + "' is read-only: test-db creates and drops scratch tables");
        }
        if (registration.sshTunnel().isPresent()) {
            return Optional.of("database '" + registration.name() + "' is reached through an SSH tunnel: test-db connects to derived "
                    + "URLs (another database, a wrong password) that would bypass it; run dbspec test-db where the database is reachable");
        }
        return Optional.empty();
    }

    @Override
    public String run(String payload, BooleanSupplier cancelled) throws Exception {
        return run(payload, cancelled, Progress.NONE);
    }

    @Override
    public String run(String payload, BooleanSupplier cancelled, Progress progress) throws Exception {
        JsonNode request = MAPPER.readTree(payload);
        String name = request.path("database").asText();
        Database database;
        try {
            database = databases.database(name, Optional.of(request.path("databaseId").asText()));
        } catch (RequestException e) {
            throw new QueryTaskHandler.Failure(e.kind() + ": " + e.getMessage(), e.kind() == RequestException.Kind.UNAVAILABLE);
        }
        DatabaseRegistration registration = database.registration();
        Optional<String> refused = refusal(registration);
        if (refused.isPresent()) {
            throw new QueryTaskHandler.Failure("FORBIDDEN: " + refused.get(), false);
        }
        EngineSpec spec = database.spec();
        EngineEntry entry = engines.entry(spec.id()).orElseThrow();
        java.util.Set<String> secretNames = spec.connectionOptions().secretNames();
        TestDbRun run = new TestDbRun(spec, registration.jdbcUrl(), DatabaseRegistry.connectionProperties(registration),
                databases.filePolicy().sandbox(), registration.secretValues(secretNames));
        String startedAt = Instant.now().toString();
        List<Map<String, Object>> finished = new ArrayList<>();
        int[] counts = new int[CheckResult.Status.values().length];
        TestDbRun.Outcome outcome;
        try {
            outcome = run.run(result -> {
                finished.add(brief(result));
                counts[result.status().ordinal()]++;
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("checksDone", finished.size());
                values.put("passed", counts[CheckResult.Status.PASSED.ordinal()]);
                values.put("failed", counts[CheckResult.Status.FAILED.ordinal()]);
                values.put("skipped", counts[CheckResult.Status.SKIPPED.ordinal()]);
                values.put("checks", List.copyOf(finished));
                progress.report(values);
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("test-db cancelled after " + finished.size() + " checks");
                }
            });
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            // a message may quote the URL or an option: masked like every detail
            throw new QueryTaskHandler.Failure(run.redact(String.valueOf(e.getMessage())), false);
        }
        TestDbReport report = TestDbReport.of(spec, entry.plugin() + " " + entry.pluginVersion(), entry.location(),
                registration.redactedUrl(secretNames), startedAt, outcome.checks());
        keep(report);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("database", name);
        result.put("engine", spec.id());
        result.put("success", report.success());
        result.put("cannotConnect", outcome.cannotConnect());
        result.put("passed", report.passed());
        result.put("failed", report.failed());
        result.put("skipped", report.skipped());
        result.put("supersetVerified", report.supersetScore().verified());
        result.put("supersetMax", report.supersetScore().max());
        result.put("html", HtmlReport.render(report));
        return MAPPER.writeValueAsString(result);
    }

    /** A check as progress shows it: the detail only for a failure, shortened. */
    private static Map<String, Object> brief(CheckResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", result.id());
        json.put("title", result.title());
        json.put("status", result.status().name());
        json.put("millis", result.millis());
        if (result.failed()) {
            String detail = result.detail();
            json.put("detail", detail.length() <= DETAIL_IN_PROGRESS ? detail : detail.substring(0, DETAIL_IN_PROGRESS - 3) + "...");
        }
        return json;
    }

    /** The JSON report as {@code <engine>.json} in {@link #reportsDir}, replaced whole, for the matrix's live verdicts. */
    private void keep(TestDbReport report) throws java.io.IOException {
        PrivateFiles.createDirectories(reportsDir);
        String file = report.engineId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_") + ".json";
        PrivateFiles.replace(reportsDir.resolve(file), MAPPER.writeValueAsString(report).getBytes(StandardCharsets.UTF_8));
    }
}
