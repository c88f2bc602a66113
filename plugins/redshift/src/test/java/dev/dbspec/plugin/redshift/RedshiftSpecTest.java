package dev.dbspec.plugin.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import dev.dbspec.testdb.EngineSpecContract;
import org.junit.jupiter.api.Test;

class RedshiftSpecTest extends EngineSpecContract {
    private final RedshiftEngineSpec spec = new RedshiftEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void inheritsThePostgresGrains() {
        assertThat(spec.timeGrainExpressions()).isEqualTo(PostgresFamilySpec.GRAINS).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("DATE_TRUNC('week', ts + INTERVAL '1 day') - INTERVAL '1 day'");
        assertThat(spec.sqlFamily()).isEqualTo(SqlFamily.POSTGRESQL);
    }

    @Test
    void castsTimeAndZonedLiterals() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("CAST('03:04:05.000000' AS TIME)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("CAST('2019-01-02 03:04:05.678000+02:00' AS TIMESTAMPTZ)");
        assertThat(spec.epochSecondsToDatetime()).hasValue("(TIMESTAMP 'epoch' + {col} * INTERVAL '1 second')");
    }

    @Test
    void limitsCancelsAndAllowsLongNames() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.maxColumnNameLength()).hasValue(127);
        assertThat(spec.defaultPort()).hasValue(5439);
    }

    @Test
    void refusesCredentialPluginClasses() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:redshift://c.x.redshift.amazonaws.com:5439/dev?plugin_name=com.evil.Plugin"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("plugin_name");
        spec.checkUrl("jdbc:redshift://c.x.redshift.amazonaws.com:5439/dev?ssl=true");
    }
}
