package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TimeGrain;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Presto's and Trino's {@code "table$partitions"} texts and the latest partition of one of its rows. */
class PrestoPartitionsTest {
    private static final IdentifierQuoting QUOTES = IdentifierQuoting.DOUBLE_QUOTES_LOWER;

    private final PrestoFamilySpec spec = new PrestoFamilySpec(PrestoFamilySpec.facts("p", "p")
            .url("jdbc:p://{host}", "jdbc:p:").driver("p.Driver").grains(Map.of()).build()) {
    };

    @Test
    void partitionsTableTexts() {
        assertThat(PrestoPartitions.partitionsSql(QUOTES, TableName.of("web", "events"))).isEqualTo("SELECT * FROM \"web\".\"events$partitions\"");
        assertThat(PrestoPartitions.partitionsSql(QUOTES, new TableName(Optional.of("hive"), Optional.of("web"), "Ev\"s")))
                .isEqualTo("SELECT * FROM \"hive\".\"web\".\"Ev\"\"s$partitions\"");
        assertThat(PrestoPartitions.latestPartitionSql(QUOTES, TableName.of("web", "events"), List.of("ds", "hour")))
                .isEqualTo("SELECT * FROM \"web\".\"events$partitions\" ORDER BY \"ds\" DESC, \"hour\" DESC LIMIT 1");
    }

    @Test
    void aRowBecomesTypedLiterals() {
        LatestPartition latest = PrestoPartitions.latestFromRow(spec, List.of("ds", "hour", "region", "day"),
                List.of("varchar", "integer", "varchar(2)", "date"), Arrays.asList("2024-01-10", "7", "it's", null));
        assertThat(latest.partition()).isEqualTo("ds=2024-01-10/hour=7/region=it's/day=__HIVE_DEFAULT_PARTITION__");
        assertThat(latest.values()).containsExactly("'2024-01-10'", "7", "'it''s'", "NULL");
        assertThat(latest.predicate()).isEqualTo("\"ds\" = '2024-01-10' AND \"hour\" = 7 AND \"region\" = 'it''s' AND \"day\" IS NULL");
        assertThat(PrestoPartitions.valueLiteral(spec, "date", "2024-01-10")).isEqualTo("DATE '2024-01-10'");
        assertThat(PrestoPartitions.valueLiteral(spec, "boolean", "true")).isEqualTo("TRUE");
        assertThat(PrestoPartitions.valueLiteral(spec, "bigint", "-3")).isEqualTo("-3");
    }
}
