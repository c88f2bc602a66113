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
import java.util.Comparator;
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

    /** Engine columns, everywhere (Markdown and HTML): by display name, then by id. */
    public static final Comparator<EngineSpec> COLUMN_ORDER = Comparator
            .comparing((EngineSpec spec) -> spec.displayName().toLowerCase(Locale.ROOT)).thenComparing(EngineSpec::id);

    private final List<EngineSpec> specs;
    private final List<Row> rows;
    private final Set<String> liveEngines;
    private final Map<String, SupersetScore> liveScores;
    private final Map<String, Path> htmlReports;

    private EngineMatrix(List<EngineSpec> specs, List<Row> rows, Set<String> liveEngines, Map<String, SupersetScore> liveScores,
                         Map<String, Path> htmlReports) {
        this.specs = specs;
        this.rows = rows;
        this.liveEngines = liveEngines;
        this.liveScores = liveScores;
        this.htmlReports = htmlReports;
    }

    /**
     * Builds the matrix for {@code specs}, marking claims proven by the test-db JSON reports in
     * {@code reportsDir} (may be null). A report {@code NAME.json} with a {@code NAME.html} beside it is linked from
     * its engine's column.
     */
    public static EngineMatrix of(List<EngineSpec> unordered, Path reportsDir) throws IOException {
        requireNonNull(unordered, "specs is null");
        List<EngineSpec> specs = unordered.stream().sorted(COLUMN_ORDER).toList();
        Map<String, Path> htmlReports = new HashMap<>();
        Map<String, Map<String, String>> results = reportsDir == null ? Map.of() : readReports(reportsDir, htmlReports);
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
        Map<String, SupersetScore> liveScores = new HashMap<>(scores);
        liveScores.keySet().retainAll(results.keySet());
        return new EngineMatrix(specs, rows, results.keySet(), liveScores, htmlReports);
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

    private static Map<String, Map<String, String>> readReports(Path dir, Map<String, Path> htmlReports) throws IOException {
        Map<String, Map<String, String>> results = new HashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode report = mapper.readTree(file.toFile());
                if (report.hasNonNull("engineId") && report.has("checks")) {
                    Map<String, String> checks = results.computeIfAbsent(report.get("engineId").asText(), id -> new HashMap<>());
                    report.get("checks").forEach(c -> checks.put(c.get("id").asText(), c.get("status").asText()));
                    String name = file.getFileName().toString();
                    Path html = file.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".html");
                    if (Files.isRegularFile(html)) {
                        htmlReports.put(report.get("engineId").asText(), html);
                    }
                }
            }
        }
        return results;
    }

    /** The engines, in column order. */
    public List<EngineSpec> engines() {
        return specs;
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
                specs.forEach(spec -> md.append(' ').append(spec.displayName()).append(liveEngines.contains(spec.id()) ? " (live)" : "").append(" |"));
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

    /** One self-contained HTML page, report links relative to the working directory. */
    public String toHtml() {
        return toHtml(Path.of("matrix.html"));
    }

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}"
            + ".legend span,.filters label{margin-right:1rem}.legend i{display:inline-block;width:1.4rem;text-align:center;font-style:normal;border-radius:3px}"
            + ".filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin:.5rem 0;padding:.5rem;background:#f6f6f6;border-radius:6px}"
            + ".filters input[type=search]{padding:.3rem .5rem;min-width:14rem}"
            // The table scrolls inside its box (both ways), so no column is cut at any width and the header row and the
            // feature column stay in view: sticky cells need a scrolling ancestor and separate borders.
            + ".scroll{overflow:auto;max-width:100%;max-height:85vh;border:1px solid #ddd}"
            + "table{border-collapse:separate;border-spacing:0;font-size:.8rem}"
            + "th,td{border-right:1px solid #e3e3e3;border-bottom:1px solid #e3e3e3;padding:.2rem .35rem;text-align:center;background:#fff}"
            + "thead th{position:sticky;top:0;z-index:2;background:#f8f9fa;vertical-align:bottom}"
            + "th.e span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;display:inline-block}"
            + "th.e a{color:#1a57b6}th.corner{left:0;z-index:3;text-align:left}"
            + "td.f{position:sticky;left:0;z-index:1;text-align:left;white-space:nowrap;background:#fff;font-weight:500;"
            + "max-width:16rem;overflow:hidden;text-overflow:ellipsis}"
            + "tr.g th{background:#eef0f3;text-align:left}tr.g th span{position:sticky;left:.4rem}"
            + "tr.total td{background:#f8f9fa;font-weight:600;white-space:nowrap}tr.total td.f{background:#f8f9fa}"
            + ".VERIFIED{background:#188038;color:#fff;font-weight:700}"
            + ".CLAIMED{color:#80868b;background:#fff;box-shadow:inset 0 0 0 1px #c4c7c5}"
            + ".FAILED{background:#d93025;color:#fff;font-weight:700}.ABSENT{color:#dadce0}";

    /** Filters the engine columns and the feature rows by text; the column list comes from the header row. */
    private static final String FILTER_SCRIPT = """
            (function(){var t=document.getElementById('matrix'),ef=document.getElementById('engine-filter'),ff=document.getElementById('feature-filter'),live=document.getElementById('live-only');
            function apply(){var e=ef.value.toLowerCase(),f=ff.value.toLowerCase(),heads=t.tHead.rows[0].cells,keep=[];
            for(var i=1;i<heads.length;i++){var h=heads[i];keep[i]=(h.textContent.toLowerCase().indexOf(e)>=0||h.dataset.engine.indexOf(e)>=0)&&(!live.checked||h.dataset.live==='1');h.hidden=!keep[i];}
            Array.prototype.forEach.call(t.tBodies[0].rows,function(r){if(r.classList.contains('g'))return;
            r.hidden=!(r.classList.contains('total')||r.cells[0].textContent.toLowerCase().indexOf(f)>=0);
            for(var i=1;i<r.cells.length;i++)r.cells[i].hidden=!keep[i];});}
            ef.addEventListener('input',apply);ff.addEventListener('input',apply);live.addEventListener('change',apply);apply();})();""";

    /**
     * One self-contained HTML page (inline CSS, one inline filter script allowed by hash in its Content-Security-Policy,
     * no external URL); per-engine HTML reports are linked relative to {@code htmlFile}, where the page is written.
     */
    public String toHtml(Path htmlFile) {
        Path base = htmlFile.toAbsolutePath().getParent();
        StringBuilder html = new StringBuilder(262_144).append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(HtmlReport.contentSecurityPolicy(STYLE, FILTER_SCRIPT)).append("\">")
                .append("<title>dbspec engine matrix</title><style>").append(STYLE).append("</style></head><body><h1>dbspec engine matrix</h1>")
                .append("<p class=\"legend\">");
        for (Cell cell : Cell.values()) {
            html.append("<span><i class=\"").append(cell.name()).append("\">").append(cell.symbol()).append("</i> ").append(cell.meaning()).append("</span>");
        }
        html.append("</p><p>").append(specs.size()).append(" engines by display name, ").append(liveEngines.size())
                .append(" with a live test-db report. Totals: verified / claimed cells; Superset verified score where a report exists.</p>")
                .append("<div class=\"filters\" role=\"search\"><input type=\"search\" id=\"engine-filter\" placeholder=\"filter engines\" aria-label=\"filter engines\">")
                .append("<input type=\"search\" id=\"feature-filter\" placeholder=\"filter features\" aria-label=\"filter features\">")
                .append("<label><input type=\"checkbox\" id=\"live-only\"> only engines with a live report</label></div>")
                .append("<div class=\"scroll\" id=\"scroll\"><table id=\"matrix\"><thead><tr><th class=\"corner\">Feature</th>");
        for (EngineSpec spec : specs) {
            boolean live = liveEngines.contains(spec.id());
            String label = HtmlReport.escape(spec.displayName()) + (live ? " (live)" : "");
            html.append("<th class=\"e\" data-engine=\"").append(HtmlReport.escape(spec.id())).append("\" data-live=\"").append(live ? "1" : "0")
                    .append("\" title=\"").append(HtmlReport.escape(spec.displayName())).append(" (").append(HtmlReport.escape(spec.id())).append(")\"><span>");
            Path report = htmlReports.get(spec.id());
            if (report != null) {
                String href = base.relativize(report.toAbsolutePath()).toString().replace('\\', '/').replace(" ", "%20");
                html.append("<a href=\"").append(HtmlReport.escape(href)).append("\">").append(label).append("</a>");
            } else {
                html.append(label);
            }
            html.append("</span></th>");
        }
        html.append("</tr></thead><tbody><tr class=\"total\" id=\"totals\"><td class=\"f\">verified / claimed</td>");
        for (EngineSpec spec : specs) {
            long verified = rows.stream().filter(row -> row.cells().get(spec.id()) == Cell.VERIFIED).count();
            long claimed = rows.stream().filter(row -> row.cells().get(spec.id()) != Cell.ABSENT).count();
            html.append("<td>").append(verified).append(" / ").append(claimed).append("</td>");
        }
        html.append("</tr><tr class=\"total\" id=\"superset-totals\"><td class=\"f\">Superset score verified live</td>");
        for (EngineSpec spec : specs) {
            SupersetScore score = liveScores.get(spec.id());
            html.append("<td>").append(score == null ? "–" : score.verified() + " / " + score.max()).append("</td>");
        }
        html.append("</tr>");
        String group = null;
        for (Row row : rows) {
            if (!row.group().equals(group)) {
                group = row.group();
                html.append("<tr class=\"g\"><th colspan=\"").append(specs.size() + 1).append("\"><span>").append(HtmlReport.escape(group)).append("</span></th></tr>");
            }
            html.append("<tr class=\"feature\"><td class=\"f\" title=\"").append(HtmlReport.escape(row.feature())).append("\">")
                    .append(HtmlReport.escape(row.feature())).append("</td>");
            row.cells().values().forEach(cell -> html.append("<td class=\"").append(cell.name()).append("\" title=\"")
                    .append(cell.meaning()).append("\">").append(cell.symbol()).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</tbody></table></div>\n<script>").append(FILTER_SCRIPT).append("</script></body></html>\n").toString();
    }

    private static String legend() {
        StringBuilder legend = new StringBuilder();
        for (Cell cell : Cell.values()) {
            legend.append(cell.symbol()).append(' ').append(cell.meaning()).append("   ");
        }
        return legend.toString().trim();
    }
}
