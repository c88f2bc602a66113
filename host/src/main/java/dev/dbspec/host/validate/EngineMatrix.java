package dev.dbspec.host.validate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.SupersetScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every installed engine against every time grain and capability: what each spec claims, and which
 * claims a {@code test-db} JSON report proved live. Rendered as Markdown tables or one HTML page.
 */
public final class EngineMatrix {
    /** State of one cell. */
    public enum Cell {
        /** Claimed and proven by a live check. */
        VERIFIED("✓", "verified live"),
        /** Claimed, not checked live here. */
        CLAIMED("●", "claimed"),
        /** Claimed, and a live check failed. */
        FAILED("✗", "failed live"),
        /** Not claimed. */
        ABSENT("·", "not supported");

        private final String symbol;
        private final String meaning;

        Cell(String symbol, String meaning) {
            this.symbol = symbol;
            this.meaning = meaning;
        }

        public String symbol() {
            return symbol;
        }

        public String meaning() {
            return meaning;
        }
    }

    /** A row: one feature; a column: one engine. */
    public record Row(String group, String feature, String checkId, Map<String, Cell> cells) {
    }

    private final List<EngineSpec> specs;
    private final List<Row> rows;
    private final Set<String> liveEngines;

    private EngineMatrix(List<EngineSpec> specs, List<Row> rows, Set<String> liveEngines) {
        this.specs = specs;
        this.rows = rows;
        this.liveEngines = liveEngines;
    }

    /**
     * Builds the matrix for {@code specs}, marking claims proven by the test-db JSON reports in
     * {@code reportsDir} (may be null).
     */
    public static EngineMatrix of(List<EngineSpec> specs, Path reportsDir) throws IOException {
        requireNonNull(specs, "specs is null");
        Map<String, Map<String, String>> results = reportsDir == null ? Map.of() : readReports(reportsDir);
        List<Row> rows = new ArrayList<>();
        for (TimeGrain grain : TimeGrain.values()) {
            rows.add(row("Time grains", grain.iso() + " " + grain.displayName(), "grain." + grain.iso(), specs, results,
                    spec -> spec.timeGrainExpression(grain).isPresent()));
        }
        for (TemporalType type : TemporalType.values()) {
            rows.add(row("Datetime literals", type.name(), "literal." + type.name().toLowerCase(Locale.ROOT), specs, results,
                    spec -> spec.datetimeLiterals().supports(type)));
        }
        rows.add(row("Conversions", "epoch seconds / milliseconds", "epoch", specs, results,
                spec -> spec.epochSecondsToDatetime().isPresent() || spec.epochMillisToDatetime().isPresent()));
        rows.add(row("Errors", "syntax errors categorised", "error.syntax", specs, results, spec -> true));
        rows.add(row("Errors", "missing tables categorised", "error.missing_table", specs, results, spec -> true));
        rows.add(row("Types", "column types map to generic types", "types", specs, results, spec -> true));
        rows.add(row("Cancellation", "cancel a running statement", "cancel", specs, results,
                spec -> spec.cancelMethod() != CancelMethod.NONE));
        for (Capability capability : Capability.values()) {
            rows.add(row("Capabilities", capability.description(), "capability." + capability.name().toLowerCase(Locale.ROOT),
                    specs, results, spec -> Scorecard.claims(spec, capability)));
        }
        Map<String, SupersetScore> scores = new HashMap<>();
        for (EngineSpec spec : specs) {
            List<CheckResult> checks = new ArrayList<>();
            results.getOrDefault(spec.id(), Map.of()).forEach((id, status) ->
                    checks.add(new CheckResult(id, id, CheckResult.Status.valueOf(status), "", 0)));
            scores.put(spec.id(), SupersetScore.of(spec, checks));
        }
        for (String feature : SupersetScore.FEATURES) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (EngineSpec spec : specs) {
                cells.put(spec.id(), switch (scores.get(spec.id()).features().get(feature).verdict()) {
                    case VERIFIED -> Cell.VERIFIED;
                    case FAILED -> Cell.FAILED;
                    case NOT_CHECKABLE -> Cell.CLAIMED;
                    case ABSENT -> Cell.ABSENT;
                });
            }
            rows.add(new Row("Superset features", feature, String.join(" ", SupersetScore.CHECKS.get(feature)), cells));
        }
        return new EngineMatrix(List.copyOf(specs), rows, results.keySet());
    }

    private static Row row(String group, String feature, String checkId, List<EngineSpec> specs,
                           Map<String, Map<String, String>> results, java.util.function.Predicate<EngineSpec> claimed) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (EngineSpec spec : specs) {
            String status = results.getOrDefault(spec.id(), Map.of()).get(checkId);
            Cell cell;
            if (!claimed.test(spec)) {
                cell = Cell.ABSENT;
            } else if ("PASSED".equals(status)) {
                cell = Cell.VERIFIED;
            } else if ("FAILED".equals(status)) {
                cell = Cell.FAILED;
            } else {
                cell = Cell.CLAIMED;
            }
            cells.put(spec.id(), cell);
        }
        return new Row(group, feature, checkId, cells);
    }

    private static Map<String, Map<String, String>> readReports(Path dir) throws IOException {
        Map<String, Map<String, String>> results = new HashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode report = mapper.readTree(file.toFile());
                if (report.hasNonNull("engineId") && report.has("checks")) {
                    Map<String, String> checks = results.computeIfAbsent(report.get("engineId").asText(), id -> new HashMap<>());
                    report.get("checks").forEach(c -> checks.put(c.get("id").asText(), c.get("status").asText()));
                }
            }
        }
        return results;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Engines with at least one live report. */
    public Set<String> liveEngines() {
        return new HashSet<>(liveEngines);
    }

    /** Markdown: one table per group, engines as columns. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# dbspec engine matrix\n\n");
        md.append(legend()).append("\n\n");
        String group = null;
        for (Row row : rows) {
            if (!row.group().equals(group)) {
                group = row.group();
                md.append("\n## ").append(group).append("\n\n| Feature |");
                specs.forEach(spec -> md.append(' ').append(spec.id()).append(liveEngines.contains(spec.id()) ? " (live)" : "").append(" |"));
                md.append("\n|---|");
                specs.forEach(spec -> md.append(":-:|"));
                md.append('\n');
            }
            md.append("| ").append(row.feature()).append(" |");
            row.cells().values().forEach(cell -> md.append(' ').append(cell.symbol()).append(" |"));
            md.append('\n');
        }
        return md.toString();
    }

    /** One self-contained HTML page (inline CSS, no scripts, no external URL). */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dbspec engine matrix</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;font-size:.8rem}")
                .append("th,td{border:1px solid #e3e3e3;padding:.2rem .35rem;text-align:center}td.f{text-align:left;white-space:nowrap}")
                .append("th.g{background:#f3f3f3;text-align:left}th.e{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}")
                .append(".VERIFIED{background:#e6f4ea}.FAILED{background:#fce8e6}.CLAIMED{background:#fff}.ABSENT{color:#bbb}")
                .append("</style></head><body><h1>dbspec engine matrix</h1><p>")
                .append(HtmlReport.escape(legend())).append("</p><table><tr><th>Feature</th>");
        specs.forEach(spec -> html.append("<th class=\"e\">").append(HtmlReport.escape(spec.displayName()))
                .append(liveEngines.contains(spec.id()) ? " (live)" : "").append("</th>"));
        html.append("</tr>");
        String group = null;
        for (Row row : rows) {
            if (!row.group().equals(group)) {
                group = row.group();
                html.append("<tr><th class=\"g\" colspan=\"").append(specs.size() + 1).append("\">").append(HtmlReport.escape(group)).append("</th></tr>");
            }
            html.append("<tr><td class=\"f\">").append(HtmlReport.escape(row.feature())).append("</td>");
            row.cells().values().forEach(cell -> html.append("<td class=\"").append(cell.name()).append("\" title=\"")
                    .append(cell.meaning()).append("\">").append(cell.symbol()).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static String legend() {
        StringBuilder legend = new StringBuilder();
        for (Cell cell : Cell.values()) {
            legend.append(cell.symbol()).append(' ').append(cell.meaning()).append("   ");
        }
        return legend.toString().trim();
    }
}
