package dev.dbspec.plugin.family;

import static java.util.Map.entry;

import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TimeGrain;
import java.util.Map;
import java.util.Properties;
import java.util.Optional;

/**
 * The PostgreSQL family (PostgreSQL, Redshift, Greenplum, CockroachDB, RisingWave...): all 21 grains
 * from {@code DATE_TRUNC} (ISO weeks) plus interval arithmetic, epoch via {@code TIMESTAMP 'epoch'},
 * SQL-standard literals, double quotes with lower-cased unquoted names, pgjdbc type names.
 */
public abstract class PostgresFamilySpec implements EngineSpec {
    /** The grain templates of PostgreSQL, exact for every {@link TimeGrain}. */
    public static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, "DATE_TRUNC('second', {col})"),
            entry(TimeGrain.FIVE_SECONDS, stepped("minute", "SECOND", "seconds", 5)),
            entry(TimeGrain.THIRTY_SECONDS, stepped("minute", "SECOND", "seconds", 30)),
            entry(TimeGrain.MINUTE, "DATE_TRUNC('minute', {col})"),
            entry(TimeGrain.FIVE_MINUTES, stepped("hour", "MINUTE", "minutes", 5)),
            entry(TimeGrain.TEN_MINUTES, stepped("hour", "MINUTE", "minutes", 10)),
            entry(TimeGrain.FIFTEEN_MINUTES, stepped("hour", "MINUTE", "minutes", 15)),
            entry(TimeGrain.THIRTY_MINUTES, stepped("hour", "MINUTE", "minutes", 30)),
            entry(TimeGrain.HALF_HOUR, stepped("hour", "MINUTE", "minutes", 30)),
            entry(TimeGrain.HOUR, "DATE_TRUNC('hour', {col})"),
            entry(TimeGrain.SIX_HOURS, stepped("day", "HOUR", "hours", 6)),
            entry(TimeGrain.DAY, "DATE_TRUNC('day', {col})"),
            entry(TimeGrain.WEEK, "DATE_TRUNC('week', {col})"),
            entry(TimeGrain.WEEK_STARTING_MONDAY, "DATE_TRUNC('week', {col})"),
            // Shift by a day so Sunday falls into the next ISO week, then shift the result back or forward.
            entry(TimeGrain.WEEK_STARTING_SUNDAY, "DATE_TRUNC('week', {col} + INTERVAL '1 day') - INTERVAL '1 day'"),
            entry(TimeGrain.WEEK_ENDING_SATURDAY, "DATE_TRUNC('week', {col} + INTERVAL '1 day') + INTERVAL '5 days'"),
            entry(TimeGrain.WEEK_ENDING_SUNDAY, "DATE_TRUNC('week', {col}) + INTERVAL '6 days'"),
            entry(TimeGrain.MONTH, "DATE_TRUNC('month', {col})"),
            entry(TimeGrain.QUARTER, "DATE_TRUNC('quarter', {col})"),
            entry(TimeGrain.QUARTER_YEAR, "DATE_TRUNC('quarter', {col})"),
            entry(TimeGrain.YEAR, "DATE_TRUNC('year', {col})"));

    /** pgjdbc reports internal type names: {@code bpchar} for CHAR(n), {@code int4}, {@code float8}... */
    public static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^bpchar\\b", GenericType.STRING)
            .map("^(inet|cidr|macaddr8?|xml|tsvector)$", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    /** Truncates to {@code outer}, then adds whole steps of {@code field} inside it. */
    private static String stepped(String outer, String field, String intervalUnit, int step) {
        return "DATE_TRUNC('" + outer + "', {col}) + INTERVAL '" + step + " " + intervalUnit + "' * FLOOR(EXTRACT("
                + field + " FROM {col}) / " + step + ")";
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("(TIMESTAMP 'epoch' + {col} * INTERVAL '1 second')");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.of("(TIMESTAMP 'epoch' + {col} * INTERVAL '1 millisecond')");
    }

    @Override
    public ColumnTypes columnTypes() {
        return COLUMN_TYPES;
    }

    @Override
    public String columnTypeFor(GenericType type) {
        return switch (type) {
            case BINARY -> "BYTEA";
            case STRING, OTHER -> "VARCHAR(255)";
            default -> EngineSpec.super.columnTypeFor(type);
        };
    }

    @Override
    public IdentifierQuoting identifierQuoting() {
        return IdentifierQuoting.DOUBLE_QUOTES_LOWER;
    }

    @Override
    public SqlFamily sqlFamily() {
        return SqlFamily.POSTGRESQL;
    }

    /** pgjdbc's allow-list ({@link PgjdbcOptions}); engines with another driver declare their own. */
    @Override
    public ConnectionOptions connectionOptions() {
        return PgjdbcOptions.OPTIONS;
    }

    /** With pgjdbc, what its own {@code Driver.parseURL} reads; with another driver, the strict parser. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        if (driverClassName().equals("org.postgresql.Driver")) {
            return PgjdbcOptions.read(this, driverUrl(jdbcUrl), properties);
        }
        return EngineSpec.super.driverOptions(jdbcUrl, properties);
    }
}
