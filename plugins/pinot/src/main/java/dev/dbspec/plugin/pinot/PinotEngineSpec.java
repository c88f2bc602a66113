package dev.dbspec.plugin.pinot;

import static java.util.Map.entry;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Apache Pinot through pinot-jdbc-client, spec only: no joins, subqueries or SELECT aliases (Superset's
 * flags for the single-stage engine), timestamps as epoch milliseconds.
 *
 * <p>Grains are {@code DATETRUNC}'s calendar units (ISO chronology in UTC: weeks start on Monday,
 * quarters are calendar quarters), cast back to {@code TIMESTAMP}: 10 of 21. Left out: the 5/30-second,
 * 5 to 30-minute and 6-hour steps (Superset's {@code ROUND(ms, 300000)} floors epoch milliseconds, which
 * truncates toward zero before 1970) and the Sunday and week-ending grains, which need day arithmetic on
 * {@code TIMESTAMP} values whose typing differs between Pinot's query engines.
 */
@Extension
public final class PinotEngineSpec implements EngineSpec {
    private static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, trunc("SECOND")),
            entry(TimeGrain.MINUTE, trunc("MINUTE")),
            entry(TimeGrain.HOUR, trunc("HOUR")),
            entry(TimeGrain.DAY, trunc("DAY")),
            entry(TimeGrain.WEEK, trunc("WEEK")),
            entry(TimeGrain.WEEK_STARTING_MONDAY, trunc("WEEK")),
            entry(TimeGrain.MONTH, trunc("MONTH")),
            entry(TimeGrain.QUARTER, trunc("QUARTER")),
            entry(TimeGrain.QUARTER_YEAR, trunc("QUARTER")),
            entry(TimeGrain.YEAR, trunc("YEAR")));

    /** Pinot's only temporal type is TIMESTAMP (epoch milliseconds). */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.TIMESTAMP, "CAST('{value}' AS TIMESTAMP)", "yyyy-MM-dd HH:mm:ss.SSS")
            .build();

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("TableDoesNotExistError|BrokerResourceMissingError|Unknown table", ErrorCategory.MISSING_TABLE)
            .message("SQLParsingError|QueryValidationError", ErrorCategory.SYNTAX)
            .message("HTTP 401|Unauthorized", ErrorCategory.BAD_CREDENTIALS)
            .message("HTTP 403|Forbidden|Permission denied", ErrorCategory.PERMISSION)
            .message("ExecutionTimeoutError|BrokerTimeoutError", ErrorCategory.TIMEOUT)
            .message("Connection refused|UnknownHostException", ErrorCategory.UNREACHABLE_HOST)
            .then(ErrorPatterns.standard())
            .build();

    private static String trunc(String unit) {
        return "CAST(DATETRUNC('" + unit + "', {col}) AS TIMESTAMP)";
    }

    @Override
    public String id() {
        return "pinot";
    }

    @Override
    public String displayName() {
        return "Apache Pinot";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:pinot:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:pinot://{host}:{port}";
    }

    /** The controller, which tells the driver where the brokers are. */
    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(9000);
    }

    @Override
    public String driverClassName() {
        return "org.apache.pinot.client.PinotDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.apache.pinot:pinot-jdbc-client:1.2.0", "Apache-2.0", false));
    }

    @Override
    public IdentifierQuoting identifierQuoting() {
        return new IdentifierQuoting("\"", "\"", IdentifierQuoting.IdentifierCase.AS_IS);
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    @Override
    public DatetimeLiterals datetimeLiterals() {
        return LITERALS;
    }

    /** A number cast to TIMESTAMP is read as epoch milliseconds. */
    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("CAST({col} * 1000 AS TIMESTAMP)");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.of("CAST({col} AS TIMESTAMP)");
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ERRORS;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.removeAll(Set.of(Capability.JOINS, Capability.SUBQUERIES, Capability.ALIAS_IN_SELECT,
                Capability.ALIAS_IN_ORDER_BY, Capability.FILE_UPLOAD));
        return capabilities;
    }
}
