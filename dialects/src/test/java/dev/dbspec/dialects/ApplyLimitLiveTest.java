package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.LimitMethod;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Superset's {@code apply_limit} expectations for the generic and PostgreSQL engines, executed on the
 * live PostgreSQL next to dbspec's answer over tables of 2,500 rows: where both run, they return the
 * same number of rows (capped as an executor would for FETCH_MANY). Cases whose input does not run on
 * PostgreSQL, and cases dbspec refuses to parse (listed in deviations.json, see CorpusAgreementTest), are
 * not executed here.
 */
class ApplyLimitLiveTest {
    private static final int ROWS = 2_500;

    @TestFactory
    Stream<DynamicTest> supersetsAnswerAndDbspecsReturnTheSameRowCountOnPostgresql() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Corpus.root().resolve("superset").resolve("cases.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        int executedBoth = 0;
        try (Connection connection = LivePostgresql.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS dbspec_limit_cases CASCADE");
            statement.execute("CREATE SCHEMA dbspec_limit_cases");
            statement.execute("SET search_path TO dbspec_limit_cases");
            for (String table : new String[] {"t", "a", "birth_names"}) {
                statement.execute("CREATE TABLE " + table + " AS SELECT g AS id, 'name ' || g AS name, g % 7 AS b FROM generate_series(1, "
                        + ROWS + ") AS g");
            }
            try {
                for (int i = 0; i < root.size(); i++) {
                    CorpusCase c = CorpusCase.of(i, root.get(i));
                    if (!c.kind().equals("apply_limit") || !(c.engine().equals("base") || c.engine().equals("postgresql"))) {
                        continue;
                    }
                    if (count(connection, c.sql(), Long.MAX_VALUE) == null) {
                        continue; // the input itself does not run on PostgreSQL (e.g. a subquery without alias)
                    }
                    DialectConfig config = (c.engine().equals("base") ? TestDialects.BASE : TestDialects.POSTGRESQL)
                            .withLimitMethod(LimitMethod.valueOf(c.method()));
                    LimitedSql ours;
                    try {
                        ours = TestDialects.pipeline(config).applyLimit(c.sql(), c.limit(), Boolean.TRUE.equals(c.force()));
                    } catch (SqlParseException e) {
                        continue; // a listed deviation: dbspec raises the typed error
                    }
                    long cap = ours.executorMustStopFetching() ? c.limit() : Long.MAX_VALUE;
                    Integer supersetRows = count(connection, c.expected().asText(), cap);
                    Integer dbspecRows = count(connection, ours.sql(), cap);
                    if (supersetRows != null) {
                        executedBoth++;
                    }
                    String name = c.describe();
                    tests.add(dynamicTest(name, () -> {
                        assertThat(dbspecRows).as("dbspec's answer runs on PostgreSQL: %s", ours.sql()).isNotNull();
                        assertThat(dbspecRows).as("rows of dbspec's answer, limit %d", c.limit()).isLessThanOrEqualTo(c.limit().intValue());
                        if (supersetRows != null) {
                            assertThat(dbspecRows).as("same rows as Superset's answer%n  Superset: %s%n  dbspec:   %s",
                                    c.expected().asText(), ours.sql()).isEqualTo(supersetRows);
                        }
                    }));
                }
            } finally {
                statement.execute("DROP SCHEMA dbspec_limit_cases CASCADE");
            }
        }
        int both = executedBoth;
        tests.add(dynamicTest("most cases run both answers", () -> assertThat(both).isGreaterThanOrEqualTo(10)));
        return tests.stream();
    }

    /**
     * Syntax beyond Calcite's grammar that dbspec reads (FETCH without a count, WITH TIES, LATERAL functions,
     * FROM VALUES, LIMIT ALL, locking clauses, trailing comments): the limited statement runs on PostgreSQL
     * and returns exactly min(N, rows of the original), or at most N when forced (which replaces a smaller
     * limit of the user's).
     */
    @TestFactory
    Stream<DynamicTest> limitedStatementsReturnMinOfLimitAndRowsOnPostgresql() throws Exception {
        String[] statements = {
            "select * from t order by id fetch first row only",
            "select * from t order by id offset 5 rows fetch next row only",
            "select * from t order by b fetch first 3 rows with ties",
            "select t.id, i from t, lateral generate_series(1, t.b) as i",
            "select * from (values (1, 'a'), (2, 'b'), (3, 'c')) as v(n, s)",
            "select * from t limit all",
            "select * from t where id < 40 order by id for update",
            "select * from t where b = 3 -- the threes",
            "select * from (select * from t order by b fetch first 2 rows with ties) s fetch first 400 rows only",
        };
        List<DynamicTest> tests = new ArrayList<>();
        SqlPipeline postgres = TestDialects.pipeline(TestDialects.POSTGRESQL);
        try (Connection connection = LivePostgresql.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS dbspec_limit_syntax CASCADE");
            statement.execute("CREATE SCHEMA dbspec_limit_syntax");
            statement.execute("SET search_path TO dbspec_limit_syntax");
            statement.execute("CREATE TABLE t AS SELECT g AS id, g % 7 AS b FROM generate_series(1, 500) AS g");
            try {
                for (String sql : statements) {
                    Integer original = count(connection, sql, Long.MAX_VALUE);
                    java.util.OptionalLong ownCap = postgres.getLimit(sql);
                    for (long limit : new long[] {1, 2, 10, 1_000}) {
                        for (boolean force : new boolean[] {false, true}) {
                            String limited = postgres.applyLimit(sql, limit, force).sql();
                            Integer rows = count(connection, limited, Long.MAX_VALUE);
                            tests.add(dynamicTest(sql + " / limit " + limit + (force ? " forced" : ""), () -> {
                                assertThat(original).as("the original runs: %s", sql).isNotNull();
                                assertThat(rows).as("the limited statement runs: %s", limited).isNotNull();
                                if (force && ownCap.isPresent()) {
                                    // force replaces a smaller limit of the user's too: at most N rows
                                    assertThat(rows.longValue()).as("rows of %s", limited).isLessThanOrEqualTo(limit);
                                } else {
                                    assertThat(rows.longValue()).as("rows of %s", limited).isEqualTo(Math.min(limit, original));
                                }
                            }));
                        }
                    }
                }
            } finally {
                statement.execute("DROP SCHEMA dbspec_limit_syntax CASCADE");
            }
        }
        return tests.stream();
    }

    /** Rows returned by {@code sql}, fetching at most {@code cap}; null when PostgreSQL rejects the SQL. */
    private static Integer count(Connection connection, String sql, long cap) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int rows = 0;
            while (rows < cap && rs.next()) {
                rows++;
            }
            return rows;
        } catch (SQLException e) {
            return null;
        }
    }
}
