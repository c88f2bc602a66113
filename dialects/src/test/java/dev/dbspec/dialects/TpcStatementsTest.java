package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The 121 TPC-H and TPC-DS statements ({@code ../shared/corpus/tpch|tpcds/queries}) for every engine
 * family whose dialect accepts their ANSI form ({@code LIMIT n}, {@code date '...'}, {@code interval '90' day},
 * double-quoted aliases): each parses, is a query, has tables, and a limit applied to it edits only the
 * limit's span and reads back as the new limit.
 */
class TpcStatementsTest {
    private static final List<DialectConfig> ACCEPTING = List.of(
            TestDialects.BASE, TestDialects.POSTGRESQL, TestDialects.TRINO, TestDialects.SQLITE,
            TestDialects.POSTGRESQL.withLimitSyntax(dev.dbspec.api.LimitSyntax.FETCH_FIRST));

    @Test
    void everyStatementParsesClassifiesAndLimits() {
        List<Map.Entry<Path, String>> statements = Corpus.tpcStatements();
        assertThat(statements).hasSize(121);
        List<String> failures = new ArrayList<>();
        for (DialectConfig config : ACCEPTING) {
            SqlPipeline pipeline = TestDialects.pipeline(config);
            for (Map.Entry<Path, String> entry : statements) {
                String name = config.engineId() + "/" + config.limitSyntax() + " " + entry.getKey().getParent().getParent().getFileName()
                        + "/" + entry.getKey().getFileName();
                try {
                    check(pipeline, entry.getValue());
                } catch (SqlParseException | AssertionError e) {
                    failures.add(name + ": " + e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void check(SqlPipeline pipeline, String sql) {
        assertThat(pipeline.classify(sql)).containsExactly(StatementKind.QUERY);
        assertThat(pipeline.tables(sql)).isNotEmpty();
        OptionalLong before = pipeline.getLimit(sql);
        LimitedSql limited = pipeline.applyLimit(sql, 7, false);
        assertThat(limited.outcome()).isEqualTo(LimitedSql.Outcome.LIMITED);
        assertThat(pipeline.getLimit(limited.sql())).hasValue(7);
        assertOnlyOneSpanEdited(sql, limited.sql(), before.isPresent());
        assertThat(pipeline.applyLimit(sql, 1_000_000, false).outcome())
                .isEqualTo(before.isPresent() ? LimitedSql.Outcome.ALREADY_LIMITED : LimitedSql.Outcome.LIMITED);
    }

    /** Outside one contiguous span (the limit's number, or an inserted clause), the text is the user's. */
    private static void assertOnlyOneSpanEdited(String original, String edited, boolean replaced) {
        int prefix = 0;
        while (prefix < original.length() && prefix < edited.length() && original.charAt(prefix) == edited.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < original.length() - prefix && suffix < edited.length() - prefix
                && original.charAt(original.length() - 1 - suffix) == edited.charAt(edited.length() - 1 - suffix)) {
            suffix++;
        }
        String removed = original.substring(prefix, original.length() - suffix);
        String inserted = edited.substring(prefix, edited.length() - suffix);
        if (replaced) {
            assertThat(removed).as("replaced span").matches("[0-9]*");
            assertThat(inserted).matches("[0-9]*");
        } else {
            assertThat(removed).as("nothing of the user's text is removed").isEmpty();
            assertThat(inserted.strip()).matches("(LIMIT 7|FETCH FIRST 7 ROWS ONLY)");
        }
    }
}
