package dev.dbspec.plugin.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HiveSpecTest extends EngineSpecContract {
    private final HiveEngineSpec spec = new HiveEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "initFile", "sslKeyStore", "zooKeeperKeystoreLocation", "storePasswordPath", "browserDisableSslCheck",
                "browserResponsePort", "principal", "kerberosAuthType");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl=maybe", "false, true",
                "auth=delegationToken", "must be one of",
                "retries=1000", "0 to 10",
                "auth=jwt", "JWT environment variable");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:hive2://hs2a.example.com:10000,hs2b.example.com:10000/sales;ssl=true;transportMode=http;httpPath=cliservice;socketTimeout=60000?tez.queue.name=bi",
                "jdbc:hive2://h:10000/default;transportMode=http;httpPath=cliservice",
                "jdbc:hive2://h:10000/;auth=jwt;jwt=eyJhbGciOi.x.y");
    }

    @Test
    void buildsSubDayBucketsFromTheWallClockText() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.SECOND, "`ts`")).isEqualTo("CAST(substr(CAST(`ts` AS STRING), 1, 19) AS TIMESTAMP)");
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "ts")).isEqualTo(
                "CAST(concat(substr(CAST(ts AS STRING), 1, 14), lpad(CAST(minute(ts) - minute(ts) % 15 AS STRING), 2, '0'), ':00')"
                        + " AS TIMESTAMP)");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_SECONDS, "ts")).isEqualTo(
                "CAST(concat(substr(CAST(ts AS STRING), 1, 17), lpad(CAST(second(ts) - second(ts) % 5 AS STRING), 2, '0')) AS TIMESTAMP)");
        assertThat(spec.timeGrainExpressions().values()).noneMatch(t -> t.contains("unix_timestamp"));
    }

    @Test
    void anchorsWeeksWithNextDay() {
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts"))
                .isEqualTo("CAST(CAST(next_day(date_sub(to_date(ts), 7), 'MO') AS DATE) AS TIMESTAMP)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("CAST(CAST(next_day(date_sub(to_date(ts), 7), 'SU') AS DATE) AS TIMESTAMP)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts"))
                .isEqualTo("CAST(CAST(next_day(date_sub(to_date(ts), 1), 'SA') AS DATE) AS TIMESTAMP)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts"))
                .isEqualTo("CAST(CAST(add_months(trunc(ts, 'MM'), -((month(ts) - 1) % 3)) AS DATE) AS TIMESTAMP)");
    }

    @Test
    void writesCastLiteralsOnlyForTypesHiveHas() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02 03:04:05.678000' AS TIMESTAMP)");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIME)).isFalse();
        assertThat(spec.epochMillisToDatetime()).hasValue("CAST(CAST(({col} / 1000.0) AS DOUBLE) AS TIMESTAMP)");
    }

    @Test
    void limitsQuotesAndCancelsLikeHiveServer2() {
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.identifierQuoting().quote("a`b")).isEqualTo("`a``b`");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.has(Capability.ORDER_BY_NOT_IN_SELECT)).isFalse();
    }

    @Test
    void classifiesHiveServer2MessagesBeforeTheirSqlState() {
        assertThat(spec.classifyError(new SQLException(
                "Error while compiling statement: FAILED: SemanticException [Error 10001]: Line 1:14 Table not found 'x'", "42S02")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException(
                "Error while compiling statement: FAILED: SemanticException [Error 10072]: Database does not exist: nope", "42000")))
                .isEqualTo(ErrorCategory.UNKNOWN_DATABASE);
        assertThat(spec.classifyError(new SQLException(
                "Error while compiling statement: FAILED: ParseException line 1:0 cannot recognize input near 'SELEC'", "42000")))
                .isEqualTo(ErrorCategory.SYNTAX);
    }

    /** Session variables, Hive settings ({@code ?}) and Hive variables ({@code #}) are read, and vetted, under their own names. */
    @Test
    void readsHiveSettingsAndVariablesUnderTheirOwnNames() {
        assertThat(spec.driverOptions("jdbc:hive2://h:1/db;ssl=true?tez.queue.name=q#v=1", new Properties()))
                .containsEntry("ssl", "true").containsEntry("hiveconf.tez.queue.name", "q").containsEntry("hivevar.v", "1");
        Properties queue = new Properties();
        queue.setProperty("hiveconf:mapreduce.job.queuename", "bi");
        spec.vetConnection("jdbc:hive2://hs2.example.com:10000/sales", queue, Optional.empty());
        Properties hooks = new Properties();
        hooks.setProperty("hiveconf:hive.exec.pre.hooks", "a.B");
        assertThatThrownBy(() -> spec.vetConnection("jdbc:hive2://hs2.example.com:10000/sales", hooks, Optional.empty()))
                .hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:hive2://h:10000/db?hive.exec.pre.hooks=a.B")).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:hive2://h:10000/db#x=1")).hasMessageContaining("allow-list");
    }

    @Test
    void refusesFormsOfItsOwnGrammar() {
        for (String url : new String[] {
                "jdbc:hive2://h:10000/db?tez.queue.name=a;TEZ.queue.name=b", // duplicate Hive setting
                "jdbc:hive2://h:10000/db;httpPath=cli=service", // a second '=' (hive-jdbc splits at the last)
                "jdbc:hive2:///db", // empty host part: embedded HiveServer2
                "jdbc:hive2://u@h:10000/db", // user information
                "jdbc:hive2://h:10000;initFile=/tmp/x/db", // options in the host part
                "jdbc:hive2://h:10000/d b", // space
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
