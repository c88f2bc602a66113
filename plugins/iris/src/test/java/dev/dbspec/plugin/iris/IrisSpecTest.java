package dev.dbspec.plugin.iris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no IRIS instance runs in the build, so the facts are checked as written. */
class IrisSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new IrisEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("logFile", "SharedMemory", "PipeJDBC");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:IRIS://iris.example.com:1972/USER");
    }

    @Test
    void dayCountsAndMondayAnchoredWeeks() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.DAY, "ts")).isEqualTo("CAST(CAST(ts AS DATE) AS TIMESTAMP)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("DATEADD(MONTH, FLOOR(DATEDIFF(MONTH, '1900-01-01', ts) / 3) * 3, '1900-01-01')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts"))
                .isEqualTo("DATEADD(DAY, -MOD(DATEDIFF(DAY, '1900-01-01', ts), 7), CAST(CAST(ts AS DATE) AS TIMESTAMP))");
        assertThat(spec.timeGrainSql(TimeGrain.TEN_MINUTES, "ts")).isEqualTo(
                "DATEADD(MINUTE, FLOOR(DATEDIFF(MINUTE, CAST(CAST(ts AS DATE) AS TIMESTAMP), ts) / 10) * 10, CAST(CAST(ts AS DATE) AS TIMESTAMP))");
    }

    /** The driver would read a log file name and an event class from the URL's parts after the namespace. */
    @Test
    void positionalPartsAfterTheNamespaceAreRefused() {
        assertThatThrownBy(() -> spec.vetConnection("jdbc:IRIS://iris.example.com:1972/USER/tmp/iris.log:com.example.Events",
                new Properties(), Optional.empty())).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("nothing after the namespace");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.TOP);
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02 03:04:05.678000' AS TIMESTAMP)");
    }
}
