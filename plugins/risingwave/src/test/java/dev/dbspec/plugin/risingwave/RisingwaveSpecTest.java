package dev.dbspec.plugin.risingwave;

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

class RisingwaveSpecTest extends EngineSpecContract {
    private final RisingwaveEngineSpec spec = new RisingwaveEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void mapsItsOwnPrefixToPgjdbc() {
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:risingwave:");
        assertThat(spec.driverUrl("jdbc:risingwave://db.example:4566/app?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:4566/app?sslmode=require");
        assertThat(spec.driverClassName()).isEqualTo("org.postgresql.Driver");
        assertThat(spec.defaultPort()).hasValue(4566);
    }

    @Test
    void refusesPgjdbcClassLoadingOptions() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:risingwave://h:4566/app?socketFactory=org.springframework.context.support.X"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("socketFactory");
        spec.checkUrl("jdbc:risingwave://h:4566/app?sslmode=verify-full&ApplicationName=dbspec");
    }

    @Test
    void writesLiteralsAndLimits() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP WITH TIME ZONE '2019-01-02 03:04:05.678000+02:00'");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }

    @Test
    void countsStepsAsIntegersAndSpellsOutTheEpoch() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "ts"))
                .isEqualTo("DATE_TRUNC('hour', ts) + INTERVAL '15 minutes' * CAST(FLOOR(EXTRACT(MINUTE FROM ts) / 15) AS INT)");
        assertThat(spec.timeGrainSql(TimeGrain.MONTH, "ts")).isEqualTo("DATE_TRUNC('month', ts)");
        assertThat(spec.epochSecondsToDatetime()).hasValue("(TIMESTAMP '1970-01-01 00:00:00' + {col} * INTERVAL '1 second')");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
