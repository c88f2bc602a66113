package dev.dbspec.plugin.dameng;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * DM (Dameng Database 8) through Dameng's JDBC driver {@code DmJdbcDriver18} (not bundled), {@code jdbc:dm://host:5236?schema=S}.
 * Facts from eco.dameng.com's "DM8 SQL Language Manual" (date and time functions: Oracle-style {@code TRUNC(date, fmt)},
 * SQL Server-style {@code DATEADD(datepart, n, date)}, {@code EXTRACT}) and "DM JDBC Programming Guide" (URL properties).
 *
 * <p>Grains: {@code TRUNC} with {@code MI}, {@code HH}, {@code DD}, {@code IW} (ISO week, Monday), {@code MM}, {@code Q},
 * {@code YYYY}; seconds and stepped grains add whole units to the enclosing unit with {@code DATEADD} ({@code EXTRACT(SECOND ...)}
 * has a fraction, hence {@code FLOOR}). SQL-standard literals; unquoted names are upper case, as in Oracle.
 */
@Extension
public final class DamengEngineSpec extends DeclaredEngineSpec {
    private static final Map<TimeGrain, String> FORMATS = Map.of(TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH", TimeGrain.DAY, "DD",
            TimeGrain.WEEK, "IW", TimeGrain.MONTH, "MM", TimeGrain.QUARTER, "Q", TimeGrain.YEAR, "YYYY");

    /** DATEADD's dateparts for the fields that are counted. */
    private static final Map<TimeGrain, String> DATEPARTS = Map.of(TimeGrain.SECOND, "SS", TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH");

    private static String addWhole(TimeGrain field, String count, String start) {
        return "DATEADD(" + DATEPARTS.get(field) + ", " + count + ", " + start + ")";
    }

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> unit == TimeGrain.SECOND
                    ? addWhole(TimeGrain.SECOND, "FLOOR(EXTRACT(SECOND FROM " + value + "))", "TRUNC(" + value + ", 'MI')")
                    : "TRUNC(" + value + ", '" + FORMATS.get(unit) + "')")
            .stepped((within, field, step, value) -> addWhole(field, "FLOOR(EXTRACT(" + field + " FROM " + value + ") / " + step + ") * " + step,
                    "TRUNC(" + value + ", '" + FORMATS.get(within) + "')"))
            .shiftedWeeks((value, days) -> "DATEADD(DD, " + days + ", " + value + ")")
            .build();

    /**
     * DmJdbcDriver18's URL properties ({@code ?name=value&...}): schema, timeouts, TLS files inside the files directory,
     * login encryption, compatibility mode, LOB and result handling. Refused: driver logs and SQL statistics written to
     * local directories, cipher libraries and filter classes loaded by name, operating-system and Kerberos sign-in as
     * this host, a local Unix socket, and address or user remapping.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("schema", OptionRule.text(128))
            .allow(OptionRule.integer(0, 86_400_000), "socketTimeout", "connectTimeout", "sessionTimeout")
            .allow(OptionRule.bool(), "autoCommit", "clobAsString", "compress", "loginEncrypt", "escapeProcess", "ignoreCase")
            .allow("sslFilesPath", OptionRule.localPath())
            .secret("sslKeystorePass")
            .allow("appName", OptionRule.text(64))
            .allow("compatibleMode", OptionRule.oneOf("oracle", "mysql"))
            .allow("columnNameCase", OptionRule.oneOf("upper", "lower"))
            .refuse("writes driver logs or SQL statistics to a directory of this server", "logDir", "logLevel", "statDir", "statEnable")
            .refuse("loads a cipher library or a filter class named in the URL", "cipherPath", "customFilter")
            .refuse("signs in as this host (operating-system or Kerberos identity)", "osAuthType", "kerberosLoginConfPath")
            .refuse("connects through a Unix socket file of this server", "unixSocketFile")
            .refuse("rewrites the server address or user the connection goes to", "addressRemap", "userRemap")
            .build();

    public DamengEngineSpec() {
        super(EngineFacts.builder(DamengEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(DatetimeLiterals.typed(6, TemporalType.DATE, TemporalType.TIME, TemporalType.TIMESTAMP))
                .epochSeconds("DATEADD(SS, {col}, TIMESTAMP '1970-01-01 00:00:00')")
                .epochMillis(Optional.of("DATEADD(MS, {col}, TIMESTAMP '1970-01-01 00:00:00')"))
                .sqlFamily(SqlFamily.ORACLE)
                .maxColumnNameLength(128)
                .build());
    }
}
