package dev.dbspec.plugin.elasticsearch;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Elasticsearch SQL through the x-pack JDBC driver, spec only: no joins, no CTEs, no comments (the SQL
 * endpoint rejects them), datetimes at UTC.
 *
 * <p>All 21 grains: {@code DATE_TRUNC} (weeks start on Monday, calendar quarters) and steps subtracted
 * with {@code DATE_ADD} and the {@code *_OF_*} field functions ({@code ISO_DAY_OF_WEEK}: 1 = Monday).
 * {@code HISTOGRAM} is not used: it is a grouping function, valid only in {@code GROUP BY}.
 */
@Extension
public final class ElasticsearchEngineSpec extends DeclaredEngineSpec {
    private static final String DAY = "DATE_TRUNC('day', {col})";
    private static final String ISO_DAY = "ISO_DAY_OF_WEEK({col})";

    /**
     * Steps subtract the field modulo the step ({@code SECOND_OF_MINUTE}...); weeks are day arithmetic on the ISO day of
     * week, with {@code %} parenthesised so that a sign or a subtraction binds as written.
     */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .stepped((within, field, step, value) -> {
                String unit = field.name().toLowerCase(Locale.ROOT);
                return "DATE_ADD('" + unit + "', -(" + field + "_OF_" + within + "(" + value + ") % " + step + "), DATE_TRUNC('" + unit + "', " + value + "))";
            })
            .weekdayWeeks(DAY, ISO_DAY, 1, (day, days) -> "DATE_ADD('day', " + days + ", " + day + ")",
                    TimeGrains.percentOperator())
            // DATE_TRUNC to the ISO week replaces the arithmetic WEEK
            .truncate((unit, value) -> "DATE_TRUNC('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")")
            .build();

    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^(keyword|constant_keyword|wildcard|ip|version)$", GenericType.STRING)
            .map("^(byte|short|long|unsigned_long)$", GenericType.INTEGER)
            .map("^(half_float|scaled_float)$", GenericType.FLOAT)
            .map("^(datetime|date_nanos)$", GenericType.TIMESTAMP)
            .map("^(object|nested)$", GenericType.JSON)
            .then(ColumnTypes.defaults())
            .build();

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("unable to authenticate|security_exception.*authenticat", ErrorCategory.BAD_CREDENTIALS)
            .message("is unauthorized for|action \\[.*\\] is unauthorized", ErrorCategory.PERMISSION)
            .message("Unknown index|index_not_found_exception", ErrorCategory.MISSING_TABLE)
            .message("ParsingException|mismatched input|extraneous input", ErrorCategory.SYNTAX)
            .unreachableHost("Cannot communicate with")
            .message("timed out|Timeout", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    /**
     * x-pack-sql-jdbc 8.15.0's options ({@code EsDriver.getPropertyInfo}, {@code ?a=b&c=d}): TLS and its protocol,
     * catalog, time zone, timeouts in milliseconds, paging, result leniency. Refused: key and trust stores read from
     * the local file system, and the debug log (to the console or a local file).
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("ssl", OptionRule.bool())
            .allow("ssl.protocol", OptionRule.oneOf("TLSv1.2", "TLSv1.3"))
            .allow(OptionRule.text(128), "catalog", "timezone")
            .allow(OptionRule.integer(0, 86_400_000), "connect.timeout", "network.timeout", "page.timeout", "query.timeout")
            .allow("page.size", OptionRule.integer(1, 100_000))
            .allow(OptionRule.bool(), "allow.partial.search.results", "binary.format", "field.multi.value.leniency",
                    "index.include.frozen", "validate.properties")
            .refuse("makes the driver write its debug log to a local file", "debug.output")
            .refuse("makes the driver write a debug log of its traffic on this server (the console or a local file)", "debug",
                    "debug.flushAlways")
            .refuse("reads key material from the server's local file system", "ssl.keystore.location", "ssl.truststore.location")
            .build();

    public ElasticsearchEngineSpec() {
        super(EngineFacts.builder(ElasticsearchEngineSpec.class)
                .options(OPTIONS)
                // Double quotes; index and field names are case-sensitive.
                .quoting(IdentifierQuoting.DOUBLE_QUOTES)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                // Datetimes are instants rendered at UTC: a naive value is written as that UTC instant.
                .literals(DatetimeLiterals.casts(3, TemporalType.DATE, TemporalType.TIME).toBuilder()
                        .add(TemporalType.TIMESTAMP, "CAST('{value}Z' AS DATETIME)", "yyyy-MM-dd'T'HH:mm:ss.SSS")
                        .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS DATETIME)", "yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
                        .build())
                // A number cast to DATETIME is read as epoch milliseconds.
                .epochSeconds("CAST({col} * 1000 AS DATETIME)")
                .epochMillis(Optional.of("CAST({col} AS DATETIME)"))
                .errors(ERRORS)
                // Read-only SQL over indices: no joins, CTEs, comments or uploads.
                .withoutCapabilities(Capability.JOINS, Capability.CTE_IN_SUBQUERY, Capability.SQL_COMMENTS)
                .build());
    }
}
