package dev.dbspec.plugin.snowflake;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Snowflake through snowflake-jdbc, spec only: all 21 grains, literals parsed with explicit formats (so
 * session input formats do not matter), epochs through {@code TO_TIMESTAMP_NTZ(n, scale)}.
 *
 * <p>{@code DATE_TRUNC('WEEK', ...)} follows the {@code WEEK_START} session parameter (Sunday-based on
 * some accounts), so weeks are computed from {@code DAYOFWEEKISO} (1 = Monday, independent of it).
 */
@Extension
public final class SnowflakeEngineSpec extends DeclaredEngineSpec {
    private static final String HOST_FILES = "makes the driver read or write files of the server's local file system";

    /**
     * Unknown names are not only refused: Snowflake would pass them to the server as session parameters.
     * authenticator: snowflake (password), snowflake_jwt (key pair, the key given as private_key_base64), oauth and
     * programmatic_access_token (the token option), username_password_mfa; externalbrowser and Okta URLs are not allowed.
     */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.text(255), "account", "db", "database", "schema", "warehouse", "role", "application")
            .allow("authenticator", OptionRule.oneOf("snowflake", "snowflake_jwt", "oauth", "programmatic_access_token",
                    "username_password_mfa"))
            .allow("loginTimeout", OptionRule.integer(0, 600))
            .allow("networkTimeout", OptionRule.integer(0, 86_400_000))
            .allow("queryTimeout", OptionRule.integer(0, 86_400))
            .allow("maxHttpRetries", OptionRule.integer(0, 100))
            .allow(OptionRule.bool(), "passcodeInPassword", "ocspFailOpen", "allowUnderscoresInHost", "gzipDisabled")
            .secret("token", "passcode", "private_key_base64", "private_key_pwd")
            .refuse("reads a private key from the server's local file system", "private_key_file", "private_key_file_pwd")
            .refuse("makes the driver read a configuration file (and write logs where it says)", "client_config_file")
            .refuse(HOST_FILES + " (the host sets enablePutGet=false: PUT and GET copy files between this server and stages)",
                    "enablePutGet")
            .refuse(HOST_FILES + " (a diagnostics allow-list file)", "DIAGNOSTICS_ALLOWLIST_FILE", "ENABLE_DIAGNOSTICS")
            .refuse(HOST_FILES + " (a cache of tokens for this host's user)", "clientStoreTemporaryCredential", "clientRequestMfaToken")
            .refuse("switches on driver logging", "tracing")
            .refuse("switches off the certificate revocation (OCSP) checks of the TLS connection, so a revoked certificate is"
                    + " trusted", "insecureMode", "disableOCSPChecks")
            .refuse("switches off the check that the SAML identity provider's URL belongs to the account", "disableSamlURLCheck")
            .build();

    /** Steps add whole steps of the field to the enclosing unit; weeks are day arithmetic on the ISO day of week. */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "DATE_TRUNC('" + unit.name() + "', " + value + ")")
            .stepped((within, field, step, value) -> "DATEADD(" + field + ", FLOOR(DATE_PART(" + field + ", " + value + ") / " + step + ") * "
                    + step + ", DATE_TRUNC('" + within + "', " + value + "))")
            .weekdayWeeks("DATE_TRUNC('DAY', {col})", "DAYOFWEEKISO({col})", 1, (day, days) -> "DATEADD(DAY, " + days + ", " + day + ")",
                    TimeGrains.modFunction())
            .build();

    /**
     * TIMESTAMP_NTZ and its spellings (and DATETIME) take the naive literal by native type, since the generic rule would
     * read the {@code tz} at the end of {@code TIMESTAMP_NTZ} as a zone; TIMESTAMP_LTZ and TIMESTAMP_TZ take the zoned one.
     */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .nativeType("^(timestamp_?ntz|timestamp without time zone|datetime)$",
                    "TO_TIMESTAMP_NTZ('{value}', 'YYYY-MM-DD HH24:MI:SS.FF6')", "yyyy-MM-dd HH:mm:ss.SSSSSS")
            .add(TemporalType.DATE, "TO_DATE('{value}', 'YYYY-MM-DD')", "yyyy-MM-dd")
            .add(TemporalType.TIME, "TO_TIME('{value}', 'HH24:MI:SS.FF6')", "HH:mm:ss.SSSSSS")
            .add(TemporalType.TIMESTAMP, "TO_TIMESTAMP_NTZ('{value}', 'YYYY-MM-DD HH24:MI:SS.FF6')", "yyyy-MM-dd HH:mm:ss.SSSSSS")
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "TO_TIMESTAMP_TZ('{value}', 'YYYY-MM-DD HH24:MI:SS.FF6 TZH:TZM')",
                    "yyyy-MM-dd HH:mm:ss.SSSSSS xxx")
            .build();

    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^timestamp_?(ntz|ltz|tz)$|^timestamp with local time zone$", GenericType.TIMESTAMP)
            .map("^(object|array)$", GenericType.JSON)
            .map("^(geography|geometry)$", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("Incorrect username or password", ErrorCategory.BAD_CREDENTIALS)
            .message("Database '.*' does not exist", ErrorCategory.UNKNOWN_DATABASE)
            .message("Object '.*' does not exist|Table '.*' does not exist", ErrorCategory.MISSING_TABLE)
            .message("Insufficient privileges", ErrorCategory.PERMISSION)
            .message("syntax error", ErrorCategory.SYNTAX)
            .message("reached its statement or warehouse timeout", ErrorCategory.TIMEOUT)
            .message("SQL execution canceled", ErrorCategory.CANCELLED)
            .message("JDBC driver encountered communication error", ErrorCategory.UNREACHABLE_HOST)
            .then(ErrorPatterns.standard())
            .build();

    /** PUT and GET would read and write files of this server (PUT file:///etc/... @~); the host switches them off. */
    @Override
    public Map<String, String> enforcedConnectionProperties() {
        return Map.of("enablePutGet", "false");
    }

    /** Snowflake's long name of TIMESTAMP_LTZ says "local time zone": spelled as TIMESTAMP_LTZ so it takes the zoned literal. */
    @Override
    public Optional<String> datetimeLiteral(String nativeTypeName, TemporalAccessor value) {
        String name = nativeTypeName.trim().equalsIgnoreCase("timestamp with local time zone") ? "TIMESTAMP_LTZ" : nativeTypeName;
        return LITERALS.renderForNativeType(name, value, COLUMN_TYPES);
    }

    public SnowflakeEngineSpec() {
        super(EngineFacts.builder(SnowflakeEngineSpec.class)
                // snowflake-jdbc 3.19's session properties ({@code SFSessionProperty}), as the driver names them.
                .options(OPTIONS)
                .sqlFamily(SqlFamily.SNOWFLAKE)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("TO_TIMESTAMP_NTZ({col}, 0)")
                .epochMillis(Optional.of("TO_TIMESTAMP_NTZ({col}, 3)"))
                .errors(ERRORS)
                .capabilities(Capability.CANCEL, Capability.CATALOGS, Capability.DYNAMIC_SCHEMA, Capability.DYNAMIC_CATALOG)
                .maxColumnNameLength(255)
                .build());
    }
}
