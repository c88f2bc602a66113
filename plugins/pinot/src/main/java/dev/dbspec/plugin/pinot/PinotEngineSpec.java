package dev.dbspec.plugin.pinot;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
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
public final class PinotEngineSpec extends DeclaredEngineSpec {
    /** {@code host:port,host:port}, as the brokers option lists them. */
    private static final Pattern BROKERS = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?:[0-9]{1,5}(?:,[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?:[0-9]{1,5})*");
    private static final String INSTALLS = " and installs it as the default TLS socket factory of the whole server process";

    /**
     * pinot-jdbc-client 1.2.0 ({@code PinotDriver}, {@code DriverUtils}): URL query parameters and properties;
     * {@code headers.NAME} become HTTP headers (only Authorization is allowed, as a secret); {@code pinot.jdbc.tls.*}
     * configure TLS for the whole JVM.
     */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("brokers", OptionRule.of("host:port pairs separated by commas", "broker.example.com:8099",
                    (value, context) -> BROKERS.matcher(value).matches() ? Optional.empty() : Optional.of("must be host:port pairs separated by commas")))
            .allow("tenant", OptionRule.text(128))
            .allow("scheme", OptionRule.oneOf("http", "https"))
            .allow(OptionRule.bool(), "useMultistageEngine", "enableNullHandling")
            .secret("headers.Authorization")
            .refuse("makes the driver read a key store from a local file or a URL" + INSTALLS, "pinot.jdbc.tls.keystore.path",
                    "pinot.jdbc.tls.truststore.path")
            .refuse("switches off verification of TLS certificates" + INSTALLS, "pinot.jdbc.tls.insecure")
            .build();

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "CAST(DATETRUNC('" + unit.name() + "', " + value + ") AS TIMESTAMP)")
            .build();

    /** Pinot's only temporal type is TIMESTAMP (epoch milliseconds). */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.casts(3, TemporalType.TIMESTAMP);

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("TableDoesNotExistError|BrokerResourceMissingError|Unknown table", ErrorCategory.MISSING_TABLE)
            .message("SQLParsingError|QueryValidationError", ErrorCategory.SYNTAX)
            .message("HTTP 401|Unauthorized", ErrorCategory.BAD_CREDENTIALS)
            .message("HTTP 403|Forbidden|Permission denied", ErrorCategory.PERMISSION)
            .message("ExecutionTimeoutError|BrokerTimeoutError", ErrorCategory.TIMEOUT)
            .unreachableHost()
            .then(ErrorPatterns.standard())
            .build();

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.removeAll(Set.of(Capability.JOINS, Capability.SUBQUERIES, Capability.ALIAS_IN_SELECT,
                Capability.ALIAS_IN_ORDER_BY));
        return capabilities;
    }

    public PinotEngineSpec() {
        super(EngineFacts.builder(PinotEngineSpec.class)
                .options(OPTIONS)
                .quoting(IdentifierQuoting.DOUBLE_QUOTES)
                .grains(GRAINS)
                .literals(LITERALS)
                // A number cast to TIMESTAMP is read as epoch milliseconds.
                .epochSeconds("CAST({col} * 1000 AS TIMESTAMP)")
                .epochMillis(Optional.of("CAST({col} AS TIMESTAMP)"))
                .errors(ERRORS)
                .build());
    }
}
