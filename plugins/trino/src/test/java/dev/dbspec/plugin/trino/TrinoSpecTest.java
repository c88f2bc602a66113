package dev.dbspec.plugin.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TrinoSpecTest extends EngineSpecContract {
    private final TrinoEngineSpec spec = new TrinoEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void claimsEveryGrainOverTheUncastColumn() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.SECOND, "\"ts\"")).isEqualTo("date_trunc('second', \"ts\")");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_MINUTES, "ts"))
                .isEqualTo("date_trunc('minute', ts) - interval '1' minute * (minute(ts) % 5)");
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "ts"))
                .isEqualTo("date_trunc('hour', ts) - interval '1' hour * (hour(ts) % 6)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("date_trunc('week', ts + interval '1' day) - interval '1' day");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts"))
                .isEqualTo("date_trunc('week', ts + interval '1' day) + interval '5' day");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts")).isEqualTo("date_trunc('week', ts) + interval '6' day");
        assertThat(spec.timeGrainSql(TimeGrain.HALF_HOUR, "ts")).isEqualTo(spec.timeGrainSql(TimeGrain.THIRTY_MINUTES, "ts"));
    }

    @Test
    void writesTypedLiteralsWithMicroseconds() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.000000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000 +02:00'");
    }

    @Test
    void convertsEpochsInUtc() {
        assertThat(spec.epochSecondsToDatetime()).hasValue("CAST(from_unixtime({col}, 'UTC') AS TIMESTAMP)");
        assertThat(spec.epochMillisToDatetime()).hasValue("CAST(from_unixtime(({col} / 1000.0), 'UTC') AS TIMESTAMP)");
    }

    @Test
    void limitsWithLimitAndCancelsThroughJdbc() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.limitSyntax("476")).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
    }

    @Test
    void refusesOptionsThatLoadClassesOrLocalCredentials() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8080/hive?dnsResolver=com.evil.Resolver"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("dnsResolver");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:trino://h:8443/hive?SSL=true&KerberosKeytabPath=/etc/krb5.keytab"))
                .isInstanceOf(UnsafeUrlException.class);
        spec.checkUrl("jdbc:trino://h:8443/hive?SSL=true&user=alice&sessionProperties=query_max_run_time:1m");
    }

    @Test
    void classifiesCoordinatorMessages() {
        assertThat(spec.classifyError(new SQLException("Query failed (#20251124_1): line 1:15: Table 'memory.default.x' does not exist")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("Query failed (#1): line 1:1: mismatched input 'SELEC'. Expecting: 'ALTER'")))
                .isEqualTo(ErrorCategory.SYNTAX);
        assertThat(spec.classifyError(new SQLException("Query failed (#1): Access Denied: Cannot select from table t")))
                .isEqualTo(ErrorCategory.PERMISSION);
        assertThat(spec.classifyError(new SQLException("Query failed (#1): line 1:15: Schema 'nope' does not exist")))
                .isEqualTo(ErrorCategory.UNKNOWN_DATABASE);
    }
}
