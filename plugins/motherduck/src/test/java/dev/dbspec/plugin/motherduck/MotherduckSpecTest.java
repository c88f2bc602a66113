package dev.dbspec.plugin.motherduck;

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
class MotherduckSpecTest extends EngineSpecContract {
    @Override
    protected EngineSpec spec() {
        return new MotherduckEngineSpec();
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("allow_unsigned_extensions");
    }

    @Test
    void grainsComeFromDateTruncAndTimeBucket() {
        assertThat(spec().timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec().timeGrainSql(TimeGrain.FIVE_MINUTES, "ts")).isEqualTo("time_bucket(INTERVAL '5 minutes', ts)");
        assertThat(spec().timeGrainExpressions()).hasSize(TimeGrain.values().length);
    }

    @Test
    void literalsAreSqlStandardWithTimeZones() {
        assertThat(spec().datetimeLiteral(TemporalType.TIME, LocalTime.of(3, 4, 5))).contains("TIME '03:04:05.000000'");
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, OffsetDateTime.of(2019, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2))))
                .contains("TIMESTAMP WITH TIME ZONE '2019-01-02 03:04:05.000000+02:00'");
        assertThat(spec().datetimeLiteral(TemporalType.DATE, LocalDate.of(2019, 1, 2))).contains("DATE '2019-01-02'");
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP, LocalDateTime.of(2019, 1, 2, 3, 4, 5))).contains("TIMESTAMP '2019-01-02 03:04:05.000000'");
    }

    @Test
    void servesDuckdbsMotherduckUrlsAsTheyAre() {
        assertThat(spec().limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec().urlPrefixes()).containsExactly("jdbc:duckdb:md:");
        assertThat(spec().driverUrl("jdbc:duckdb:md:my_db")).isEqualTo("jdbc:duckdb:md:my_db");
        assertThat(spec().driverArtifact()).hasValueSatisfying(artifact -> assertThat(artifact.bundled()).isFalse());
    }
}
