package dev.dbspec.plugin.derby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CostEstimate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Derby's estimates come from XPLAIN's explain-only mode: planned, never executed, and the connection left as it was. */
class DerbyXplainTest {
    private final DerbyEngineSpec spec = new DerbyEngineSpec();
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = spec.connect("jdbc:derby:memory:xplain_" + System.nanoTime() + ";create=true", new Properties());
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE T (ID INTEGER)");
            statement.execute("INSERT INTO T VALUES (1), (2), (3)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        connection.close();
    }

    @Test
    void aCrossJoinOfBillionsOfRowsIsEstimatedWithoutRunning() throws SQLException {
        long started = System.nanoTime();
        List<CostEstimate> estimates = spec.estimate(connection, spec.longRunningQuery().orElseThrow());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("running it takes minutes").isLessThan(10_000);
        CostEstimate estimate = estimates.get(0);
        assertThat(estimate.rows()).contains(1.0); // COUNT(*): one row
        assertThat(estimate.cost().orElseThrow()).isGreaterThan(1e6);
        assertThat(estimate.plan()).contains("AGGREGATION", "NLJOIN", "rows=");
    }

    @Test
    void dataChangesArePlannedButNothingChanges() throws SQLException {
        CostEstimate delete = spec.estimate(connection, "DELETE FROM T WHERE ID > 0").get(0);
        spec.estimate(connection, "UPDATE T SET ID = 9");
        spec.estimate(connection, "INSERT INTO T VALUES (4)");
        assertThat(delete.plan()).startsWith("DELETE").contains("TABLESCAN");
        assertThat(delete.rows().orElseThrow()).isGreaterThan(0); // the source's estimate, not the DELETE node's 0
        assertThat(sumAndCount()).isEqualTo("6/3");
    }

    @Test
    void theConnectionIsLeftAsItWasWithNoXplainTablesBehind() throws SQLException {
        spec.estimate(connection, "SELECT ID FROM T WHERE ID > 0");
        assertThat(connection.getAutoCommit()).isTrue();
        assertThat(single("VALUES SYSCS_UTIL.SYSCS_GET_XPLAIN_MODE()")).isEqualTo("0");
        assertThat(single("VALUES SYSCS_UTIL.SYSCS_GET_XPLAIN_SCHEMA()")).isEmpty();
        assertThat(single("SELECT COUNT(*) FROM SYS.SYSSCHEMAS WHERE SCHEMANAME LIKE 'DBSPEC_XPLAIN%'")).isEqualTo("0");
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM T WHERE ID = 3"); // statements run again after the estimate
        }
        assertThat(sumAndCount()).isEqualTo("3/2");
    }

    @Test
    void anOpenTransactionOfTheCallerIsKept() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO T VALUES (10)");
        }
        spec.estimate(connection, "SELECT ID FROM T");
        assertThat(connection.getAutoCommit()).isFalse();
        assertThat(sumAndCount()).isEqualTo("16/4");
        connection.commit();
        assertThat(sumAndCount()).isEqualTo("16/4");
    }

    @Test
    void statementsOffTheAllowListAreRefusedBeforeDerbySeesThem() {
        assertThatThrownBy(() -> spec.estimate(connection, "DROP TABLE T")).isInstanceOf(java.sql.SQLSyntaxErrorException.class);
        assertThatThrownBy(() -> spec.estimate(connection, "CALL SYSCS_UTIL.SYSCS_COMPRESS_TABLE('APP', 'T', 0)"))
                .isInstanceOf(java.sql.SQLSyntaxErrorException.class);
        assertThatThrownBy(() -> spec.estimate(connection, "SELECT 1 FROM T; DROP TABLE T")).isInstanceOf(java.sql.SQLSyntaxErrorException.class);
    }

    private String sumAndCount() throws SQLException {
        return single("SELECT SUM(ID), COUNT(*) FROM T", 2);
    }

    private String single(String sql) throws SQLException {
        return single(sql, 1);
    }

    private String single(String sql, int columns) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return columns == 1 ? rs.getString(1) : rs.getString(1) + "/" + rs.getString(2);
        }
    }
}
