package dev.dbspec.plugin.informix;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.StrictKeyValueUrls;
import java.util.Map;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * IBM Informix through the Informix JDBC driver (not bundled), {@code jdbc:informix-sqli://host:9088/db:INFORMIXSERVER=name}.
 * Facts from IBM's "Informix Guide to SQL: Syntax" ({@code EXTEND}, {@code WEEKDAY} with 0 for Sunday, {@code UNITS},
 * DATETIME literals) and the "JDBC Driver Programmer's Guide" (environment variables in the URL).
 *
 * <p>Grains: {@code EXTEND(ts, YEAR TO unit)} drops the fields finer than second, minute, hour, day, month or year; weeks
 * step back from the day by the days since Monday. Quarters and stepped grains are left out (no quarter qualifier, no
 * minute-of-hour function). Literals are DATETIME literals with five fraction digits, independent of {@code DBDATE}.
 * Informix reads a row limit as {@code SELECT FIRST n}, which no limit syntax of the pipeline writes, so rows are
 * limited by fetching ({@link LimitMethod#FETCH_MANY}). Double-quoted identifiers need {@code DELIMIDENT=Y}, which every
 * connection gets.
 */
@Extension
public final class InformixEngineSpec extends DeclaredEngineSpec {
    private static final String PREFIX = "jdbc:informix-sqli://";

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "EXTEND(" + value + ", YEAR TO " + unit + ")", TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR,
                    TimeGrain.DAY, TimeGrain.MONTH, TimeGrain.YEAR)
            .weekdayWeeks("EXTEND({col}, YEAR TO DAY)", "MOD(WEEKDAY({col}) + 6, 7)", 0, (day, days) -> "(" + day + " + (" + days + ") UNITS DAY)",
                    TimeGrains.modFunction())
            .build();

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "DATETIME({value}) YEAR TO DAY", "yyyy-MM-dd")
            .add(TemporalType.TIME, "DATETIME({value}) HOUR TO SECOND", "HH:mm:ss")
            .add(TemporalType.TIMESTAMP, "DATETIME({value}) YEAR TO FRACTION(5)", "yyyy-MM-dd HH:mm:ss.SSSSS")
            .build();

    /**
     * The driver's environment variables ({@code :NAME=value;NAME=value} after the database): the server name, locales,
     * lock wait, isolation, timeouts, TLS, fetch buffer. Refused: trace files, sqlhosts read from a local file or a
     * directory service, temporary files in a local directory, and {@code DELIMIDENT} (every connection sets it).
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("INFORMIXSERVER", OptionRule.text(128))
            .allow(OptionRule.text(64), "DB_LOCALE", "CLIENT_LOCALE")
            .allow("IFX_LOCK_MODE_WAIT", OptionRule.integer(-1, 86_400))
            .allow("IFX_ISOLATION_LEVEL", OptionRule.oneOf("0", "1", "2", "3", "5"))
            .allow(OptionRule.integer(0, 86_400_000), "LOGINTIMEOUT", "IFX_SOC_TIMEOUT")
            .allow("FET_BUF_SIZE", OptionRule.integer(0, 2_147_483_647))
            .allow(OptionRule.oneOf("true", "false"), "SSLCONNECTION")
            .allow(OptionRule.oneOf("0", "1"), "OPTOFC", "IFX_AUTOFREE")
            .refuse("writes trace files on this server", "TRACE", "TRACEFILE", "PROTOCOLTRACE", "PROTOCOLTRACEFILE")
            .refuse("reads the server table from a file of this server or a directory service", "SQLH_TYPE", "SQLH_FILE", "SQLH_LOC",
                    "LDAP_URL")
            .refuse("writes temporary files to a directory of this server", "JDBCTEMP")
            .refuse("is set on every connection (DELIMIDENT=Y), so that double quotes delimit identifiers", "DELIMIDENT")
            .build();

    /** {@code //host:port/db} before the first colon after the database, {@code NAME=value;...} after it. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        String rest = StrictKeyValueUrls.afterPrefix(id(), jdbcUrl, PREFIX);
        int slash = rest.indexOf('/');
        int colon = slash < 0 ? -1 : rest.indexOf(':', slash);
        if (colon < 0) {
            return StrictKeyValueUrls.read(OPTIONS, id(), jdbcUrl, "", properties);
        }
        return StrictKeyValueUrls.read(OPTIONS, id(), PREFIX + rest.substring(0, colon), rest.substring(colon + 1), properties);
    }

    @Override
    public Map<String, String> enforcedConnectionProperties() {
        return Map.of("DELIMIDENT", "Y");
    }

    @Override
    public LimitMethod limitMethod() {
        return LimitMethod.FETCH_MANY;
    }

    public InformixEngineSpec() {
        super(EngineFacts.builder(InformixEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(LITERALS)
                // Whole days, then the remaining seconds: an INTERVAL of seconds alone overflows its nine digits after 2001.
                .epochSeconds("(DATETIME(1970-01-01 00:00:00) YEAR TO SECOND + TRUNC({col} / 86400) UNITS DAY + MOD({col}, 86400) UNITS SECOND)")
                .quoting(IdentifierQuoting.DOUBLE_QUOTES_LOWER)
                .maxColumnNameLength(128)
                .build());
    }
}
