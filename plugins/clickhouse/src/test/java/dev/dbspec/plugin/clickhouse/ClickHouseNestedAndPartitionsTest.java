package dev.dbspec.plugin.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.NestedReader;
import dev.dbspec.api.NestedType;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the kit's scratch values do not reach, on the live ClickHouse 18.16: quotes, backslashes, tabs and NULLs inside
 * arrays and tuples (which the driver's {@code getString} and {@code getArray} lose), unnamed tuple elements, and partitions
 * ordered by value ({@code 10} after {@code 9}, which text order gets wrong) with a tuple key.
 */
class ClickHouseNestedAndPartitionsTest {
    private static final TestDatabase CH = TestDatabases.require("clickhouse");
    private final ClickHouseEngineSpec spec = new ClickHouseEngineSpec();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @Test
    void typesOfArraysAndTuples() {
        assertThat(ClickHouseNested.type("Array(Nullable(UInt8))")).isEqualTo(NestedType.array("Array(Nullable(UInt8))",
                NestedType.scalar("Nullable(UInt8)")));
        assertThat(ClickHouseNested.type("Tuple(a Int32, b Decimal(9, 2))")).isEqualTo(NestedType.row("Tuple(a Int32, b Decimal(9, 2))",
                List.of(NestedType.field("a", NestedType.scalar("Int32")), NestedType.field("b", NestedType.scalar("Decimal(9, 2)")))));
        assertThat(ClickHouseNested.type("Tuple(Decimal(9, 2), String)")).isEqualTo(NestedType.row("Tuple(Decimal(9, 2), String)",
                List.of(NestedType.field("1", NestedType.scalar("Decimal(9, 2)")), NestedType.field("2", NestedType.scalar("String")))));
        assertThat(ClickHouseNested.type("String").nested()).isFalse();
    }

    @Test
    void quotedTextParsesAndBadTextIsRefused() {
        assertThat(ClickHouseText.parse("('x\\'y',[1,NULL],'a\\\\b','\\xF0\\x9F\\x98\\x80')"))
                .isEqualTo(List.of("x'y", Arrays.asList(1L, null), "a\\b", "😀"));
        assertThat(ClickHouseText.parse("-1.5")).isEqualTo(new BigDecimal("-1.5"));
        assertThat(ClickHouseText.topLevelParts("(intDiv(k, 10), d)")).containsExactly("intDiv(k, 10)", "d");
        assertThat(ClickHouseText.topLevelParts("(a + 1) * 2")).containsExactly("(a + 1) * 2");
        assertThatThrownBy(() -> ClickHouseText.parse("('open")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not closed");
        assertThatThrownBy(() -> ClickHouseText.parse("[1 2]")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
    }

    @Test
    void nestedValuesKeepQuotesTabsAndNulls() throws Exception {
        String sql = "SELECT [NULL, 1] AS n, CAST(('x\\'y', 'tab\\there', toDate('2024-02-29')) AS Tuple(s String, t String, d Date)) AS r,"
                + " (1.5, 'b') AS u, 7 AS plain";
        try (Connection connection = CH.connect(spec); Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            NestedReader reader = spec.nestedReader(connection, rs.getMetaData()).orElseThrow();
            assertThat(reader.type(4).nested()).isFalse();
            assertThat(reader.type(3)).isInstanceOf(NestedType.RowType.class);
            rs.next();
            assertThat(reader.read(rs, 1)).isEqualTo(Arrays.asList(null, 1L));
            assertThat(reader.read(rs, 2)).isEqualTo(List.of("x'y", "tab\there", LocalDate.of(2024, 2, 29)));
            assertThat(reader.read(rs, 3)).isEqualTo(List.of(1.5, "b"));
        }
        try (Connection connection = CH.connect(spec); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 AS a, 'x' AS b")) {
            assertThat(spec.nestedReader(connection, rs.getMetaData())).isEmpty();
        }
    }

    /**
     * A String key's partition is written unquoted ({@code z'--\ x}, not a literal): the predicate keeps it inside a string
     * literal and counts only its rows; a table that is not partitioned has neither partitions nor a latest one.
     */
    @Test
    void aHostileStringPartitionStaysInsideItsLiteral() throws Exception {
        String table = "dbspec_chhostile_" + suffix;
        String plain = "dbspec_chplain_" + suffix;
        try (Connection connection = CH.connect(spec); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (`we ird--k` String, v Int32) ENGINE = MergeTree() PARTITION BY `we ird--k` ORDER BY v");
            statement.execute("CREATE TABLE " + plain + " (v Int32) ENGINE = MergeTree() ORDER BY v");
            try {
                statement.execute("INSERT INTO " + table + " VALUES ('a', 1), ('z\\'--\\\\ x', 2), ('9', 3)");
                TableName name = new TableName(Optional.empty(), Optional.of("default"), table);
                LatestPartition latest = spec.latestPartition(connection, name).orElseThrow();
                assertThat(latest.partition()).isEqualTo("z'--\\ x");
                assertThat(latest.predicate()).isEqualTo("toString(`we ird--k`) = 'z\\'--\\\\ x'");
                try (ResultSet rs = statement.executeQuery("SELECT sum(v), count() FROM " + table + " WHERE " + latest.predicate())) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(2);
                    assertThat(rs.getLong(2)).isEqualTo(1);
                }
                TableName unpartitioned = new TableName(Optional.empty(), Optional.of("default"), plain);
                assertThat(spec.partitions(connection, unpartitioned)).isEmpty();
                assertThat(spec.latestPartition(connection, unpartitioned)).isEmpty();
                assertThat(spec.extraTableMetadata(connection, unpartitioned)).containsEntry("partitionKey", "").doesNotContainKey("partitioning");
            } finally {
                statement.execute("DROP TABLE " + table);
                statement.execute("DROP TABLE " + plain);
            }
        }
    }

    @Test
    void partitionsOrderByValueWithATupleKey() throws Exception {
        String table = "dbspec_chparts_" + suffix;
        try (Connection connection = CH.connect(spec); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (k Int32, d Date) ENGINE = MergeTree() PARTITION BY (k, d) ORDER BY k");
            try {
                statement.execute("INSERT INTO " + table + " VALUES (9, '2024-01-01'), (10, '2023-01-01'), (10, '2023-01-01'), (2, '2025-01-01')");
                TableName name = new TableName(Optional.empty(), Optional.of("default"), table);
                List<String> partitions = spec.partitions(connection, name).orElseThrow().partitions().stream().map(PartitionInfo::name).toList();
                assertThat(partitions).containsExactly("(2,'2025-01-01')", "(9,'2024-01-01')", "(10,'2023-01-01')");
                LatestPartition latest = spec.latestPartition(connection, name).orElseThrow();
                assertThat(latest.keys()).containsExactly("k", "d");
                assertThat(latest.values()).containsExactly("'10'", "'2023-01-01'");
                assertThat(latest.predicate()).isEqualTo("toString(k) = '10' AND toString(d) = '2023-01-01'");
                try (ResultSet rs = statement.executeQuery("SELECT count() FROM " + table + " WHERE " + latest.predicate())) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(2);
                }
                Map<String, Object> extra = spec.extraTableMetadata(connection, name);
                assertThat(extra).containsEntry("engine", "MergeTree").containsEntry("rows", 4L).containsEntry("partitionKey", "(k, d)");
                assertThat(extra.get("partitioning")).isEqualTo(Map.of("method", "VALUE", "keys", List.of("k", "d"),
                        "partitions", partitions));
                // a table of another database (none of that name there) answers nothing
                assertThat(spec.partitions(connection, new TableName(Optional.empty(), Optional.of("system"), table))).isEmpty();
                assertThat(spec.extraTableMetadata(connection, new TableName(Optional.empty(), Optional.of("system"), table))).isEmpty();
            } finally {
                statement.execute("DROP TABLE " + table);
            }
        }
    }
}
