package dev.dbspec.plugin.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TablePartitions;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresqlEngineSpec#partitions}, {@link PostgresqlEngineSpec#latestPartition} and
 * {@link PostgresqlEngineSpec#extraTableMetadata} on live PostgreSQL: RANGE by date with empty partitions, a nested
 * LIST partition and a DEFAULT one; LIST with NULL; HASH (no latest); a plain table. Each predicate's row count is
 * checked against the count of the partition itself.
 */
class PostgresqlPartitionsTest {
    private final PostgresqlEngineSpec spec = new PostgresqlEngineSpec();

    @Test
    void capabilitiesAreClaimed() {
        assertThat(spec.capabilities()).contains(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION);
    }

    @Test
    void rangeByDateWithEmptyNestedAndDefaultPartitions() throws Exception {
        String t = "part_r_" + suffix();
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TABLE public." + t + " (d DATE NOT NULL, v INTEGER) PARTITION BY RANGE (d)");
                statement.execute("CREATE TABLE public." + t + "_2024_01 PARTITION OF public." + t + " FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')");
                statement.execute("CREATE TABLE public." + t + "_2024_02 PARTITION OF public." + t
                        + " FOR VALUES FROM ('2024-02-01') TO ('2024-03-01') PARTITION BY LIST (v)");
                statement.execute("CREATE TABLE public." + t + "_2024_02_a PARTITION OF public." + t + "_2024_02 FOR VALUES IN (1, 2)");
                statement.execute("CREATE TABLE public." + t + "_2024_02_b PARTITION OF public." + t + "_2024_02 DEFAULT");
                statement.execute("CREATE TABLE public." + t + "_2024_03 PARTITION OF public." + t + " FOR VALUES FROM ('2024-03-01') TO ('2024-04-01')");
                statement.execute("CREATE TABLE public." + t + "_2024_04 PARTITION OF public." + t + " FOR VALUES FROM ('2024-04-01') TO ('2024-05-01')");
                statement.execute("CREATE TABLE public." + t + "_def PARTITION OF public." + t + " DEFAULT");
                statement.execute("INSERT INTO public." + t + " VALUES ('2024-01-05', 1), ('2024-01-31', 2), ('2024-02-10', 1), ('2024-02-11', 7),"
                        + " ('2024-02-29', 9), ('2030-01-01', 3)");
                statement.execute("ANALYZE public." + t);

                TablePartitions partitions = spec.partitions(connection, TableName.of("public", t)).orElseThrow();
                assertThat(partitions.method()).isEqualTo("RANGE");
                assertThat(partitions.keys()).containsExactly("d");
                assertThat(partitions.partitions()).extracting(PartitionInfo::name).containsExactly(
                        t + "_2024_01", t + "_2024_02", t + "_2024_03", t + "_2024_04", t + "_def", t + "_2024_02_a", t + "_2024_02_b");
                assertThat(partitions.partitions().get(0).bound()).isEqualTo("FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')");
                assertThat(partitions.partitions().get(0).rows()).contains(2L);
                assertThat(partitions.partitions().get(4).bound()).isEqualTo("DEFAULT");
                assertThat(partitions.partitions().get(5).parent()).contains(t + "_2024_02");
                assertThat(partitions.partitions().get(0).parent()).isEmpty();

                // March and April are empty, the default holds 2030 but is never the latest: February (nested) is
                LatestPartition latest = spec.latestPartition(connection, TableName.of("public", t)).orElseThrow();
                assertThat(latest.partition()).isEqualTo(t + "_2024_02");
                assertThat(latest.keys()).containsExactly("d");
                assertThat(latest.lowerBound()).contains("DATE '2024-02-01'");
                assertThat(latest.upperBound()).contains("DATE '2024-03-01'");
                assertThat(latest.predicate()).isEqualTo("d >= DATE '2024-02-01' AND d < DATE '2024-03-01'");
                assertThat(count(statement, "public." + t, latest.predicate())).isEqualTo(3).isEqualTo(count(statement, "public." + t + "_2024_02", "1 = 1"));

                // rows in April move the latest there
                statement.execute("INSERT INTO public." + t + " VALUES ('2024-04-30', 1)");
                LatestPartition april = spec.latestPartition(connection, TableName.of("public", t)).orElseThrow();
                assertThat(april.partition()).isEqualTo(t + "_2024_04");
                assertThat(count(statement, "public." + t, april.predicate())).isEqualTo(1);

                Map<String, Object> extra = spec.extraTableMetadata(connection, TableName.of("public", t));
                assertThat(extra).containsEntry("kind", "partitioned table").containsEntry("partitioned", true)
                        .containsEntry("partitionMethod", "RANGE").containsEntry("partitionKey", "RANGE (d)").containsEntry("partitionCount", 7)
                        .containsEntry("persistence", "permanent").containsEntry("owner", "postgres").containsEntry("rowsEstimate", 6L);
                assertThat((Long) extra.get("totalBytes")).isPositive();
                assertThat(extra.get("tablespace")).isEqualTo("pg_default");

                Map<String, Object> leaf = spec.extraTableMetadata(connection, TableName.of("public", t + "_2024_01"));
                assertThat(leaf).containsEntry("kind", "table").containsEntry("isPartition", true).containsEntry("partitioned", false)
                        .containsEntry("rowsEstimate", 2L);
                assertThat(spec.partitions(connection, TableName.of("public", t + "_2024_01"))).isEmpty();
            } finally {
                statement.execute("DROP TABLE IF EXISTS public." + t);
            }
        }
    }

    @Test
    void listWithNullHashAndPlainTables() throws Exception {
        String s = suffix();
        String list = "part_l_" + s;
        String hash = "part_h_" + s;
        String plain = "Part_Plain_" + s;
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TABLE public." + list + " (region TEXT, v INTEGER) PARTITION BY LIST (region)");
                statement.execute("CREATE TABLE public." + list + "_eu PARTITION OF public." + list + " FOR VALUES IN ('de', 'fr')");
                statement.execute("CREATE TABLE public." + list + "_us PARTITION OF public." + list + " FOR VALUES IN ('us', NULL)");
                statement.execute("CREATE TABLE public." + list + "_zz PARTITION OF public." + list + " FOR VALUES IN ('zz')");
                statement.execute("INSERT INTO public." + list + " VALUES ('de', 1), ('us', 2), (NULL, 3), ('us', 4), ('fr', 5)");
                LatestPartition latest = spec.latestPartition(connection, TableName.of("public", list)).orElseThrow();
                assertThat(latest.partition()).as("zz is empty; us > fr").isEqualTo(list + "_us");
                assertThat(latest.values()).containsExactly("'us'", "NULL");
                assertThat(latest.predicate()).isEqualTo("(region IN ('us') OR region IS NULL)");
                assertThat(count(statement, "public." + list, latest.predicate())).isEqualTo(3).isEqualTo(count(statement, "public." + list + "_us", "1 = 1"));
                assertThat(spec.partitions(connection, TableName.of("public", list)).orElseThrow().method()).isEqualTo("LIST");

                statement.execute("CREATE TABLE public." + hash + " (id INTEGER) PARTITION BY HASH (id)");
                statement.execute("CREATE TABLE public." + hash + "_0 PARTITION OF public." + hash + " FOR VALUES WITH (MODULUS 2, REMAINDER 0)");
                statement.execute("CREATE TABLE public." + hash + "_1 PARTITION OF public." + hash + " FOR VALUES WITH (MODULUS 2, REMAINDER 1)");
                statement.execute("INSERT INTO public." + hash + " SELECT generate_series(1, 10)");
                TablePartitions hashed = spec.partitions(connection, TableName.of("public", hash)).orElseThrow();
                assertThat(hashed.method()).isEqualTo("HASH");
                assertThat(hashed.partitions().get(0).bound()).isEqualTo("FOR VALUES WITH (modulus 2, remainder 0)");
                assertThat(spec.latestPartition(connection, TableName.of("public", hash))).as("HASH has no latest partition").isEmpty();

                statement.execute("CREATE UNLOGGED TABLE public.\"" + plain + "\" (id INTEGER PRIMARY KEY)");
                assertThat(spec.partitions(connection, TableName.of("public", plain))).isEmpty();
                assertThat(spec.latestPartition(connection, TableName.of("public", plain))).isEmpty();
                assertThat(spec.extraTableMetadata(connection, TableName.of("public", plain)))
                        .containsEntry("kind", "table").containsEntry("persistence", "unlogged").containsEntry("hasIndexes", true)
                        .containsEntry("partitioned", false).doesNotContainKey("partitionKey");
                assertThat(spec.extraTableMetadata(connection, TableName.of("public", "part_none_" + s))).isEmpty();
                assertThat(spec.partitions(connection, TableName.of("public", "part_none_" + s))).isEmpty();
            } finally {
                statement.execute("DROP TABLE IF EXISTS public." + list + ", public." + hash + ", public.\"" + plain + "\"");
            }
        }
    }

    @Test
    void multiColumnRangeWithMinvalueAndTimestampTz() throws Exception {
        String t = "part_m_" + suffix();
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("SET TIME ZONE 'UTC'");
                statement.execute("CREATE TABLE public." + t + " (t TIMESTAMPTZ NOT NULL, s TEXT NOT NULL) PARTITION BY RANGE (t, lower(s))");
                statement.execute("CREATE TABLE public." + t + "_lo PARTITION OF public." + t
                        + " FOR VALUES FROM (MINVALUE, MINVALUE) TO ('2024-01-01 10:00:00+00', 'm')");
                statement.execute("CREATE TABLE public." + t + "_hi PARTITION OF public." + t
                        + " FOR VALUES FROM ('2024-01-01 10:00:00+00', 'm') TO ('2024-01-01 10:00:00+00', MAXVALUE)");
                statement.execute("INSERT INTO public." + t + " VALUES ('2023-05-01 00:00:00+00', 'x'), ('2024-01-01 10:00:00+00', 'A'),"
                        + " ('2024-01-01 10:00:00+00', 'Q')");
                LatestPartition latest = spec.latestPartition(connection, TableName.of("public", t)).orElseThrow();
                assertThat(latest.partition()).isEqualTo(t + "_hi");
                assertThat(latest.keys()).containsExactly("t", "lower(s)");
                assertThat(latest.predicate()).isEqualTo("(t, lower(s)) >= (TIMESTAMP WITH TIME ZONE '2024-01-01 10:00:00.000000+00:00', 'm')"
                        + " AND t <= TIMESTAMP WITH TIME ZONE '2024-01-01 10:00:00.000000+00:00'");
                assertThat(count(statement, "public." + t, latest.predicate())).isEqualTo(1).isEqualTo(count(statement, "public." + t + "_hi", "1 = 1"));
                statement.execute("DELETE FROM public." + t + "_hi");
                LatestPartition low = spec.latestPartition(connection, TableName.of("public", t)).orElseThrow();
                assertThat(low.partition()).isEqualTo(t + "_lo");
                assertThat(low.lowerBound()).isEmpty();
                assertThat(count(statement, "public." + t, low.predicate())).isEqualTo(2);
            } finally {
                statement.execute("DROP TABLE IF EXISTS public." + t);
            }
        }
    }

    /**
     * A table owner's hostile bounds and key names (quotes, backslashes, comment markers, commas, parentheses, non-ASCII) give
     * predicates that select exactly the latest partition's rows: {@code pg_get_expr} prints literals quoted for the session,
     * {@code pg_get_partkeydef} quotes identifiers, and the predicate keeps every literal whole.
     */
    @Test
    void hostileBoundsAndNamesSelectOnlyTheirPartition() throws Exception {
        String t = "part_h_" + suffix();
        String key = "\"k\"\") OR (true\"";
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TABLE public." + t + "_l (" + key + " TEXT) PARTITION BY LIST (" + key + ")");
                statement.execute("CREATE TABLE public." + t + "_la PARTITION OF public." + t + "_l FOR VALUES IN ('a', 'c,d', 'e')");
                statement.execute("CREATE TABLE public." + t + "_lz PARTITION OF public." + t + "_l FOR VALUES IN"
                        + " ('zz'') OR true --', 'zz\\', 'zz*/', '(zz)', 'zz\u00fc')");
                statement.execute("INSERT INTO public." + t + "_l VALUES ('a'), ('c,d'), ('zz\u00fc'), ('zz'') OR true --'), ('zz\\')");
                LatestPartition latest = spec.latestPartition(connection, TableName.of("public", t + "_l")).orElseThrow();
                assertThat(latest.partition()).isEqualTo(t + "_lz");
                assertThat(count(statement, "public." + t + "_l", latest.predicate())).as(latest.predicate()).isEqualTo(3)
                        .isEqualTo(count(statement, "public." + t + "_lz", "1 = 1"));

                statement.execute("CREATE TABLE public." + t + "_r (" + key + " TEXT) PARTITION BY RANGE (" + key + ")");
                statement.execute("CREATE TABLE public." + t + "_r1 PARTITION OF public." + t + "_r FOR VALUES FROM (MINVALUE) TO ('m'' OR true --\\')");
                statement.execute("CREATE TABLE public." + t + "_r2 PARTITION OF public." + t + "_r FOR VALUES FROM ('m'' OR true --\\') TO ('n*/')");
                statement.execute("CREATE TABLE public." + t + "_r3 PARTITION OF public." + t + "_r FOR VALUES FROM ('n*/') TO (MAXVALUE)");
                statement.execute("INSERT INTO public." + t + "_r VALUES ('a'), ('m'' OR true --\\'), ('mz')");
                LatestPartition range = spec.latestPartition(connection, TableName.of("public", t + "_r")).orElseThrow();
                assertThat(range.partition()).isEqualTo(t + "_r2");
                assertThat(count(statement, "public." + t + "_r", range.predicate())).as(range.predicate()).isEqualTo(2)
                        .isEqualTo(count(statement, "public." + t + "_r2", "1 = 1"));
            } finally {
                statement.execute("DROP TABLE IF EXISTS public." + t + "_l");
                statement.execute("DROP TABLE IF EXISTS public." + t + "_r");
            }
        }
    }

    /**
     * A key expression calling a function of the table owner's (which may be any PL/pgSQL labelled IMMUTABLE) would run it as
     * whoever pastes the predicate, typically the registration's login: no latest partition is offered for it. Built-in
     * functions and operators in a key expression still give one.
     */
    @Test
    void aKeyCallingTheOwnersFunctionGivesNoPredicate() throws Exception {
        String t = "part_f_" + suffix();
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE FUNCTION public." + t + "_k(d DATE) RETURNS INTEGER LANGUAGE plpgsql IMMUTABLE AS"
                        + " $$ BEGIN RETURN EXTRACT(YEAR FROM d)::INTEGER; END $$");
                statement.execute("CREATE TABLE public." + t + " (d DATE) PARTITION BY RANGE (public." + t + "_k(d))");
                statement.execute("CREATE TABLE public." + t + "_p PARTITION OF public." + t + " FOR VALUES FROM (2020) TO (2030)");
                statement.execute("INSERT INTO public." + t + " VALUES ('2024-01-01')");
                assertThat(spec.partitions(connection, TableName.of("public", t))).isPresent();
                assertThat(spec.latestPartition(connection, TableName.of("public", t))).isEmpty();

                statement.execute("CREATE TABLE public." + t + "_b (d DATE) PARTITION BY RANGE ((d + 1))");
                statement.execute("CREATE TABLE public." + t + "_bp PARTITION OF public." + t + "_b FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
                statement.execute("INSERT INTO public." + t + "_b VALUES ('2024-06-01')");
                LatestPartition builtIn = spec.latestPartition(connection, TableName.of("public", t + "_b")).orElseThrow();
                assertThat(count(statement, "public." + t + "_b", builtIn.predicate())).as(builtIn.predicate()).isEqualTo(1);
            } finally {
                statement.execute("DROP TABLE IF EXISTS public." + t);
                statement.execute("DROP TABLE IF EXISTS public." + t + "_b");
                statement.execute("DROP FUNCTION IF EXISTS public." + t + "_k(DATE)");
            }
        }
    }

    static long count(Statement statement, String table, String predicate) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table + " WHERE " + predicate)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static Connection open() throws SQLException {
        TestDatabase pg = TestDatabases.require("postgresql");
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user().orElse(null), pg.password().orElse(null));
    }
}
