package dev.dbspec.plugin.oceanbase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no OceanBase server runs in the build, so the facts are checked as written. */
class OceanbaseSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new OceanbaseEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    /** Connector/J's options that run code from the URL or the server's data. */
    @Override
    protected Set<String> refusedByName() {
        return Set.of("autoDeserialize", "statementInterceptors", "propertiesTransform", "idTokenFile");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("zeroDateTimeBehavior=IGNORE", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:oceanbase://obproxy.example.com:2883/orders?sslMode=REQUIRED&connectTimeout=5000&socketTimeout=600000");
    }

    @Test
    void mysqlModeThroughConnectorJOnPort2881() {
        assertThat(spec.driverUrl("jdbc:oceanbase://ob:2881/orders")).isEqualTo("jdbc:mysql://ob:2881/orders");
        assertThat(spec.defaultPort()).hasValue(2881);
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:oceanbase:");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }

    @Test
    void mysqlGrainsAndLiterals() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts")).isEqualTo("DATE_ADD(DATE(ts), INTERVAL (6 - WEEKDAY(ts)) DAY)");
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("STR_TO_DATE('2019-01-02', '%Y-%m-%d')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE))).isEmpty();
    }
}
