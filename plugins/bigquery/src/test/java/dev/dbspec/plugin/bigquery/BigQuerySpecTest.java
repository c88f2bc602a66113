package dev.dbspec.plugin.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BigQuerySpecTest extends EngineSpecContract {
    private final EngineSpec spec = new BigQueryEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "OAuthPvtKeyPath", "LogPath", "LogLevel", "EndpointOverrides", "PrivateServiceConnectUris", "universeDomain");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "OAuthType=3", "own Google credentials",
                "UseQueryCache=maybe", "false, true");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=my-project;DefaultDataset=sales;Location=EU;OAuthType=0;Timeout=300;MaxResults=10000;EnableHighThroughputAPI=true;QueryDialect=SQL");
    }

    @Test
    void weeksNameTheirFirstDay() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "`ts`")).isEqualTo("DATETIME_TRUNC(CAST(`ts` AS DATETIME), WEEK(MONDAY))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "`ts`")).isEqualTo("DATETIME_TRUNC(CAST(`ts` AS DATETIME), WEEK(SUNDAY))");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_MINUTES, "`ts`")).isEqualTo(
                "DATETIME_ADD(DATETIME_TRUNC(CAST(`ts` AS DATETIME), HOUR), INTERVAL DIV(EXTRACT(MINUTE FROM CAST(`ts` AS DATETIME)), 5) * 5 MINUTE)");
    }

    @Test
    void literalsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.000000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("DATETIME '2019-01-02 03:04:05.678000'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678000+02:00'");
        java.time.LocalDateTime naive = java.time.LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_900_000);
        assertThat(spec.datetimeLiteral("TIMESTAMP", naive)).hasValue("CAST('2019-01-02T03:04:05.678900' AS TIMESTAMP)");
        assertThat(spec.datetimeLiteral("TIMESTAMP", naive.atOffset(java.time.ZoneOffset.ofHours(2))))
                .hasValue("CAST('2019-01-02T03:04:05.678900+02:00' AS TIMESTAMP)");
        assertThat(spec.datetimeLiteral("DATETIME", naive)).hasValue("DATETIME '2019-01-02 03:04:05.678900'");
        assertThat(spec.epochSecondsToDatetime()).hasValue("TIMESTAMP_SECONDS({col})");
        assertThat(spec.epochMillisToDatetime()).hasValue("TIMESTAMP_MILLIS({col})");
    }

    @Test
    void backticksLimitAndTypes() {
        assertThat(spec.identifierQuoting().quote("my col")).isEqualTo("`my col`");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.genericType("INT64")).isEqualTo(GenericType.INTEGER);
        assertThat(spec.genericType("FLOAT64")).isEqualTo(GenericType.FLOAT);
        assertThat(spec.genericType("BIGNUMERIC")).isEqualTo(GenericType.DECIMAL);
    }
}
