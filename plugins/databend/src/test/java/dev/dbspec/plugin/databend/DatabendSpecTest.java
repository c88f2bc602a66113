package dev.dbspec.plugin.databend;

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

class DatabendSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new DatabendEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("add_days(to_start_of_day(ts), 1 - to_day_of_week(ts))");
        assertThat(spec.timeGrainSql(TimeGrain.TEN_MINUTES, "ts")).isEqualTo("add_minutes(to_start_of_minute(ts), -(to_minute(ts) % 10))");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("to_start_of_quarter(ts)");
    }

    @Test
    void literalsEpochAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("to_date('2019-01-02')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("to_timestamp('2019-01-02 03:04:05.678000')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("to_timestamp('2019-01-02T03:04:05.678000+02:00')");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("add_seconds(to_timestamp(0), {col})");
        assertThat(spec.epochMillisToDatetime()).isEmpty();
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.genericType("Nullable(Int64)")).isEqualTo(GenericType.INTEGER);
        assertThat(spec.forbiddenUrlOptions()).isEmpty();
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "databend.example.com").replace("{port}", "8000").replace("{database}", "default"));
        Properties properties = new Properties();
        properties.setProperty("user", "databend");
        properties.setProperty("password", "s3cret");
        properties.setProperty("accesstoken", "tok");
        spec.vetConnection("jdbc:databend://databend.example.com:443/sales?ssl=true&use_verify=true&warehouse=bi&tenant=acme&connection_timeout=10&query_timeout=300&max_rows_per_page=10000", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("accesstoken")).as("accesstoken").isTrue();
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("debug", "HTTP requests"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:databend://h:8000/db?" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:databend://h:8000/db", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:databend://h:8000/db?sslrootcert=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:databend://h:8000/db?ssl=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:databend://h:8000/db?ssl=true&use_verify=false")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("certificate verification");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:databend://h:8000/db?query_timeout=-1")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("0 to 86400");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:databend://h:8000/db?de\\bug=true",
                "jdbc:databend://h:8000/db?%64ebug=true",
                "jdbc:databend://h:8000/db?ssl=true&SSL=false",
                "jdbc:databend://(host=h,debug=true)/db",
                "jdbc:databend://h:8000/db;debug=true",
                "jdbc:databend://h:8000/db?ssl=true;debug=true",
                "jdbc:databend://h:8000/db?use_verıfy=false",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
