package dev.dbspec.plugin.cockroachdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import org.junit.jupiter.api.Test;

class CockroachdbSpecTest extends PgWireFamilySpecContract {
    CockroachdbSpecTest() {
        super(new CockroachdbEngineSpec(), "jdbc:cockroachdb:", 26257);
    }

    @Test
    void claimsEveryPostgresGrainAndCancels() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.FIVE_SECONDS, "ts"))
                .isEqualTo("DATE_TRUNC('minute', ts) + INTERVAL '5 seconds' * FLOOR(EXTRACT(SECOND FROM ts) / 5)");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
    }
}
