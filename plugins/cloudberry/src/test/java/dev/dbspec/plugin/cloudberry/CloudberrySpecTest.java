package dev.dbspec.plugin.cloudberry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: no Cloudberry cluster runs in the build, so the facts are checked as written. */
class CloudberrySpecTest extends PgWireFamilySpecContract {
    CloudberrySpecTest() {
        super(new CloudberryEngineSpec(), "jdbc:cloudberry:", 5432);
    }

    @Test
    void everyPostgresGrainAndTheCancelRequest() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec().aliases()).containsExactly("cbdb");
    }
}
