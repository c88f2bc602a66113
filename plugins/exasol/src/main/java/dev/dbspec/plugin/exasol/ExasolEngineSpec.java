package dev.dbspec.plugin.exasol;

import static java.util.Map.entry;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.DriverOptionRules;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Exasol through its JDBC driver, spec only: all 21 grains from {@code TRUNC(ts, fmt)} (which keeps the
 * timestamp type) with {@code 'IW'} ISO weeks and {@code ADD_*} steps, millisecond literals, no TIME type.
 *
 * <p>Epoch seconds add to {@code TIMESTAMP '1970-01-01 00:00:00'} ({@code FROM_POSIX_TIME} answers in the
 * session time zone); there is no milliseconds template, since {@code ms / 1000} may become a DOUBLE
 * whose binary fraction {@code ADD_SECONDS} can cut a millisecond short.
 */
@Extension
public final class ExasolEngineSpec implements EngineSpec {
    private static final String NEXT_DAY_WEEK = "TRUNC(ADD_DAYS({col}, 1), 'IW')";

    private static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, "TRUNC({col}, 'SS')"),
            entry(TimeGrain.FIVE_SECONDS, stepped("ADD_SECONDS", "MI", "SECOND", 5)),
            entry(TimeGrain.THIRTY_SECONDS, stepped("ADD_SECONDS", "MI", "SECOND", 30)),
            entry(TimeGrain.MINUTE, "TRUNC({col}, 'MI')"),
            entry(TimeGrain.FIVE_MINUTES, stepped("ADD_MINUTES", "HH", "MINUTE", 5)),
            entry(TimeGrain.TEN_MINUTES, stepped("ADD_MINUTES", "HH", "MINUTE", 10)),
            entry(TimeGrain.FIFTEEN_MINUTES, stepped("ADD_MINUTES", "HH", "MINUTE", 15)),
            entry(TimeGrain.THIRTY_MINUTES, stepped("ADD_MINUTES", "HH", "MINUTE", 30)),
            entry(TimeGrain.HALF_HOUR, stepped("ADD_MINUTES", "HH", "MINUTE", 30)),
            entry(TimeGrain.HOUR, "TRUNC({col}, 'HH')"),
            entry(TimeGrain.SIX_HOURS, stepped("ADD_HOURS", "DD", "HOUR", 6)),
            entry(TimeGrain.DAY, "TRUNC({col}, 'DD')"),
            entry(TimeGrain.WEEK, "TRUNC({col}, 'IW')"),
            entry(TimeGrain.WEEK_STARTING_MONDAY, "TRUNC({col}, 'IW')"),
            entry(TimeGrain.WEEK_STARTING_SUNDAY, "ADD_DAYS(" + NEXT_DAY_WEEK + ", -1)"),
            entry(TimeGrain.WEEK_ENDING_SATURDAY, "ADD_DAYS(" + NEXT_DAY_WEEK + ", 5)"),
            entry(TimeGrain.WEEK_ENDING_SUNDAY, "ADD_DAYS(TRUNC({col}, 'IW'), 6)"),
            entry(TimeGrain.MONTH, "TRUNC({col}, 'MM')"),
            entry(TimeGrain.QUARTER, "TRUNC({col}, 'Q')"),
            entry(TimeGrain.QUARTER_YEAR, "TRUNC({col}, 'Q')"),
            entry(TimeGrain.YEAR, "TRUNC({col}, 'YYYY')"));

    /** TIMESTAMP holds milliseconds (precision 3 by default); no TIME and no zoned literal. */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "DATE '{value}'", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss.SSS")
            .build();

    /** Exasol reports most compile errors as 42000, missing objects included, so wording comes first. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("authentication failed|Invalid username or password", ErrorCategory.BAD_CREDENTIALS)
            .message("object .* not found|table .* not found", ErrorCategory.MISSING_TABLE)
            .message("schema .* not found", ErrorCategory.UNKNOWN_DATABASE)
            .message("insufficient privileges", ErrorCategory.PERMISSION)
            .message("syntax error", ErrorCategory.SYNTAX)
            .message("Connection refused|UnknownHostException|Connection lost", ErrorCategory.UNREACHABLE_HOST)
            .message("timeout", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    /** Truncates to {@code outer}, then adds whole steps of {@code field} ({@code EXTRACT} keeps fractions). */
    private static String stepped(String add, String outer, String field, int step) {
        return add + "(TRUNC({col}, '" + outer + "'), FLOOR(EXTRACT(" + field + " FROM {col}) / " + step + ") * " + step + ")";
    }

    @Override
    public String id() {
        return "exasol";
    }

    @Override
    public String displayName() {
        return "Exasol";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("exa");
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:exa:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:exa:{host}:{port};schema={database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(8563);
    }

    @Override
    public String driverClassName() {
        return "com.exasol.jdbc.EXADriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.exasol:exasol-jdbc:24.2.0", "Exasol proprietary licence", false));
    }

    /**
     * exasol-jdbc 24.2.0's options ({@code EXADriver.getPropertyInfo}), written {@code jdbc:exa:host:port;name=value;...},
     * the semicolon form the strict reader takes as it is: schema, encryption with certificate validation or a
     * pinned fingerprint (a trust store inside the files directory), timeouts, fetch size, client name. Refused:
     * log files, class-instantiating socket factories, this host's Kerberos identity, and switching certificate
     * validation off.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow(OptionRule.text(128), "schema", "clientname", "clientversion")
            .allow(OptionRule.text(256), "fingerprint")
            .allow(OptionRule.oneOf("0", "1"), "encryption", "autocommit", "snapshottransactions", "enablenumerictypeconversion")
            .allow("validateservercertificate", DriverOptionRules.oneOfRefusing(Map.of("0",
                    "it switches off certificate validation, so anyone between this server and Exasol could read the password"), "1"))
            .allow("keystore", OptionRule.localPath())
            .secret("keystorepassword")
            .allow("keystoretype", OptionRule.oneOf("JKS", "PKCS12"))
            .allow(OptionRule.integer(0, 86_400), "logintimeout", "querytimeout", "hosttimeout", "feedbackinterval")
            .allow("fetchsize", OptionRule.integer(1, 2_000_000))
            .refuse("makes the driver write log files into a directory of the server's local file system", "logdir", "debug")
            .refuse("makes the driver instantiate a class named in the URL", "socketfactory")
            .refuse("passes URL values to a class named in the URL", "socketfactoryarg")
            .refuse("reads a Kerberos configuration of this host and logs in with its tickets, as this host", "kerberosconfig",
                    "kerberosgssconfig", "kerberosservicename", "kerberosrealm", "kerberoshostname", "kerberosusername")
            .build();

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    @Override
    public DatetimeLiterals datetimeLiterals() {
        return LITERALS;
    }

    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("ADD_SECONDS(TIMESTAMP '1970-01-01 00:00:00', {col})");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.empty();
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ERRORS;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.CANCEL);
        return capabilities;
    }

    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(128);
    }
}
