package dev.dbspec.plugin.greenplum;

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

class GreenplumSpecTest extends EngineSpecContract {
    private final GreenplumEngineSpec spec = new GreenplumEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void mapsItsOwnPrefixToPgjdbc() {
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:greenplum:");
        assertThat(spec.driverUrl("jdbc:greenplum://db.example:5432/app?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:5432/app?sslmode=require");
        assertThat(spec.driverClassName()).isEqualTo("org.postgresql.Driver");
        assertThat(spec.defaultPort()).hasValue(5432);
    }

    @Test
    void refusesPgjdbcClassLoadingOptions() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:greenplum://h:5432/app?socketFactory=org.springframework.context.support.X"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("socketFactory");
        spec.checkUrl("jdbc:greenplum://h:5432/app?sslmode=verify-full&ApplicationName=dbspec");
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
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.maxColumnNameLength()).hasValue(63);
    }
}
