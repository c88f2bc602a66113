package dev.dbspec.host.validate;

import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.SupersetScore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link TestDbReport} as one self-contained HTML page: inline CSS, one small inline script (the filter), no
 * external URL. A Content-Security-Policy meta tag allows exactly that style and that script (by SHA-256 hash) and
 * nothing else, so the page works when opened from disk, from a CI artifact or behind a strict proxy; without script
 * every check is simply shown.
 */
public final class HtmlReport {
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * The start of a statement in a check's detail. The checks write the SQL they ran into their detail (for example
     * {@code "3 catalogs; SELECT ..."} or {@code "SELECT ... -> rows"}), in upper case; "select" in prose is not SQL.
     */
    private static final Pattern SQL_START = Pattern.compile(
            "(?<![A-Za-z_])(SELECT|WITH|INSERT INTO|UPDATE|DELETE FROM|CREATE|DROP|ALTER|EXPLAIN|TRUNCATE|MERGE INTO|CALL|SHOW|DESCRIBE|COPY|SET|USE|VALUES)\\s+[\\w(*\"`\\[']");

    /** Filters the rows of every {@code table.filterable} by the status boxes and the text field. */
    private static final String FILTER_SCRIPT = """
            (function(){var q=document.getElementById('q'),boxes=document.querySelectorAll('input[name=status]'),shown=document.getElementById('shown');
            function apply(){var text=q.value.toLowerCase(),on={},n=0,rows=document.querySelectorAll('tr.check');
            boxes.forEach(function(b){on[b.value]=b.checked;});
            rows.forEach(function(r){var keep=on[r.dataset.status]&&r.textContent.toLowerCase().indexOf(text)>=0;r.hidden=!keep;if(keep)n++;});
            shown.textContent=n+' of '+rows.length+' checks shown';}
            q.addEventListener('input',apply);boxes.forEach(function(b){b.addEventListener('change',apply);});apply();})();""";

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}"
            + "h1{margin-bottom:.2rem}.sub{color:#555;margin-top:0}"
            + ".cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0;align-items:stretch}"
            + ".card{border:1px solid #ddd;border-radius:8px;padding:.8rem 1.2rem;min-width:10rem}"
            + ".card b{display:block;font-size:1.6rem}.card.big b{font-size:2.2rem}"
            + ".verdict{border-radius:8px;padding:.8rem 1.6rem;color:#fff;font-size:1.1rem;min-width:10rem}"
            + ".verdict b{display:block;font-size:2.2rem;letter-spacing:.05em}"
            + ".verdict.PASSED{background:#137333}.verdict.FAILED{background:#c5221f}"
            + ".filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin:.5rem 0;padding:.5rem;background:#f6f6f6;border-radius:6px}"
            + ".filters input[type=search]{padding:.3rem .5rem;min-width:18rem}#shown{color:#555}"
            + "table{border-collapse:collapse;width:100%;margin:1rem 0}"
            + "th,td{border-bottom:1px solid #eee;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}"
            + "th{background:#f6f6f6}td.ms{text-align:right;white-space:nowrap}"
            + "tr.FAILED td:first-child{border-left:4px solid #c5221f}"
            + "td.PASSED{color:#137333;font-weight:600}td.FAILED{color:#c5221f;font-weight:600}"
            + "td.SKIPPED{color:#777}.VERIFIED{color:#137333;font-weight:600}.NOT_CHECKABLE{color:#8a6d00}.ABSENT{color:#999}"
            + "code{font-size:.85rem}pre.sql{margin:.3rem 0 0;padding:.3rem .5rem;background:#f4f6fa;border-radius:4px;"
            + "white-space:pre-wrap;word-break:break-word;font-size:.8rem}";

    /** The policy the page carries in its meta tag: a server serving the page sends the same in its header. */
    public static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy(STYLE, FILTER_SCRIPT);
    /** The CSP source of the page's one inline style, for a page that shows the report as its own document (the console). */
    public static final String STYLE_SOURCE = "'" + sha256(STYLE) + "'";
    /** The CSP source of the page's one inline script (the filter). */
    public static final String SCRIPT_SOURCE = "'" + sha256(FILTER_SCRIPT) + "'";

    private HtmlReport() {
    }

    public static String render(TestDbReport report) {
        StringBuilder html = new StringBuilder(32_768);
        Scorecard card = report.scorecard();
        SupersetScore score = report.supersetScore();
        long totalMillis = report.checks().stream().mapToLong(CheckResult::millis).sum();
        String verdict = report.success() ? "PASSED" : "FAILED";
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>dbspec test-db: ").append(escape(report.engineName())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>").append(escape(report.engineName())).append("</h1>")
                .append("<p class=\"sub\">engine <code>").append(escape(report.engineId())).append("</code> from plugin <code>")
                .append(escape(report.plugin())).append("</code> &middot; <code>").append(escape(report.url()))
                .append("</code> &middot; started <time datetime=\"").append(escape(isoSeconds(report.startedAt()))).append("\">")
                .append(escape(readableInstant(report.startedAt()))).append("</time></p>\n");
        html.append("<div class=\"cards\">")
                .append("<div id=\"verdict\" class=\"verdict ").append(verdict).append("\">Result<b>").append(verdict).append("</b>")
                .append(report.failed()).append(report.failed() == 1 ? " check" : " checks").append(" failed</div>")
                .append(card("big", "Superset score verified live", score.verified() + " / " + score.max()))
                .append(card("big", "Superset score claimed", score.claimed() + " / " + score.max()))
                .append(card("", "dbspec claims", card.dbspecScore() + " / " + card.dbspecMax()))
                .append(card("", "Checks", report.passed() + " passed, " + report.failed() + " failed, " + report.skipped() + " skipped"))
                .append(card("", "Total duration", duration(totalMillis)))
                .append("</div>\n");

        List<CheckResult> ordered = new ArrayList<>(report.checks().stream().filter(CheckResult::failed).toList());
        report.checks().stream().filter(check -> !check.failed()).forEach(ordered::add);
        html.append("<h2>Live checks</h2><p class=\"sub\">Failures first, then the other checks in the order they ran.</p>")
                .append("<div class=\"filters\" role=\"search\">");
        for (CheckResult.Status status : CheckResult.Status.values()) {
            long count = report.checks().stream().filter(c -> c.status() == status).count();
            html.append("<label><input type=\"checkbox\" name=\"status\" value=\"").append(status.name()).append("\" checked> ")
                    .append(status.name().toLowerCase(Locale.ROOT)).append(" (").append(count).append(")</label>");
        }
        html.append("<input type=\"search\" id=\"q\" placeholder=\"filter by text (id, title, detail, SQL)\" aria-label=\"filter by text\">")
                .append("<span id=\"shown\">").append(ordered.size()).append(" checks</span></div>")
                .append("<table id=\"checks\" class=\"filterable\"><thead><tr><th>Check</th><th>Result</th><th>Time</th><th>Detail</th></tr></thead><tbody>");
        for (CheckResult check : ordered) {
            String status = check.status().name();
            html.append("<tr class=\"check ").append(status).append("\" data-status=\"").append(status).append("\"><td>")
                    .append(escape(check.title())).append("<br><code>").append(escape(check.id())).append("</code></td>")
                    .append("<td class=\"").append(status).append("\">").append(status).append("</td>")
                    .append("<td class=\"ms\">").append(duration(check.millis())).append("</td><td>").append(escape(check.detail()));
            sqlOf(check.detail()).ifPresent(sql -> html.append("<pre class=\"sql\">").append(escape(sql)).append("</pre>"));
            html.append("</td></tr>");
        }
        html.append("</tbody></table>\n<h2>Details</h2><table>");
        for (Map.Entry<String, String> detail : card.details().entrySet()) {
            html.append("<tr><th>").append(escape(detail.getKey())).append("</th><td>").append(escape(detail.getValue())).append("</td></tr>");
        }
        html.append("</table>\n<h2>Superset score</h2><p>Verified counts a grain or feature only when its live checks passed here.</p>")
                .append("<table><tr><th>Time grain / feature</th><th>Verdict</th><th>Points verified</th><th>Why</th></tr>");
        score.grains().forEach((grain, grainVerdict) -> row(html, "Time grain " + grain, grainVerdict, 1, ""));
        score.features().forEach((feature, featureVerdict) -> row(html, feature, featureVerdict.verdict(), 10, featureVerdict.detail()));
        html.append("</table>\n<p class=\"sub\">Generated by dbspec test-db.</p>\n<script>").append(FILTER_SCRIPT).append("</script></body></html>\n");
        return html.toString();
    }

    /**
     * The SQL a check ran, when its detail ends with it: {@link CheckResult} has no SQL of its own (a new record
     * component would break the kit's API), so the page shows the first upper-case statement in the detail, up to the prose
     * that follows it. Checks whose detail names no statement show none.
     */
    public static Optional<String> sqlOf(String detail) {
        Matcher matcher = SQL_START.matcher(detail);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String sql = detail.substring(matcher.start());
        // The checks continue after the statement with prose ("SELECT ... -> [rows]", "SELECT ...: 3 rows",
        // "SELECT ... ordered by the alias"): the statement ends at the first such separator outside a quoted literal.
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && PROSE_AFTER_SQL.stream().anyMatch(sql.substring(i)::startsWith)) {
                sql = sql.substring(0, i);
                break;
            }
        }
        sql = sql.strip();
        // "(... SELECT 1)" in prose: drop the closing parenthesis that belongs to the prose, not to the statement.
        while (sql.endsWith(")") && count(sql, '(') < count(sql, ')')) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        return sql.isEmpty() ? Optional.empty() : Optional.of(sql);
    }

    private static final List<String> PROSE_AFTER_SQL = List.of(" -> ", ": ", "; ", " ordered by the ", " orders by the ", " failed");

    private static long count(String text, char ch) {
        return text.chars().filter(c -> c == ch).count();
    }

    /** {@code 2026-12-05T03:04:05.123456Z} as {@code 2026-12-05 03:04:05 UTC}; text that is no instant stays as it is. */
    public static String readableInstant(String iso) {
        try {
            return READABLE.format(Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** {@code 2026-12-05T03:04:05.123456Z} as {@code 2026-12-05T03:04:05Z}, for machines. */
    static String isoSeconds(String iso) {
        try {
            return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** 850 ms, 1.2 s, 2 min 05 s. */
    public static String duration(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** A policy allowing exactly this inline style and this inline script, and no network at all. */
    static String contentSecurityPolicy(String style, String script) {
        return "default-src 'none'; style-src '" + sha256(style) + "'; script-src '" + sha256(script) + "'; img-src data:; base-uri 'none'; form-action 'none'";
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void row(StringBuilder html, String label, SupersetScore.Verdict verdict, int points, String why) {
        boolean verified = verdict == SupersetScore.Verdict.VERIFIED;
        html.append("<tr><td>").append(escape(label)).append("</td><td class=\"").append(verdict.name()).append("\">")
                .append(verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append("</td><td>").append(verified ? "+" + points : "0").append("</td><td>").append(escape(why)).append("</td></tr>");
    }

    private static String card(String kind, String label, String value) {
        return "<div class=\"card " + kind + "\">" + escape(label) + "<b>" + escape(value) + "</b></div>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
