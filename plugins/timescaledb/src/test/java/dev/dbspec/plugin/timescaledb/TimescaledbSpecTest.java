package dev.dbspec.plugin.timescaledb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import org.junit.jupiter.api.Test;

class TimescaledbSpecTest extends PgWireFamilySpecContract {
    TimescaledbSpecTest() {
        super(new TimescaledbEngineSpec(), "jdbc:timescaledb:", 5432);
    }

    @Test
    void postgresGrainsNotTimeBucket() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "ts"))
                .isEqualTo("DATE_TRUNC('hour', ts) + INTERVAL '15 minutes' * FLOOR(EXTRACT(MINUTE FROM ts) / 15)");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec().aliases()).containsExactly("timescale");
    }
}
