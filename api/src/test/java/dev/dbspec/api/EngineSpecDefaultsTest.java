package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineSpecDefaultsTest {
    /** A minimal spec: only the abstract methods. */
    static final class MinimalSpec implements EngineSpec {
        @Override public String id() { return "minimal"; }
        @Override public String displayName() { return "Minimal"; }
        @Override public List<String> urlPrefixes() { return List.of("jdbc:minimal:"); }
        @Override public String urlTemplate() { return "jdbc:minimal:{database}"; }
        @Override public String driverClassName() { return "com.example.NoSuchDriver"; }
        @Override public Map<TimeGrain, String> timeGrainExpressions() {
            return Map.of(TimeGrain.DAY, "TRUNC({col})");
        }
        @Override public Map<String, String> forbiddenUrlOptions() {
            return Map.of("init", "runs SQL when connecting");
        }
        @Override public Optional<String> epochSecondsToDatetime() {
            return Optional.of("FROM_EPOCH({col})");
        }
    }

    private final EngineSpec spec = new MinimalSpec();

    @Test
    void defaultsDescribeAPlainEngine() {
        assertThat(spec.limitMethod()).isEqualTo(LimitMethod.FORCE_LIMIT);
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.capabilities()).contains(Capability.JOINS, Capability.SUBQUERIES).doesNotContain(Capability.CANCEL);
        assertThat(spec.aliases()).isEmpty();
        assertThat(spec.defaultPort()).isEmpty();
    }

    @Test
    void grainSqlSubstitutesTheColumn() {
        assertThat(spec.timeGrainSql(TimeGrain.DAY, "\"ts\"")).isEqualTo("TRUNC(\"ts\")");
        assertThatThrownBy(() -> spec.timeGrainSql(TimeGrain.HOUR, "ts"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimal").hasMessageContaining("PT1H");
    }

    @Test
    void ansiLiteralsForEveryTemporalType() {
        LocalDateTime t = LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_900_000);
        assertThat(spec.datetimeLiteral(TemporalType.DATE, LocalDate.of(2019, 1, 2))).contains("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, LocalTime.of(3, 4, 5, 678_900_000))).contains("TIME '03:04:05.678900'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, t)).contains("TIMESTAMP '2019-01-02 03:04:05.678900'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, OffsetDateTime.of(t, ZoneOffset.ofHours(2))))
                .contains("TIMESTAMP WITH TIME ZONE '2019-01-02 03:04:05.678900+02:00'");
    }

    @Test
    void literalsAreData() {
        DatetimeLiterals sqlite = DatetimeLiterals.builder().add(TemporalType.TIMESTAMP, "'{value}'", "yyyy-MM-dd HH:mm:ss").build();
        assertThat(sqlite.supports(TemporalType.DATE)).isFalse();
        assertThat(sqlite.render(TemporalType.DATE, LocalDate.EPOCH)).isEmpty();
        assertThat(sqlite.render(TemporalType.TIMESTAMP, LocalDateTime.of(2000, 1, 1, 0, 0))).contains("'2000-01-01 00:00:00'");
        assertThatThrownBy(() -> DatetimeLiterals.builder().add(TemporalType.DATE, "DATE", "yyyy")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalsByNativeTypeName() {
        LocalDateTime t = LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_900_000);
        assertThat(spec.datetimeLiteral("Date", t)).contains("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral("TimeStamp", t)).contains("TIMESTAMP '2019-01-02 03:04:05.678900'");
        assertThat(spec.datetimeLiteral("DATETIME", t)).contains("TIMESTAMP '2019-01-02 03:04:05.678900'");
        assertThat(spec.datetimeLiteral("timestamp with time zone", OffsetDateTime.of(t, ZoneOffset.UTC)))
                .contains("TIMESTAMP WITH TIME ZONE '2019-01-02 03:04:05.678900+00:00'");
        assertThat(spec.datetimeLiteral("UnknownType", t)).isEmpty();
        assertThat(spec.datetimeLiteral("VARCHAR", t)).isEmpty();
        DatetimeLiterals mssql = DatetimeLiterals.builder()
                .nativeType("^smalldatetime$", "CONVERT(SMALLDATETIME, '{value}', 20)", "yyyy-MM-dd HH:mm:ss")
                .add(TemporalType.TIMESTAMP, "CONVERT(DATETIME, '{value}', 126)", "yyyy-MM-dd'T'HH:mm:ss.SSS")
                .build();
        assertThat(mssql.renderForNativeType("SmallDateTime", t, ColumnTypes.defaults())).contains("CONVERT(SMALLDATETIME, '2019-01-02 03:04:05', 20)");
        assertThat(mssql.renderForNativeType("datetime", t, ColumnTypes.defaults())).contains("CONVERT(DATETIME, '2019-01-02T03:04:05.678', 126)");
    }

    @Test
    void epochMillisDefaultsToTheSecondsTemplateOverFractionalSeconds() {
        assertThat(spec.epochMillisToDatetime()).contains("FROM_EPOCH((x / 1000.0))".replace("x", "{col}"));
    }

    @Test
    void aSpecWithoutAnAllowListAcceptsNoOptionAtAll() {
        spec.checkUrl("jdbc:minimal:mem:x");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:minimal:mem:x;MODE=PostgreSQL"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("options are given as properties only");
        assertThatThrownBy(() -> spec.checkConnectionProperties(List.of("MODE")))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("allow-list");
        assertThatThrownBy(() -> spec.checkConnectionProperties(List.of("Init")))
                .isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e).hasMessageContaining("runs SQL"));
        spec.checkConnectionProperties(List.of("user", "PASSWORD"));
    }

    @Test
    void missingDriverIsATypedSqlError() {
        assertThatThrownBy(spec::loadDriver).isInstanceOf(SQLException.class)
                .hasMessageContaining("minimal").hasMessageContaining("com.example.NoSuchDriver");
    }

    @Test
    void quotingDoublesTheClosingQuote() {
        assertThat(IdentifierQuoting.ANSI.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(IdentifierQuoting.BRACKETS.quote("x]y")).isEqualTo("[x]]y]");
        assertThat(IdentifierQuoting.DOUBLE_QUOTES_LOWER.normalizeUnquoted("Orders")).isEqualTo("orders");
    }

    // ---- metadata ----

    @Test
    void selectStarQuotesEveryNameTheEnginesWay() {
        TableName table = new TableName(Optional.of("db"), Optional.of("sch\"ema"), "t");
        assertThat(spec.selectStar(table, List.of("a", "b\"c"), 100)).isEqualTo("SELECT \"a\", \"b\"\"c\" FROM \"db\".\"sch\"\"ema\".\"t\"");
        assertThat(spec.selectStar(TableName.of(null, "t"), List.of(), 10)).isEqualTo("SELECT * FROM \"t\"");
        assertThat(JdbcMetadata.selectStar(IdentifierQuoting.BACKTICKS, TableName.of("s", "x`y"), List.of("id"))).isEqualTo("SELECT `id` FROM `s`.`x``y`");
    }

    @Test
    void metadataValuesRefuseMissingParts() {
        assertThatThrownBy(() -> new TableName(Optional.empty(), Optional.empty(), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("name is null");
        IndexInfo index = new IndexInfo("i", new java.util.ArrayList<>(List.of("a")), true);
        assertThatThrownBy(() -> index.columns().add("b")).as("values are immutable").isInstanceOf(UnsupportedOperationException.class);
    }
}
