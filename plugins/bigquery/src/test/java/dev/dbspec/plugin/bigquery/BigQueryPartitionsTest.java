package dev.dbspec.plugin.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.TableName;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BigQuery's INFORMATION_SCHEMA.PARTITIONS texts and the latest partition's range predicate for each time unit. */
class BigQueryPartitionsTest {
    private final BigQueryEngineSpec spec = new BigQueryEngineSpec();
    private final TableName table = new TableName(Optional.of("my-project"), Optional.of("sales"), "orders");

    @Test
    void informationSchemaTexts() {
        assertThat(spec.capabilities()).contains(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION);
        assertThat(BigQueryPartitions.partitionsSql(spec.identifierQuoting(), table))
                .isEqualTo("SELECT partition_id, total_rows FROM `my-project`.`sales`.INFORMATION_SCHEMA.PARTITIONS WHERE table_name = ? ORDER BY partition_id");
        assertThat(BigQueryPartitions.latestPartitionSql(spec.identifierQuoting(), table))
                .isEqualTo("SELECT partition_id FROM `my-project`.`sales`.INFORMATION_SCHEMA.PARTITIONS WHERE table_name = ?"
                        + " AND partition_id NOT IN ('__NULL__', '__UNPARTITIONED__') AND total_rows > 0 ORDER BY partition_id DESC LIMIT 1");
        assertThat(BigQueryPartitions.columnsSql(spec.identifierQuoting(), TableName.of("sales", "orders")))
                .isEqualTo("SELECT column_name, data_type, is_partitioning_column, clustering_ordinal_position FROM `sales`.INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE table_name = ? AND (is_partitioning_column = 'YES' OR clustering_ordinal_position IS NOT NULL) ORDER BY clustering_ordinal_position");
    }

    @Test
    void timeUnitPartitionsBecomeRanges() {
        LatestPartition day = BigQueryPartitions.latestFromId(spec, Optional.of("order_date"), Optional.of("DATE"), "20240229").orElseThrow();
        assertThat(day.predicate()).isEqualTo("`order_date` >= DATE '2024-02-29' AND `order_date` < DATE '2024-03-01'");
        LatestPartition month = BigQueryPartitions.latestFromId(spec, Optional.of("d"), Optional.of("DATE"), "202412").orElseThrow();
        assertThat(month.predicate()).isEqualTo("`d` >= DATE '2024-12-01' AND `d` < DATE '2025-01-01'");
        LatestPartition hour = BigQueryPartitions.latestFromId(spec, Optional.of("at"), Optional.of("DATETIME"), "2024010123").orElseThrow();
        assertThat(hour.predicate()).isEqualTo("`at` >= DATETIME '2024-01-01 23:00:00.000000' AND `at` < DATETIME '2024-01-02 00:00:00.000000'");
        LatestPartition ingestion = BigQueryPartitions.latestFromId(spec, Optional.empty(), Optional.empty(), "2024").orElseThrow();
        assertThat(ingestion.predicate()).isEqualTo("_PARTITIONTIME >= CAST('2024-01-01T00:00:00.000000' AS TIMESTAMP)"
                + " AND _PARTITIONTIME < CAST('2025-01-01T00:00:00.000000' AS TIMESTAMP)");
        assertThat(BigQueryPartitions.latestFromId(spec, Optional.of("n"), Optional.of("INT64"), "20240101")).as("integer range").isEmpty();
        assertThat(BigQueryPartitions.latestFromId(spec, Optional.of("d"), Optional.of("DATE"), "__NULL__")).isEmpty();
    }
}
