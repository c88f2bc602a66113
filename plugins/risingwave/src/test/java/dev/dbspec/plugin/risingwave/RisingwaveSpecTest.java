package dev.dbspec.plugin.risingwave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import org.junit.jupiter.api.Test;

class RisingwaveSpecTest extends PgWireFamilySpecContract {
    RisingwaveSpecTest() {
        super(new RisingwaveEngineSpec(), "jdbc:risingwave:", 4566);
    }

    @Test
    void countsStepsAsIntegersAndSpellsOutTheEpoch() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "ts"))
                .isEqualTo("DATE_TRUNC('hour', ts) + INTERVAL '15 minutes' * CAST(FLOOR(EXTRACT(MINUTE FROM ts) / 15) AS INT)");
        assertThat(spec().timeGrainSql(TimeGrain.MONTH, "ts")).isEqualTo("DATE_TRUNC('month', ts)");
        assertThat(spec().epochSecondsToDatetime()).hasValue("(TIMESTAMP '1970-01-01 00:00:00' + {col} * INTERVAL '1 second')");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
