package dev.dbspec.plugin.yugabytedb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import org.junit.jupiter.api.Test;

class YugabytedbSpecTest extends PgWireFamilySpecContract {
    YugabytedbSpecTest() {
        super(new YugabytedbEngineSpec(), "jdbc:yugabytedb:", 5433);
    }

    @Test
    void ysqlIsPostgresOnPort5433WithoutCancellation() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts")).isEqualTo("DATE_TRUNC('week', ts) + INTERVAL '6 days'");
        assertThat(spec().epochSecondsToDatetime()).hasValue("(TIMESTAMP 'epoch' + {col} * INTERVAL '1 second')");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec().aliases()).containsExactlyInAnyOrder("yugabyte", "ysql");
        assertThat(spec().maxColumnNameLength()).hasValue(63);
    }
}
