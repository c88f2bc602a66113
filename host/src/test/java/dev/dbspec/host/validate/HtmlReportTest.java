package dev.dbspec.host.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report's text helpers, without a browser (ReportsInBrowserTest covers the page in Chromium). */
class HtmlReportTest {
    @Test
    void sqlIsTheUpperCaseStatementAtTheEndOfTheDetail() {
        assertThat(HtmlReport.sqlOf("3 catalogs; SELECT name FROM sys.catalogs")).contains("SELECT name FROM sys.catalogs");
        assertThat(HtmlReport.sqlOf("expected 1 (WITH t AS (SELECT 1) SELECT * FROM t)")).contains("WITH t AS (SELECT 1) SELECT * FROM t");
        assertThat(HtmlReport.sqlOf("SELECT x AS y FROM t ORDER BY y ordered by the alias")).contains("SELECT x AS y FROM t ORDER BY y");
        assertThat(HtmlReport.sqlOf("SELECT * FROM n -> [[1, s, 3]]")).contains("SELECT * FROM n");
        assertThat(HtmlReport.sqlOf("SELECT 'a: b' FROM n: 3 rows, expected 2")).as("a separator inside a literal").contains("SELECT 'a: b' FROM n");
        assertThat(HtmlReport.sqlOf("no error from: SELEC 1 FROM")).isEmpty();
        assertThat(HtmlReport.sqlOf("25 values match java.time")).isEmpty();
        assertThat(HtmlReport.sqlOf("you can select a table and update it")).as("prose in lower case is no SQL").isEmpty();
        assertThat(HtmlReport.sqlOf("SELECTED rows: 3")).as("a word that starts like a keyword").isEmpty();
    }

    @Test
    void timesAreReadable() {
        assertThat(HtmlReport.readableInstant("2026-12-05T03:04:05.123456789Z")).isEqualTo("2026-12-05 03:04:05 UTC");
        assertThat(HtmlReport.readableInstant("not a time")).isEqualTo("not a time");
        assertThat(HtmlReport.isoSeconds("2026-12-05T03:04:05.9Z")).isEqualTo("2026-12-05T03:04:05Z");
        assertThat(HtmlReport.duration(0)).isEqualTo("0 ms");
        assertThat(HtmlReport.duration(999)).isEqualTo("999 ms");
        assertThat(HtmlReport.duration(1_530)).isEqualTo("1.5 s");
        assertThat(HtmlReport.duration(75_000)).isEqualTo("1 min 15 s");
    }

    @Test
    void policyAllowsOnlyTheHashedStyleAndScript() {
        String policy = HtmlReport.contentSecurityPolicy("a{}", "x()");
        assertThat(policy).startsWith("default-src 'none';")
                .contains("style-src '" + HtmlReport.sha256("a{}") + "'", "script-src '" + HtmlReport.sha256("x()") + "'")
                .doesNotContain("unsafe-inline", "http");
        // SHA-256 of "x()" in base64, computed independently (printf 'x()' | openssl dgst -sha256 -binary | base64).
        assertThat(HtmlReport.sha256("x()")).isEqualTo("sha256-" + SHA_X);
    }

    private static final String SHA_X = "D6IGS8VMvCoyaR/l0h9tERrBTATY01CoPS7l6xDv0kI=";
}
