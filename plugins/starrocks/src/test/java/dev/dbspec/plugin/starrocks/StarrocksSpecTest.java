package dev.dbspec.plugin.starrocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no server runs in the build, so the facts are checked as written. */
class StarrocksSpecTest extends EngineSpecContract {
    @Override
    protected EngineSpec spec() {
        return new StarrocksEngineSpec();
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("autoDeserialize");
    }

    @Test
    void grainsWeekStartOnMondayAndQuarterStartsOnItsFirstMonth() {
        assertThat(spec().timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE(DATE_SUB(ts, INTERVAL DAYOFWEEK(DATE_SUB(ts, INTERVAL 1 DAY)) - 1 DAY))");
        assertThat(spec().timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo(
                "MAKEDATE(YEAR(ts), 1) + INTERVAL QUARTER(ts) QUARTER - INTERVAL 1 QUARTER");
        assertThat(spec().timeGrainExpressions()).hasSize(TimeGrain.values().length);
    }

    @Test
    void literalsAreCasts() {
        assertThat(spec().datetimeLiteral(TemporalType.DATE, LocalDate.of(2019, 1, 2))).contains("CAST('2019-01-02' AS DATE)");
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP, LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_000_000)))
                .contains("CAST('2019-01-02 03:04:05.678000' AS DATETIME)");
        assertThat(spec().datetimeLiteral(TemporalType.TIME, LocalTime.of(3, 4, 5))).isEmpty();
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, OffsetDateTime.of(2019, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))).isEmpty();
    }

    @Test
    void speaksTheMysqlProtocolUnderItsOwnPrefix() {
        assertThat(spec().limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec().driverUrl("jdbc:starrocks://fe:9030/sales")).isEqualTo("jdbc:mysql://fe:9030/sales");
        assertThat(spec().driverArtifact()).hasValueSatisfying(artifact -> assertThat(artifact.bundled()).isFalse());
    }
}
