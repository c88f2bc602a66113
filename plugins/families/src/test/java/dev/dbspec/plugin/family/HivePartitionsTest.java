package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hive's {@code SHOW PARTITIONS} text and the latest partition of its rows (Superset's Hive latest_partition). */
class HivePartitionsTest {
    private static final IdentifierQuoting BACKTICKS = IdentifierQuoting.BACKTICKS;

    @Test
    void showPartitionsText() {
        assertThat(HivePartitions.showPartitionsSql(BACKTICKS, TableName.of("logs", "events"))).isEqualTo("SHOW PARTITIONS `logs`.`events`");
        assertThat(HivePartitions.showPartitionsSql(BACKTICKS, TableName.of(null, "we`ird"))).isEqualTo("SHOW PARTITIONS `we``ird`");
    }

    @Test
    void specsAreSplitAndUnescaped() {
        assertThat(HivePartitions.parseSpec("ds=2024-01-01/hour=05")).containsExactly(
                java.util.Map.entry("ds", "2024-01-01"), java.util.Map.entry("hour", "05"));
        assertThat(HivePartitions.parseSpec("ts=2024-01-01 10%3A00%3A00")).containsEntry("ts", "2024-01-01 10:00:00");
    }

    @Test
    void theLatestIsTheGreatestSpecByValue() {
        List<String> rows = List.of("ds=2024-01-09/hour=9", "ds=2024-01-10/hour=10", "ds=2024-01-10/hour=9", "ds=__HIVE_DEFAULT_PARTITION__/hour=1");
        LatestPartition latest = HivePartitions.latestFromRows(BACKTICKS, rows).orElseThrow();
        assertThat(latest.partition()).as("10 > 9 as numbers, not as text").isEqualTo("ds=2024-01-10/hour=10");
        assertThat(latest.keys()).containsExactly("`ds`", "`hour`");
        assertThat(latest.values()).containsExactly("'2024-01-10'", "'10'");
        assertThat(latest.predicate()).isEqualTo("`ds` = '2024-01-10' AND `hour` = '10'");
        assertThat(HivePartitions.latestFromRows(BACKTICKS, List.of("ds=__HIVE_DEFAULT_PARTITION__")).orElseThrow().predicate())
                .isEqualTo("`ds` IS NULL");
        assertThat(HivePartitions.latestFromRows(BACKTICKS, List.of())).isEmpty();
        assertThat(HivePartitions.fromRows(BACKTICKS, rows).orElseThrow().keys()).containsExactly("`ds`", "`hour`");
        assertThat(HivePartitions.fromRows(BACKTICKS, rows).orElseThrow().method()).isEqualTo("VALUE");
    }
}
