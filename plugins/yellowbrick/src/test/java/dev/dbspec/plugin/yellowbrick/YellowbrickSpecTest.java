package dev.dbspec.plugin.yellowbrick;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import org.junit.jupiter.api.Test;

class YellowbrickSpecTest extends PgWireFamilySpecContract {
    YellowbrickSpecTest() {
        super(new YellowbrickEngineSpec(), "jdbc:yellowbrick:", 5432);
    }

    @Test
    void postgresGrainsWithoutCancellation() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("DATE_TRUNC('week', ts + INTERVAL '1 day') - INTERVAL '1 day'");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec().capabilities()).contains(Capability.CATALOGS).doesNotContain(Capability.CANCEL);
        assertThat(spec().aliases()).containsExactly("ybd");
    }
}
