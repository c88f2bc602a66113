package dev.dbspec.plugin.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BigQuerySpecTest extends EngineSpecContract {
    private final EngineSpec spec = new BigQueryEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
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

    @Test
    void refusesALocalKeyFile() {
        assertThatThrownBy(() -> spec.checkUrl(
                "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p;OAuthType=0;OAuthPvtKeyPath=/etc/sa.json"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("OAuthPvtKeyPath");
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{port}", "443").replace("{database}", "my-project"));
        Properties properties = new Properties();
        properties.setProperty("OAuthServiceAcctEmail", "sa@my-project.iam.gserviceaccount.com");
        properties.setProperty("OAuthPvtKey", "{json}");
        spec.vetConnection("jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=my-project;DefaultDataset=sales;Location=EU;OAuthType=0;Timeout=300;MaxResults=10000;EnableHighThroughputAPI=true;QueryDialect=SQL", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("OAuthPvtKey")).as("OAuthPvtKey").isTrue();
        assertThat(spec.connectionOptions().isSecret("OAuthAccessToken")).as("OAuthAccessToken").isTrue();
        assertThat(spec.connectionOptions().isSecret("OAuthClientSecret")).as("OAuthClientSecret").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("OAuthPvtKeyPath", "service-account key"),
                Map.entry("LogPath", "log files"),
                Map.entry("LogLevel", "log files"),
                Map.entry("EndpointOverrides", "endpoints named in the URL"),
                Map.entry("PrivateServiceConnectUris", "endpoints named in the URL"),
                Map.entry("universeDomain", "endpoints named in the URL"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p;" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p;OAuthRefreshTokenPath=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p;OAuthType=3")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("own Google credentials");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p;UseQueryCache=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p;Log\\Path=/tmp",
                "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p;%4CogPath=/tmp",
                "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p;PROJECTID=q",
                "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443?ProjectId=p&LogPath=/tmp",
                "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=p&LogPath=/tmp",
                "jdbc:bigquery://(host=x,LogPath=/tmp);ProjectId=p",
                "jdbc:bigquery://https://www.googleapis.com/bigquery/v2:443;ProjectId=ı",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
