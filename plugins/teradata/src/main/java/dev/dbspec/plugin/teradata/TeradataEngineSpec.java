package dev.dbspec.plugin.teradata;

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
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Teradata Vantage through TeraJDBC, spec only: all 21 grains, {@code TOP n}, SQL-standard literals.
 *
 * <p>{@code TRUNC} returns a {@code DATE} on Teradata, so sub-day grains (which Superset writes as
 * {@code TRUNC(CAST(col AS DATE), 'MI')}, i.e. the day) are built instead by printing the value's fields
 * with {@code FORMAT} (which never rounds) and casting the text back to {@code TIMESTAMP(0)}; steps use
 * integer division of the printed field. Days and weeks use {@code TRUNC(date, 'IW')} (ISO Monday), not
 * {@code 'WW'} (weeks from 1 January). No epoch-milliseconds template: the seconds one yields
 * {@code TIMESTAMP(0)}.
 */
@Extension
public final class TeradataEngineSpec extends DeclaredEngineSpec {
    private static final Pattern TERADATA_URL = Pattern.compile(
            "(?i)jdbc:teradata://(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}])(?::[0-9]{1,5})?"
                    + "(?:/([A-Za-z0-9_.,=:/+*@$#-]*))?");
    private static final OptionRule ON_OFF = OptionRule.oneOf("ON", "OFF");

    /** LOGMECH: TD2 (user and password), LDAP, JWT (the token in LOGDATA); KRB5 and TDNEGO use the host's own Kerberos. */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.NONE)
            .allow("DBS_PORT", OptionRule.integer(1, 65_535))
            .allow("HTTPS_PORT", OptionRule.integer(1, 65_535))
            .allow(OptionRule.text(128), "DATABASE", "ACCOUNT")
            .allow("CHARSET", OptionRule.oneOf("ASCII", "UTF8", "UTF16"))
            .allow("TMODE", OptionRule.oneOf("ANSI", "TERA", "DEFAULT"))
            .allow("SSLMODE", OptionRule.oneOf("DISABLE", "ALLOW", "PREFER", "REQUIRE", "VERIFY-CA", "VERIFY-FULL"))
            .allow(OptionRule.localPath(), "SSLCA", "SSLCAPATH")
            .allow("SSLPROTOCOL", OptionRule.oneOf("TLSv1.2", "TLSv1.3"))
            .allow("LOGMECH", OptionRule.oneOf("TD2", "LDAP", "JWT"))
            .allow("LOGIN_TIMEOUT", OptionRule.integer(0, 600))
            .allow("RECONNECT_COUNT", OptionRule.integer(0, 100))
            .allow("RECONNECT_INTERVAL", OptionRule.integer(0, 600))
            .allow(ON_OFF, "ENCRYPTDATA", "COP", "COPLAST", "LOB_SUPPORT", "MAYBENULL", "USEXVIEWS", "GOVERN")
            .secret("LOGDATA")
            .refuse("runs the user's startup SQL when connecting", "RUNSTARTUP")
            .refuse("runs a local program named in the option to open a browser", "BROWSER")
            .refuse("reads a private key or certificate from the server's local file system", "JWS_PRIVATE_KEY", "JWS_CERT")
            .build();

    private static final String DATE = "CAST({col} AS DATE)";
    /** Per time field: the printed format before it, its own format, and the zero fields after it. */
    private static final Map<TimeGrain, String> BEFORE = Map.of(TimeGrain.SECOND, "YYYY-MM-DDBHH:MI:", TimeGrain.MINUTE, "YYYY-MM-DDBHH:",
            TimeGrain.HOUR, "YYYY-MM-DDB");
    private static final Map<TimeGrain, String> FORMAT = Map.of(TimeGrain.SECOND, "SS", TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH",
            TimeGrain.WEEK, "IW", TimeGrain.MONTH, "MM", TimeGrain.QUARTER, "Q", TimeGrain.YEAR, "YYYY");
    private static final Map<TimeGrain, String> ZEROS = Map.of(TimeGrain.SECOND, "", TimeGrain.MINUTE, " || ':00'", TimeGrain.HOUR, " || ':00:00'");

    /**
     * Times of day are printed down to the unit (or its stepped field) and read back as {@code TIMESTAMP(0)}; dates
     * truncate with {@code TRUNC}; a day later, Sunday falls into the next ISO week.
     */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .value(DATE)
            .truncate((unit, value) -> switch (unit) {
                case SECOND, MINUTE, HOUR -> timestamp(printed(BEFORE.get(unit) + FORMAT.get(unit), BEFORE.get(unit).length() + 2) + ZEROS.get(unit));
                case DAY -> value;
                default -> "TRUNC(" + value + ", '" + FORMAT.get(unit) + "')";
            })
            .stepped((within, field, step, value) -> timestamp(printed(BEFORE.get(field), BEFORE.get(field).length()) + " || "
                    + step(FORMAT.get(field), step) + ZEROS.get(field)))
            .shiftedWeeks((value, days) -> value + (days < 0 ? " - " : " + ") + Math.abs(days))
            .build();

    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^(byte|varbyte)\\b", GenericType.BINARY)
            .map("^(period|interval)\\b", GenericType.OTHER)
            .then(ColumnTypes.defaults())
            .build();

    /** TeraJDBC messages carry "[Error nnnn]" with the database's error code. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("\\[Error 8017\\]|\\[Error 3004\\]", ErrorCategory.BAD_CREDENTIALS)
            .message("\\[Error 3802\\]", ErrorCategory.UNKNOWN_DATABASE)
            .message("\\[Error 3807\\]|\\[Error 3824\\]", ErrorCategory.MISSING_TABLE)
            .message("\\[Error 352[3-4]\\]", ErrorCategory.PERMISSION)
            .message("\\[Error 37(06|07)\\]", ErrorCategory.SYNTAX)
            .message("\\[Error 3110\\]", ErrorCategory.CANCELLED)
            .message("\\[Error 1000\\]|\\[Error 1277\\]|Socket communication failure|UnknownHostException", ErrorCategory.UNREACHABLE_HOST)
            .then(ErrorPatterns.standard())
            .build();

    /** The value's fields printed by {@code FORMAT} as {@code CHAR(length)}. */
    private static String printed(String format, int length) {
        return "CAST(CAST({col} AS FORMAT '" + format + "') AS CHAR(" + length + "))";
    }

    /** The printed two-digit {@code field}, floored to a multiple of {@code step}, printed again. */
    private static String step(String field, int step) {
        return "CAST(CAST(CAST(" + printed(field, 2) + " AS INTEGER) / " + step + " * " + step + " AS FORMAT '99') AS CHAR(2))";
    }

    private static String timestamp(String text) {
        return "CAST(" + text + " AS TIMESTAMP(0))";
    }

    /**
     * {@code jdbc:teradata://host[:port][/NAME=value,NAME=value...]} and the properties. Teradata quotes values
     * holding commas in single quotes; quotes, escapes and percent signs are refused, so every comma separates.
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        Matcher url = TERADATA_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw UnsafeUrlException.url(id(), "write jdbc:teradata://host/NAME=value,NAME=value in plain ASCII, without quotes,"
                    + " escapes or percent signs (the driver reads quoted values with commas in them)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        String parameters = url.group(1) == null ? "" : url.group(1);
        for (String parameter : parameters.split(",", -1)) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                throw UnsafeUrlException.url(id(), "each parameter must be written NAME=value");
            }
            put(parameter.substring(0, equals), parameter.substring(equals + 1), options, seen);
        }
        for (String name : properties.stringPropertyNames()) {
            put(name, properties.getProperty(name), options, seen);
        }
        return options;
    }

    private void put(String name, String value, Map<String, String> options, Set<String> seen) {
        if (!seen.add(name.toLowerCase(Locale.ROOT))) {
            throw new UnsafeUrlException(id(), name, "it is given twice (drivers differ on which one wins)");
        }
        options.put(name, value);
    }

    @Override
    public LimitSyntax limitSyntax() {
        return LimitSyntax.TOP;
    }

    public TeradataEngineSpec() {
        super(EngineFacts.builder(TeradataEngineSpec.class)
                // Teradata JDBC Driver 20.00 connection parameters ("Teradata JDBC Driver Reference", URL parameters).
                .options(OPTIONS)
                .sqlFamily(SqlFamily.TERADATA)
                // Double quotes; names are not case-specific and kept as written.
                .quoting(IdentifierQuoting.DOUBLE_QUOTES)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                // Teradata writes the offset inside a TIMESTAMP literal (no WITH TIME ZONE keyword).
                .literals(DatetimeLiterals.ansi().toBuilder()
                .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
                .build())
                // Whole days through DATE arithmetic (no INTERVAL overflow), the rest as seconds, at UTC (Superset's form).
                .epochSeconds("CAST(((CAST(DATE '1970-01-01' + ({col} / 86400) AS TIMESTAMP(0) AT 0)) AT 0)"
                + " + (({col} MOD 86400) * INTERVAL '00:00:01' HOUR TO SECOND) AS TIMESTAMP(0))")
                .epochMillis(Optional.empty())
                .errors(ERRORS)
                .capabilities(Capability.CANCEL)
                // 128 characters since Teradata 14.10 (extended object names); Superset's 30 is the older limit.
                .maxColumnNameLength(128)
                .build());
    }
}
