package dev.dbspec.plugin.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedshiftSpecTest extends EngineSpecContract {
    private final RedshiftEngineSpec spec = new RedshiftEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("sslfactory", "plugin_name", "socketFactory", "logpath", "loglevel", "inifile", "sslkey", "Profile");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl=maybe", "false, true",
                "sslmode=allow", "must be one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:redshift://c.x.us-east-1.redshift.amazonaws.com:5439/dev?ssl=true&sslmode=verify-full&ApplicationName=dbspec&socketTimeout=300&defaultRowFetchSize=1000");
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
    void refusesBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:redshift:iam://c.x:5439/dev")).hasMessageContaining("host's own AWS credentials");
    }
}
