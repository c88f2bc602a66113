package dev.dbspec.plugin.cockroachdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import org.junit.jupiter.api.Test;

class CockroachdbSpecTest extends EngineSpecContract {
    private final CockroachdbEngineSpec spec = new CockroachdbEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void mapsItsOwnPrefixToPgjdbc() {
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:cockroachdb:");
        assertThat(spec.driverUrl("jdbc:cockroachdb://db.example:26257/app?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:26257/app?sslmode=require");
        assertThat(spec.driverClassName()).isEqualTo("org.postgresql.Driver");
        assertThat(spec.defaultPort()).hasValue(26257);
    }

    @Test
    void refusesPgjdbcClassLoadingOptions() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:cockroachdb://h:26257/app?socketFactory=org.springframework.context.support.X"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("socketFactory");
        spec.checkUrl("jdbc:cockroachdb://h:26257/app?sslmode=verify-full&ApplicationName=dbspec");
    }

    @Test
    void writesLiteralsAndLimits() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP WITH TIME ZONE '2019-01-02 03:04:05.678000+02:00'");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }

    @Test
    void claimsEveryPostgresGrainAndCancels() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_SECONDS, "ts"))
                .isEqualTo("DATE_TRUNC('minute', ts) + INTERVAL '5 seconds' * FLOOR(EXTRACT(SECOND FROM ts) / 5)");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
    }
}
