package dev.dbspec.plugin.presto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.TableName;
import dev.dbspec.plugin.family.PrestoPartitions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Presto claims partitions from the Hive connector docs ({@code "table$partitions"}); the texts in its quoting and literals. */
class PrestoPartitionSqlTest {
    private final PrestoEngineSpec spec = new PrestoEngineSpec();

    @Test
    void partitionsTableInQuotesAndTypedLiterals() {
        assertThat(spec.capabilities()).contains(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION);
        TableName table = TableName.of("web", "page_views");
        assertThat(PrestoPartitions.partitionsSql(spec.identifierQuoting(), table)).isEqualTo("SELECT * FROM \"web\".\"page_views$partitions\"");
        assertThat(PrestoPartitions.latestPartitionSql(spec.identifierQuoting(), table, List.of("ds")))
                .isEqualTo("SELECT * FROM \"web\".\"page_views$partitions\" ORDER BY \"ds\" DESC LIMIT 1");
        assertThat(PrestoPartitions.latestFromRow(spec, List.of("ds", "n"), List.of("date", "bigint"), List.of("2024-03-02", "4")).predicate())
                .isEqualTo("\"ds\" = DATE '2024-03-02' AND \"n\" = 4");
    }
}
