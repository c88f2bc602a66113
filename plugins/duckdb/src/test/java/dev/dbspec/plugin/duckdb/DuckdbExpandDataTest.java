package dev.dbspec.plugin.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.ExpandDataChecks;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * DuckDB's {@code expand-data} check (LIST and STRUCT), and its query progress read from a second thread while a query
 * runs: none before {@link DuckdbEngineSpec#enableProgress} (DuckDB tracks it only with its progress bar on), a fraction
 * strictly between 0 and 1 at some poll after.
 */
class DuckdbExpandDataTest {
    private final DuckdbEngineSpec spec = new DuckdbEngineSpec();

    @Test
    void expandsListsAndStructs() {
        assertThat(spec.has(Capability.EXPAND_DATA)).isTrue();
        TestDatabase duck = TestDatabases.require("duckdb");
        CheckResult result = new ExpandDataChecks(spec, () -> DriverManager.getConnection(duck.jdbcUrl())).expandData();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(result.detail()).startsWith("SELECT [1, 2]");
    }

    @Test
    void progressOnlyWithTheProgressBarOn() throws Exception {
        assertThat(polledFractions(false)).as("without enableProgress").isEmpty();
        List<Double> fractions = polledFractions(true);
        assertThat(fractions).anyMatch(f -> f > 0 && f < 1).allMatch(f -> f >= 0 && f <= 1);
    }

    private List<Double> polledFractions(boolean enable) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE big AS SELECT range AS v FROM range(30000000)");
            if (enable) {
                spec.enableProgress(statement);
            }
            CompletableFuture<Long> count = CompletableFuture.supplyAsync(() -> {
                try (var rs = statement.executeQuery("SELECT COUNT(DISTINCT v % 20000000) FROM big")) {
                    rs.next();
                    return rs.getLong(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Double> fractions = new ArrayList<>();
            while (!count.isDone()) {
                OptionalDouble fraction = spec.queryProgress(statement);
                fraction.ifPresent(fractions::add);
                Thread.sleep(20);
            }
            assertThat(count.get()).isEqualTo(20_000_000L);
            return fractions;
        }
    }
}
