package dev.dbspec.plugin.oracle;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Oracle Database through the thin driver, spec only: all 21 grains, {@code FETCH FIRST} from 12c and
 * {@code ROWNUM} before, SQL-standard literals (Oracle has no TIME type), epochs by interval arithmetic.
 *
 * <p>Grains start from the value cut to whole seconds by {@code TO_CHAR}/{@code TO_DATE}, which prints
 * fields and never rounds (unlike a precision-reducing cast), then use {@code TRUNC} on that {@code DATE}.
 * Weeks use {@code 'IW'} (ISO, Monday); {@code 'WW'} and {@code 'D'} are avoided: {@code 'WW'} counts
 * weeks from 1 January and {@code 'D'} follows {@code NLS_TERRITORY}.
 */
@Extension
public final class OracleEngineSpec extends DeclaredEngineSpec {
    private static final String NAME = "[A-Za-z0-9_.$#-]{1,128}";
    private static final String HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}])";
    private static final Pattern EASY_CONNECT = Pattern.compile("(?i)jdbc:oracle:thin:@(?:(?:tcps?:)?//" + HOST
            + "(?::[0-9]{1,5})?(?:/" + NAME + ")?(?::(?:dedicated|shared|pooled))?|" + HOST + ":[0-9]{1,5}[:/]" + NAME + ")");
    private static final String READS = "makes the driver read network configuration or wallets from the server's local file system";
    /** Name matching of the server's certificate may only be on: off, any certificate of a trusted CA would do. */
    private static final OptionRule DN_MATCH_ON = OptionRule.oneOf("true", "on", "yes");

    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.integer(0, 600), "connect_timeout", "transport_connect_timeout")
            .allow("retry_count", OptionRule.integer(0, 10))
            .allow("retry_delay", OptionRule.integer(0, 60))
            .allow("sdu", OptionRule.integer(512, 2_097_152))
            .allow("expire_time", OptionRule.integer(0, 1_440))
            .allow(OptionRule.oneOf("on", "off", "true", "false", "yes", "no"), "load_balance", "failover")
            .allow("ssl_server_dn_match", DN_MATCH_ON)
            .allow("oracle.net.ssl_server_dn_match", DN_MATCH_ON)
            .allow("ssl_server_cert_dn", OptionRule.text(512))
            .allow("oracle.net.ssl_certificate_alias", OptionRule.text(128))
            .allow("oracle.net.CONNECT_TIMEOUT", OptionRule.integer(0, 600_000))
            .allow("oracle.jdbc.ReadTimeout", OptionRule.integer(0, 86_400_000))
            .allow(OptionRule.integer(1, 100_000), "defaultRowPrefetch", "oracle.jdbc.defaultRowPrefetch")
            .allow("oracle.jdbc.timezoneAsRegion", OptionRule.bool())
            .allow("javax.net.ssl.trustStore", OptionRule.localPath())
            .allow("javax.net.ssl.trustStoreType", OptionRule.oneOf("JKS", "PKCS12", "SSO"))
            .secret("javax.net.ssl.trustStorePassword", "oracle.jdbc.accessToken")
            .refuse(READS, "tns_admin", "oracle.net.tns_admin", "wallet_location", "oracle.net.wallet_location", "my_wallet_directory")
            .refuseLocalKeyStore("javax.net.ssl.keyStore",
                    "javax.net.ssl.keyStorePassword")
            .refuse("reads connection properties from a local file", "oracle.jdbc.config.file")
            .refuse("signs in with a token read from the server's local files or its own cloud identity", "token_auth",
                    "oracle.jdbc.tokenAuthentication", "oracle.jdbc.tokenLocation", "token_location")
            .refuse("signs in with Kerberos or RADIUS using the server host's own credentials", "oracle.net.authentication_services")
            .refuse("signs in with the SYSDBA or SYSOPER administrative privilege", "internal_logon")
            .refuse("switches on driver tracing", "oracle.jdbc.Trace")
            .build();

    /** The value as a {@code DATE} cut (not rounded) to the second. */
    private static final String SECOND = "TO_DATE(TO_CHAR({col}, 'YYYY-MM-DD HH24:MI:SS'), 'YYYY-MM-DD HH24:MI:SS')";
    /** {@code TRUNC}'s format per unit ({@code 'IW'}: the ISO week), and {@code TO_CHAR}'s per stepped field. */
    private static final Map<TimeGrain, String> CODES = Map.of(TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH", TimeGrain.DAY, "DDD",
            TimeGrain.WEEK, "IW", TimeGrain.MONTH, "MM", TimeGrain.QUARTER, "Q", TimeGrain.YEAR, "YYYY");
    private static final Map<TimeGrain, String> FIELDS = Map.of(TimeGrain.SECOND, "SS", TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH24");

    /**
     * Everything truncates the value cut to whole seconds ({@link #SECOND}); steps add whole steps of the field printed by
     * {@code TO_CHAR}; a day later, Sunday falls into the next ISO week.
     */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .value(SECOND)
            .truncate((unit, value) -> "TRUNC(" + value + ", '" + CODES.get(unit) + "')", TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY,
                    TimeGrain.WEEK, TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .grain(TimeGrain.SECOND, SECOND)
            .stepped((within, field, step, value) -> "TRUNC(" + value + ", '" + CODES.get(within) + "') + NUMTODSINTERVAL(FLOOR(TO_NUMBER("
                    + "TO_CHAR({col}, '" + FIELDS.get(field) + "')) / " + step + ") * " + step + ", '" + field + "')")
            .shiftedWeeks((value, days) -> value + (days < 0 ? " - " : " + ") + Math.abs(days))
            .build();

    /**
     * A column of Oracle's DATE type (a date with a time of day to the second; SQLAlchemy's DateTime is one too) gets a DATE
     * literal, Superset's {@code TO_DATE('...T...', 'YYYY-MM-DD"T"HH24:MI:SS')}: a TIMESTAMP literal would make Oracle
     * convert the DATE column to TIMESTAMP for the comparison, which defeats index range scans on it. A fraction of a second
     * is dropped (a DATE holds none). TIMESTAMP columns keep typed TIMESTAMP literals with microseconds.
     */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.typed(6, TemporalType.DATE, TemporalType.TIMESTAMP).toBuilder()
            .nativeType("^(date|datetime)$", "TO_DATE('{value}', 'YYYY-MM-DD\"T\"HH24:MI:SS')", "yyyy-MM-dd'T'HH:mm:ss")
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss.SSSSSS xxx")
            .build();

    /** Oracle's DATE carries a time of day; LONG is a character type. */
    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^date$", GenericType.TIMESTAMP)
            .map("^(long|rowid|urowid|xmltype)$", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    /** ORA- codes: ojdbc reports 42000 for most of them, so they come before the SQLSTATE classes. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("ORA-01017|ORA-28000|ORA-01005", ErrorCategory.BAD_CREDENTIALS)
            .message("ORA-12514|ORA-12505|ORA-12154", ErrorCategory.UNKNOWN_DATABASE)
            .message("ORA-12170|ORA-12535", ErrorCategory.TIMEOUT)
            .message("ORA-12541|ORA-12543|ORA-17002|The Network Adapter could not establish", ErrorCategory.UNREACHABLE_HOST)
            .message("ORA-00942|ORA-04043", ErrorCategory.MISSING_TABLE)
            .message("ORA-01031|ORA-01039", ErrorCategory.PERMISSION)
            .message("ORA-009(00|0[0-9]|2[0-9]|3[0-9])", ErrorCategory.SYNTAX)
            .message("ORA-01013", ErrorCategory.CANCELLED)
            .then(ErrorPatterns.standard())
            .build();

    /** The first {@code major.minor} in a banner such as "... Release 11.2.0.4.0 ..." or "19.0.0.0.0". */
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.\\d+");

    /**
     * Only the Easy Connect forms {@code @[tcp[s]:]//host[:port][/service][:server][?options]} and
     * {@code @host:port:SID} / {@code @host:port/service} are read, the options strictly. Descriptors
     * ({@code @(DESCRIPTION=...)}), TNS aliases (read from tnsnames.ora on this server), LDAP and config-provider
     * URLs (fetched from elsewhere) and {@code user/password@} before the address are refused.
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        int query = jdbcUrl.indexOf('?');
        if (!EASY_CONNECT.matcher(query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)).matches()) {
            throw UnsafeUrlException.url(id(), "write jdbc:oracle:thin:@//host:port/service[?options] (descriptors, TNS aliases,"
                    + " LDAP or config-provider URLs and user/password@ read local files, other servers or credentials the"
                    + " checks cannot see)");
        }
        return OPTIONS.parseStrictly(id(), jdbcUrl, properties);
    }

    @Override
    public LimitSyntax limitSyntax() {
        return LimitSyntax.FETCH_FIRST;
    }

    /** {@code ROWNUM} before 12c (no row-limiting clause); {@code FETCH FIRST} from 12c or when unknown. */
    @Override
    public LimitSyntax limitSyntax(String databaseVersion) {
        if (databaseVersion != null) {
            Matcher matcher = VERSION.matcher(databaseVersion);
            if (matcher.find() && Integer.parseInt(matcher.group(1)) < 12) {
                return LimitSyntax.ROWNUM;
            }
        }
        return limitSyntax();
    }

    public OracleEngineSpec() {
        super(EngineFacts.builder(OracleEngineSpec.class)
                // The thin driver's Easy Connect Plus options (ojdbc 23, "Easy Connect Plus" parameters after {@code ?}) and its connection properties ({@code OracleConnection.CONNECTION_PROPERTY_*}) a remote connection needs.
                .options(OPTIONS)
                .sqlFamily(SqlFamily.ORACLE)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("(TIMESTAMP '1970-01-01 00:00:00' + NUMTODSINTERVAL({col}, 'SECOND'))")
                // NUMBER division is decimal, so the milliseconds stay exact.
                .epochMillis(Optional.of("(TIMESTAMP '1970-01-01 00:00:00' + NUMTODSINTERVAL({col} / 1000, 'SECOND'))"))
                .errors(ERRORS)
                .capabilities(Capability.CANCEL)
                // 30 before 12.2 (128 since); the smaller bound is safe on every supported release.
                .maxColumnNameLength(30)
                .build());
    }
}
