package dev.dbspec.plugin.greenplum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import org.junit.jupiter.api.Test;

class GreenplumSpecTest extends PgWireFamilySpecContract {
    GreenplumSpecTest() {
        super(new GreenplumEngineSpec(), "jdbc:greenplum:", 5432);
    }

    @Test
    void claimsEveryPostgresGrainAndCancels() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec().maxColumnNameLength()).hasValue(63);
    }
}
