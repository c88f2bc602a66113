package dev.dbspec.plugin.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
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

class ElasticsearchSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new ElasticsearchEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "\"@timestamp\"")).isEqualTo("DATE_TRUNC('week', \"@timestamp\")");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_MINUTES, "ts"))
                .isEqualTo("DATE_ADD('minute', -(MINUTE_OF_HOUR(ts) % 5), DATE_TRUNC('minute', ts))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("DATE_ADD('day', -(ISO_DAY_OF_WEEK(ts) % 7), DATE_TRUNC('day', ts))");
        assertThat(spec.timeGrainExpressions().values()).noneMatch(t -> t.contains("HISTOGRAM"));
    }

    @Test
    void literalsAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("CAST('03:04:05.000' AS TIME)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02T03:04:05.678Z' AS DATETIME)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("CAST('2019-01-02T03:04:05.678+02:00' AS DATETIME)");
        assertThat(spec.epochMillisToDatetime()).hasValue("CAST({col} AS DATETIME)");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }

    @Test
    void noJoinsAndNoComments() {
        assertThat(spec.has(Capability.JOINS)).isFalse();
        assertThat(spec.has(Capability.SQL_COMMENTS)).isFalse();
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:es:", "jdbc:elasticsearch:");
    }

    @Test
    void refusesADebugFile() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:es://es:9200/?ssl=true&debug.output=/tmp/es.log"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("debug.output");
    }

    @Test
    void vetsTheFilledTemplateAndATypicalProductionUrl() {
        spec.checkUrl(spec.urlTemplate().replace("{host}", "es.example.com").replace("{port}", "9200"));
        Properties properties = new Properties();
        properties.setProperty("user", "elastic");
        properties.setProperty("password", "s3cret");
        spec.vetConnection("jdbc:es://https://es.example.com:9243/?ssl=true&ssl.protocol=TLSv1.3&timezone=UTC&connect.timeout=10000&query.timeout=90000&page.size=1000&field.multi.value.leniency=true", properties, Optional.empty());
        assertThat(spec.connectionOptions().isSecret("password")).as("password").isTrue();
    }

    @Test
    void refusesEachDangerousOptionByNameWithItsReasonInAnyCase() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("debug.output", "debug log to a local file"),
                Map.entry("debug", "debug log"),
                Map.entry("debug.flushAlways", "debug log"),
                Map.entry("ssl.keystore.location", "key material"),
                Map.entry("ssl.truststore.location", "key material"));
        assertThat(spec.connectionOptions().refusedOptions()).as("every option refused by name is tested")
                .containsOnlyKeys(refused.keySet().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        refused.forEach((name, reason) -> {
            for (String written : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                assertThatThrownBy(() -> spec.checkUrl("jdbc:es://es:9200/?" + written + "=x"))
                        .as(written).isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo(written))
                        .hasMessageContaining(reason);
                Properties properties = new Properties();
                properties.setProperty(written, "x");
                assertThatThrownBy(() -> spec.vetConnection("jdbc:es://es:9200/", properties, Optional.empty()))
                        .as(written + " as a property").hasMessageContaining(reason);
            }
        });
    }

    @Test
    void refusesOptionsOffTheListAndBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:es://es:9200/?proxy.http=1"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:es://es:9200/?ssl=maybe")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("false, true");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:es://es:9200/?ssl.protocol=SSLv3")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("one of");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:es://es:9200/?page.size=0")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("1 to 100000");
    }

    @Test
    void refusesEscapedEncodedDuplicateAndHostBlockForms() {
        for (String url : new String[] {
                "jdbc:es://es:9200/?de\\bug=true",
                "jdbc:es://es:9200/?%64ebug=true",
                "jdbc:es://es:9200/?ssl=true&SSL=false",
                "jdbc:es://(host=es,debug=true)/",
                "jdbc:es://es:9200/;debug=true",
                "jdbc:es://es:9200/?ssl=true;debug=true",
                "jdbc:es://es:9200/?dıbug=true",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }
}
