package dev.dbspec.plugin.aurora.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.PgWireFamilySpecContract;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Spec only: no Aurora cluster runs in the build, so the facts are checked as declared. */
class AuroraPostgresqlSpecTest extends PgWireFamilySpecContract {
    AuroraPostgresqlSpecTest() {
        super(new AuroraPostgresqlEngineSpec(), "jdbc:aurora-postgresql:", 5432);
    }

    @Test
    void keepsThePostgresqlGrainsUnderItsOwnId() {
        assertThat(spec().id()).isEqualTo("aurora_postgresql");
        assertThat(spec().timeGrainExpressions()).isEqualTo(PostgresFamilySpec.GRAINS);
        assertThat(spec().timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
        assertThat(spec().driverUrl("jdbc:aurora-postgresql://c.cluster-abc.eu-west-1.rds.amazonaws.com:5432/app"))
                .isEqualTo("jdbc:postgresql://c.cluster-abc.eu-west-1.rds.amazonaws.com:5432/app");
    }

    @Test
    void refusesPgjdbcsHostCredentialOptions() {
        assertThatThrownBy(() -> spec().vetConnection("jdbc:aurora-postgresql://c.example.com:5432/app?jaasLogin=true",
                new Properties(), Optional.empty()))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("jaasLogin");
    }
}
