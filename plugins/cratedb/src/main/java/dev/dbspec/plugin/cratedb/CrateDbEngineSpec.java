package dev.dbspec.plugin.cratedb;

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
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.DriverOptionRules;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * CrateDB through crate-jdbc (a pgjdbc fork), spec only: PostgreSQL-like {@code DATE_TRUNC} (weeks start
 * on Monday, calendar quarters) for 10 of 21 grains; timestamps are epoch milliseconds at UTC.
 *
 * <p>Left out: the second/minute/hour steps and the Sunday and week-ending grains. They need
 * interval arithmetic on timestamps ({@code INTERVAL '5 seconds' * n}), which CrateDB releases do not
 * all accept, and {@code DATE_BIN}'s behaviour before its origin is not pinned down.
 */
@Extension
public final class CrateDbEngineSpec extends DeclaredEngineSpec {
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "DATE_TRUNC('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")")
            .build();

    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^(object|_?json)\\b", GenericType.JSON)
            .map("^(ip|geo_point|geo_shape|character)\\b", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("Schema '.*' unknown|SchemaUnknownException", ErrorCategory.UNKNOWN_DATABASE)
            .message("Relation '.*' unknown|RelationUnknown", ErrorCategory.MISSING_TABLE)
            .message("Missing '.*' privilege|MissingPrivilegeException", ErrorCategory.PERMISSION)
            .message("SQLParseException|mismatched input", ErrorCategory.SYNTAX)
            .message("JobKilledException", ErrorCategory.CANCELLED)
            .then(ErrorPatterns.standard())
            .build();

    /**
     * crate-jdbc 2.7.0's options ({@code CrateDriver.getPropertyInfo}, pgjdbc's fork, {@code ?a=b&c=d}): schema, TLS
     * with certificate checks (root and client certificate files inside the files directory), timeouts, fetch size,
     * application name. pgjdbc's class-instantiating options survive in its fork and are refused, with the
     * arguments passed to them, its log file and its Kerberos/JAAS logins (this host's own tickets).
     */
    private static final String NO_CERTIFICATE_CHECK =
            "it encrypts without checking the server's certificate, so anyone between this server and CrateDB could read the password";

    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.text(128), "schema", "currentSchema", "ApplicationName")
            .allow("ssl", OptionRule.bool())
            .allow("sslmode", DriverOptionRules.oneOfRefusing(Map.of(
                    "allow", NO_CERTIFICATE_CHECK, "prefer", NO_CERTIFICATE_CHECK, "require", NO_CERTIFICATE_CHECK),
                    "disable", "verify-ca", "verify-full"))
            .allow(OptionRule.localPath(), "sslrootcert", "sslcert", "sslkey")
            .secret("sslpassword")
            .allow(OptionRule.integer(0, 3600), "loginTimeout", "connectTimeout", "socketTimeout", "cancelSignalTimeout")
            .allow(OptionRule.bool(), "tcpKeepAlive", "readOnly", "binaryTransfer", "loadBalanceHosts", "logUnclosedConnections",
                    "disableColumnSanitiser", "reWriteBatchedInserts", "allowEncodingChanges")
            .allow("defaultRowFetchSize", OptionRule.integer(0, 1_000_000))
            .allow("prepareThreshold", OptionRule.integer(-1, 1_000))
            .allow("hostRecheckSeconds", OptionRule.integer(0, 86_400))
            .allow(OptionRule.integer(0, 16_777_216), "receiveBufferSize", "sendBufferSize")
            .allow("targetServerType", OptionRule.oneOf("any", "master", "slave", "secondary", "preferSlave", "preferSecondary"))
            .allow("preferQueryMode", OptionRule.oneOf("extended", "extendedForPrepared", "extendedCacheEverything", "simple"))
            .allow("stringtype", OptionRule.oneOf("unspecified", "varchar"))
            .allow("protocolVersion", OptionRule.oneOf("3"))
            .refuseClassFromUrl("socketFactory", "sslfactory", "sslhostnameverifier",
                    "sslpasswordcallback")
            .refuse(DriverRefusals.CLASS_ARGUMENTS, "socketFactoryArg", "sslfactoryarg")
            .refuse("makes the driver write its log to a file on the server's local file system", "loggerFile")
            .refuse("logs in with this host's own Kerberos or JAAS credentials, authenticating as this host", "jaasLogin",
                    "jaasApplicationName", "kerberosServerName", "useSpnego", "gsslib", "sspiServiceClass")
            .build();

    public CrateDbEngineSpec() {
        super(EngineFacts.builder(CrateDbEngineSpec.class)
                .options(OPTIONS)
                .sqlFamily(SqlFamily.POSTGRESQL)
                .quoting(IdentifierQuoting.DOUBLE_QUOTES_LOWER)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                // Milliseconds; CrateDB's only time-of-day type is zoned, so there is no TIME literal.
                .literals(DatetimeLiterals.casts(0, TemporalType.DATE).toBuilder()
                        .add(TemporalType.TIMESTAMP, "CAST('{value}' AS TIMESTAMP WITHOUT TIME ZONE)", "yyyy-MM-dd'T'HH:mm:ss.SSS")
                        .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS TIMESTAMP WITH TIME ZONE)", "yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
                        .build())
                // A number cast to a timestamp is read as epoch milliseconds.
                .epochSeconds("CAST({col} * 1000 AS TIMESTAMP WITHOUT TIME ZONE)")
                .epochMillis(Optional.of("CAST({col} AS TIMESTAMP WITHOUT TIME ZONE)"))
                .errors(ERRORS)
                .build());
    }
}
