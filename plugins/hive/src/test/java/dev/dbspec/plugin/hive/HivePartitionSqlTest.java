package dev.dbspec.plugin.hive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.TableName;
import dev.dbspec.plugin.family.HivePartitions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hive claims partitions from the docs ({@code SHOW PARTITIONS}); the text in its quoting, the latest in its literals. */
class HivePartitionSqlTest {
    private final HiveEngineSpec spec = new HiveEngineSpec();

    @Test
    void showPartitionsInHiveQuoting() {
        assertThat(spec.capabilities()).contains(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION);
        assertThat(HivePartitions.showPartitionsSql(spec.identifierQuoting(), TableName.of("default", "Page_Views")))
                .isEqualTo("SHOW PARTITIONS `default`.`Page_Views`");
        assertThat(HivePartitions.latestFromRows(spec.identifierQuoting(), List.of("dt=2024-03-01/country=US", "dt=2024-03-02/country=DE"))
                .orElseThrow().predicate()).isEqualTo("`dt` = '2024-03-02' AND `country` = 'DE'");
    }
}
