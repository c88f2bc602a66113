package dev.dbspec.plugin.firebolt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and Firebolt is a cloud service, so the facts are checked as written. */
class FireboltSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new FireboltEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("host", "environment");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("ssl_mode=none", "man in the middle");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:firebolt:sales?engine=analytics&account=acme&connection_timeout_millis=30000&ssl_mode=strict");
    }

    @Test
    void dateTruncAndDateAddSteps() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_SECONDS, "ts"))
                .isEqualTo("DATE_ADD('second', CAST(FLOOR(EXTRACT(SECOND FROM ts) / 5) * 5 AS INT), DATE_TRUNC('minute', ts))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts")).isEqualTo("DATE_ADD('day', -1, DATE_TRUNC('week', DATE_ADD('day', 1, ts)))");
    }

    @Test
    void castLiteralsWithMicroseconds() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02 03:04:05.678000' AS TIMESTAMP)");
        assertThat(spec.defaultPort()).isEmpty();
    }
}
