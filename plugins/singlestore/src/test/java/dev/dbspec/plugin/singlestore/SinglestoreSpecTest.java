package dev.dbspec.plugin.singlestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no SingleStore server runs in the build, so the facts are checked as written. */
class SinglestoreSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new SinglestoreEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    /** Connector/J's options that load classes named in the URL or read this host's files. */
    @Override
    protected Set<String> refusedByName() {
        return Set.of("queryInterceptors", "socketFactory", "allowUrlInLocalInfile");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("databaseTerm=TABLE", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:singlestore://svc-1234.aws.singlestore.com:3306/analytics?sslMode=VERIFY_IDENTITY&socketTimeout=300000");
    }

    @Test
    void calendarUnitsFromDateTruncAndStepsFromTheMysqlFamily() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER_YEAR, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_MONDAY, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_MINUTES, "ts"))
                .isEqualTo("DATE_ADD(DATE(ts), INTERVAL (HOUR(ts)*60 + FLOOR(MINUTE(ts) / 5) * 5) MINUTE)");
    }

    @Test
    void literalsAreCastsToMicrosecondDatetimes() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02 03:04:05.678000' AS DATETIME(6))");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.driverUrl("jdbc:singlestore://s2:3306/db")).isEqualTo("jdbc:mysql://s2:3306/db");
        assertThat(spec.aliases()).containsExactly("memsql");
    }
}
