package dev.dbspec.plugin.exasol;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.DriverOptionRules;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.Map;
import java.util.Optional;
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
public final class ExasolEngineSpec extends DeclaredEngineSpec {
    /** {@code TRUNC}'s format per unit: {@code 'IW'} is the ISO week. */
    private static final Map<TimeGrain, String> CODES = Map.of(TimeGrain.SECOND, "SS", TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH",
            TimeGrain.DAY, "DD", TimeGrain.WEEK, "IW", TimeGrain.MONTH, "MM", TimeGrain.QUARTER, "Q", TimeGrain.YEAR, "YYYY");

    /** Truncates to {@code outer}, then adds whole steps of {@code field} ({@code EXTRACT} keeps fractions). */
    private static final TimeGrains.Stepper STEPPED = (outer, field, step, value) -> "ADD_" + field + "S(TRUNC(" + value + ", '"
            + CODES.get(outer) + "'), FLOOR(EXTRACT(" + field + " FROM " + value + ") / " + step + ") * " + step + ")";

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
            .refuseClassFromUrl("socketfactory")
            .refuse(DriverRefusals.CLASS_ARGUMENTS, "socketfactoryarg")
            .refuse("reads a Kerberos configuration of this host and logs in with its tickets, as this host", "kerberosconfig",
                    "kerberosgssconfig", "kerberosservicename", "kerberosrealm", "kerberoshostname", "kerberosusername")
            .build();

    public ExasolEngineSpec() {
        super(EngineFacts.builder(ExasolEngineSpec.class)
                .options(OPTIONS)
                .grains(TimeGrains.builder()
                        .truncate((unit, value) -> "TRUNC(" + value + ", '" + CODES.get(unit) + "')")
                        .stepped(STEPPED)
                        .shiftedWeeks((value, days) -> "ADD_DAYS(" + value + ", " + days + ")")
                        .build())
                // TIMESTAMP holds milliseconds (precision 3 by default); no TIME and no zoned literal.
                .literals(DatetimeLiterals.typed(3, TemporalType.DATE, TemporalType.TIMESTAMP))
                .epochSeconds("ADD_SECONDS(TIMESTAMP '1970-01-01 00:00:00', {col})")
                .epochMillis(Optional.empty())
                // Exasol reports most compile errors as 42000, missing objects included, so wording comes first.
                .errors(ErrorPatterns.builder()
                        .message("authentication failed|Invalid username or password", ErrorCategory.BAD_CREDENTIALS)
                        .message("object .* not found|table .* not found", ErrorCategory.MISSING_TABLE)
                        .message("schema .* not found", ErrorCategory.UNKNOWN_DATABASE)
                        .message("insufficient privileges", ErrorCategory.PERMISSION)
                        .message("syntax error", ErrorCategory.SYNTAX)
                        .unreachableHost("Connection lost")
                        .message("timeout", ErrorCategory.TIMEOUT)
                        .then(ErrorPatterns.standard())
                        .build())
                .capabilities(Capability.CANCEL)
                .maxColumnNameLength(128)
                .build());
    }
}
