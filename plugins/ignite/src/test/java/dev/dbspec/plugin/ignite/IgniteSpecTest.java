package dev.dbspec.plugin.ignite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no Ignite cluster runs in the build, so the facts are checked as written. */
class IgniteSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new IgniteEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("sslTrustAll", "sslFactory");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("sslMode=optional", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:ignite:thin://ignite.example.com:10800/PUBLIC?sslMode=require&lazy=true&queryTimeout=60000");
    }

    @Test
    void printedAndParsedUnitsAndWeekdayWeeks() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.MINUTE, "ts"))
                .isEqualTo("PARSEDATETIME(FORMATDATETIME(ts, 'yyyy-MM-dd HH:mm:00'), 'yyyy-MM-dd HH:mm:ss')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts"))
                .isEqualTo("DATEADD('DAY', -MOD(DAY_OF_WEEK(ts) + 5, 7), PARSEDATETIME(FORMATDATETIME(ts, 'yyyy-MM-dd 00:00:00'), 'yyyy-MM-dd HH:mm:ss'))");
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "ts"))
                .isEqualTo("DATEADD('HOUR', HOUR(ts) / 6 * 6, PARSEDATETIME(FORMATDATETIME(ts, 'yyyy-MM-dd 00:00:00'), 'yyyy-MM-dd HH:mm:ss'))");
    }

    @Test
    void standardLiteralsWithoutZones() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE))).isEmpty();
    }
}
