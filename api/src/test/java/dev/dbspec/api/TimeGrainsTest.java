package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeGrainsTest {
    private static final TimeGrains.Truncation DATE_TRUNC =
            (unit, value) -> "DATE_TRUNC('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")";

    @Test
    void primitivesYieldAllGrainsWithTheAliasesDerived() {
        Map<TimeGrain, String> grains = TimeGrains.builder()
                .truncate(DATE_TRUNC)
                .stepped((within, field, step, value) -> within + "/" + field + "/" + step + "(" + value + ")")
                .shiftedWeeks((value, days) -> "ADD(" + value + ", " + days + ")")
                .build();

        assertThat(grains).hasSize(TimeGrain.values().length);
        assertThat(grains.get(TimeGrain.HALF_HOUR)).isEqualTo(grains.get(TimeGrain.THIRTY_MINUTES)).isEqualTo("HOUR/MINUTE/30({col})");
        assertThat(grains.get(TimeGrain.QUARTER_YEAR)).isEqualTo(grains.get(TimeGrain.QUARTER)).isEqualTo("DATE_TRUNC('quarter', {col})");
        assertThat(grains.get(TimeGrain.WEEK_STARTING_MONDAY)).isEqualTo(grains.get(TimeGrain.WEEK));
        assertThat(grains.get(TimeGrain.SIX_HOURS)).isEqualTo("DAY/HOUR/6({col})");
        assertThat(grains.get(TimeGrain.FIVE_SECONDS)).isEqualTo("MINUTE/SECOND/5({col})");
        assertThat(grains.get(TimeGrain.WEEK_STARTING_SUNDAY)).isEqualTo("ADD(DATE_TRUNC('week', ADD({col}, 1)), -1)");
        assertThat(grains.get(TimeGrain.WEEK_ENDING_SATURDAY)).isEqualTo("ADD(DATE_TRUNC('week', ADD({col}, 1)), 5)");
        assertThat(grains.get(TimeGrain.WEEK_ENDING_SUNDAY)).isEqualTo("ADD(DATE_TRUNC('week', {col}), 6)");
    }

    @Test
    void valueIsWhatThePrimitivesApplyTo() {
        Map<TimeGrain, String> grains = TimeGrains.builder().value("CAST({col} AS TIMESTAMP)").truncate(DATE_TRUNC, TimeGrain.DAY).build();
        assertThat(grains).containsExactly(Map.entry(TimeGrain.DAY, "DATE_TRUNC('day', CAST({col} AS TIMESTAMP))"));
    }

    @Test
    void weekdayArithmeticForIsoAndZeroBasedMondays() {
        TimeGrains.DayOffset add = (day, days) -> "ADD(" + day + ", " + days + ")";
        TimeGrains.Modulo mod = (left, right) -> "MOD(" + left + ", " + right + ")";
        Map<TimeGrain, String> iso = TimeGrains.builder().weekdayWeeks("D({col})", "ISO({col})", 1, add, mod).build();
        assertThat(iso.get(TimeGrain.WEEK)).isEqualTo("ADD(D({col}), 1 - ISO({col}))");
        assertThat(iso.get(TimeGrain.WEEK_STARTING_SUNDAY)).isEqualTo("ADD(D({col}), -MOD(ISO({col}), 7))");
        assertThat(iso.get(TimeGrain.WEEK_ENDING_SATURDAY)).isEqualTo("ADD(D({col}), MOD(13 - ISO({col}), 7))");
        assertThat(iso.get(TimeGrain.WEEK_ENDING_SUNDAY)).isEqualTo("ADD(D({col}), 7 - ISO({col}))");
        Map<TimeGrain, String> zero = TimeGrains.builder().weekdayWeeks("D({col})", "W({col})", 0, add, mod).build();
        assertThat(zero.get(TimeGrain.WEEK)).isEqualTo("ADD(D({col}), -W({col}))");
        assertThat(zero.get(TimeGrain.WEEK_STARTING_SUNDAY)).isEqualTo("ADD(D({col}), -MOD(W({col}) + 1, 7))");
        assertThat(zero.get(TimeGrain.WEEK_ENDING_SATURDAY)).isEqualTo("ADD(D({col}), MOD(12 - W({col}), 7))");
        assertThat(zero.get(TimeGrain.WEEK_ENDING_SUNDAY)).isEqualTo("ADD(D({col}), 6 - W({col}))");
        assertThatThrownBy(() -> TimeGrains.builder().weekdayWeeks("D", "W", 2, add, mod)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aliasesCannotBeDeclaredAndTemplatesMustNameTheColumn() {
        assertThatThrownBy(() -> TimeGrains.builder().grain(TimeGrain.HALF_HOUR, "x({col})"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("derived from THIRTY_MINUTES");
        assertThatThrownBy(() -> TimeGrains.builder().grain(TimeGrain.DAY, "CURRENT_DATE"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{col}");
        assertThatThrownBy(() -> TimeGrains.builder().truncate(DATE_TRUNC, TimeGrain.FIVE_MINUTES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeGrains.builder().shiftedWeeks((value, days) -> value)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void laterStepsReplaceAndWithoutDropsAliasesToo() {
        Map<TimeGrain, String> grains = TimeGrains.builder().truncate(DATE_TRUNC)
                .grain(TimeGrain.WEEK, "W({col})").without(TimeGrain.QUARTER_YEAR).build();
        assertThat(grains.get(TimeGrain.WEEK_STARTING_MONDAY)).isEqualTo("W({col})");
        assertThat(grains).doesNotContainKeys(TimeGrain.QUARTER, TimeGrain.QUARTER_YEAR);
    }

    @Test
    void declaredSpecKeepsTheDefaultsOfWhatIsNotDeclared() {
        EngineSpec spec = new DeclaredEngineSpec(EngineFacts.builder("x", "X").url("jdbc:x:{database}", "jdbc:x:")
                .driver("x.Driver", new DriverArtifact("g:a:1", "Apache-2.0", false)).epochSeconds("S({col})")
                .withoutCapabilities(Capability.JOINS).capabilities(Capability.CANCEL).build()) {
        };
        assertThat(spec.epochMillisToDatetime()).contains("S(({col} / 1000.0))");
        assertThat(spec.datetimeLiterals()).isSameAs(DatetimeLiterals.ansi());
        assertThat(spec.errorPatterns()).isSameAs(ErrorPatterns.standard());
        assertThat(spec.connectionOptions()).isSameAs(ConnectionOptions.none());
        assertThat(spec.capabilities()).contains(Capability.CANCEL).doesNotContain(Capability.JOINS);
        assertThat(spec.defaultPort()).isEmpty();
        assertThat(spec.serverUrlTemplate()).isEmpty();
        EngineSpec noMillis = new DeclaredEngineSpec(EngineFacts.builder("y", "Y").url("jdbc:y:", "jdbc:y:")
                .serverUrl("jdbc:y://{host}:{port}/{database}")
                .driver("y.Driver", new DriverArtifact("g:a:1", "Apache-2.0", false)).epochSeconds("S({col})").epochMillis(Optional.empty()).build()) {
        };
        assertThat(noMillis.epochMillisToDatetime()).isEmpty();
        assertThat(noMillis.serverUrlTemplate()).contains("jdbc:y://{host}:{port}/{database}");
        assertThatThrownBy(() -> EngineFacts.builder("z", "Z").url("jdbc:z:").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typedLiteralsDeclareTheSharedShapeOnce() {
        java.time.LocalDateTime value = java.time.LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_789);
        DatetimeLiterals millis = DatetimeLiterals.typed(3, TemporalType.DATE, TemporalType.TIMESTAMP);
        assertThat(millis.render(TemporalType.TIMESTAMP, value)).contains("TIMESTAMP '2024-02-29 13:14:15.123'");
        assertThat(millis.render(TemporalType.DATE, value)).contains("DATE '2024-02-29'");
        assertThat(millis.supports(TemporalType.TIME)).isFalse();
        assertThat(DatetimeLiterals.typed(0).render(TemporalType.TIME, value)).contains("TIME '13:14:15'");
        assertThat(DatetimeLiterals.ansi().render(TemporalType.TIMESTAMP_WITH_TIME_ZONE, value))
                .contains("TIMESTAMP WITH TIME ZONE '2024-02-29 13:14:15.123456+00:00'");
        assertThatThrownBy(() -> DatetimeLiterals.typed(10)).isInstanceOf(IllegalArgumentException.class);
    }
}
