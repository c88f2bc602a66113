package dev.dbspec.plugin.druid;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.DriverOptionRules;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Apache Druid SQL through the Avatica JDBC driver, spec only: all 21 grains from {@code TIME_FLOOR} with
 * ISO periods, epochs through {@code MILLIS_TO_TIMESTAMP}, millisecond literals (no TIME type).
 *
 * <p>Druid serves {@code jdbc:druid://host:port}, mapped by {@link #driverUrl} to Avatica's
 * {@code jdbc:avatica:remote:url=http://host:port/druid/v2/sql/avatica/}, so it does not claim every
 * Avatica URL. Without an origin {@code TIME_FLOOR} aligns periods to their calendar unit in UTC: weeks
 * to Monday, {@code P3M} to calendar quarters, {@code PT5M} within the hour; the other weeks shift by days.
 */
@Extension
public final class DruidEngineSpec extends DeclaredEngineSpec {
    private static final String PREFIX = "jdbc:druid:";
    private static final String AVATICA_PATH = "/druid/v2/sql/avatica/";
    private static final String VALUE = "CAST({col} AS TIMESTAMP)";

    /** {@code TIME_FLOOR} to each grain's ISO period; a day's shift moves Sundays into the next ISO week. */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .value(VALUE)
            .truncate((unit, value) -> "TIME_FLOOR(" + value + ", '" + unit.iso() + "')")
            .stepped((within, field, step, value) -> "TIME_FLOOR(" + value + ", 'PT" + step + field.name().charAt(0) + "')")
            .shiftedWeeks((value, days) -> "TIME_SHIFT(" + value + ", 'P1D', " + days + ")")
            .build();

    /**
     * Druid keeps milliseconds and has no TIME or zoned timestamp type. DATE is written as Superset writes it:
     * TIME_PARSE without a zone reads the date at midnight in the query's sqlTimeZone (Druid 0.15+, before
     * that in UTC) and CAST(... AS DATE) floors to the day in the same zone, the value of DATE '...'.
     */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.typed(3, TemporalType.TIMESTAMP).toBuilder()
            .add(TemporalType.DATE, "CAST(TIME_PARSE('{value}') AS DATE)", "yyyy-MM-dd")
            .build();

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("Unauthorized|HTTP 401", ErrorCategory.BAD_CREDENTIALS)
            .message("Forbidden|HTTP 403|Allowed:false", ErrorCategory.PERMISSION)
            .message("Object '.*' not found|Table '.*' not found", ErrorCategory.MISSING_TABLE)
            .message("Encountered .* at line|ParseException|Incorrect syntax", ErrorCategory.SYNTAX)
            .message("Query timeout|QueryTimeoutException", ErrorCategory.TIMEOUT)
            .message("Query cancelled|QueryInterruptedException", ErrorCategory.CANCELLED)
            .unreachableHost("Failed to connect")
            .then(ErrorPatterns.standard())
            .build();

    /**
     * {@code jdbc:druid://h:p[/path][;props]} (HTTP) or {@code jdbc:druid:https://h:p[/path][;props]} to
     * {@code jdbc:avatica:remote:url=<scheme>://h:p<path or the Avatica endpoint>[;props]}.
     */
    @Override
    public String driverUrl(String jdbcUrl) {
        String url = super.driverUrl(jdbcUrl);
        if (!url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return url;
        }
        String rest = url.substring(PREFIX.length());
        int semicolon = rest.indexOf(';');
        String properties = semicolon < 0 ? "" : rest.substring(semicolon);
        String location = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (location.startsWith("//")) {
            location = "http:" + location;
        }
        int authority = location.indexOf("//") + 2;
        if (location.indexOf('/', authority) < 0) {
            location += AVATICA_PATH;
        }
        return "jdbc:avatica:remote:url=" + location + properties;
    }

    private static final String INSTANTIATES = "makes Avatica instantiate a class named in the URL";
    private static final String READS = "reads key material from the server's local file system";

    /**
     * Avatica's remote driver properties (Avatica's "Client Reference": built-in and remote connection properties),
     * written {@code ;name=value} after the Druid location: serialization, BASIC or DIGEST authentication with the
     * password as a secret, time zone, schema, fetch size, strict host name verification. Refused: classes Avatica
     * instantiates, local key material and Kerberos (SPNEGO) as this host, a {@code url} that would replace the
     * location, and switching host name verification off.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("serialization", OptionRule.oneOf("json", "protobuf"))
            .allow("authentication", DriverOptionRules.oneOfRefusing(Map.of("SPNEGO",
                    "Kerberos (SPNEGO) logs in with this host's own tickets or keytab, authenticating as this host"),
                    "BASIC", "DIGEST", "NONE"))
            .allow("avatica_user", OptionRule.text(256))
            .secret("avatica_password")
            .allow(OptionRule.text(128), "timeZone", "schema")
            .allow("fetch_size", OptionRule.integer(1, 1_000_000))
            .allow("transparent_reconnection", OptionRule.bool())
            .allow("hostname_verification", DriverOptionRules.oneOfRefusing(Map.of("NONE",
                    "it switches off host name verification, so anyone between this server and Druid could read the password"),
                    "STRICT"))
            .refuse(INSTANTIATES, "factory", "httpclient_factory", "httpclient_impl")
            .refuse(READS, "truststore", "keystore", "keytab")
            .refuse("Kerberos logs in with this host's own tickets or keytab, authenticating as this host", "principal")
            .refuse("replaces the Druid location the URL names with another", "url")
            .build();

    /**
     * Avatica's connect-string parser reads quoted values ({@code '...'}, {@code "..."}, <code>{...}</code>) that may hold
     * separators, so quotes and braces are refused before the strict semicolon reader reads the rest.
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        for (char quote : new char[] {'\'', '"', '{', '}'}) {
            if (jdbcUrl.indexOf(quote) >= 0) {
                throw UnsafeUrlException.url(id(), "'" + quote + "' starts a quoted value in Avatica's connect string, which"
                        + " may hide separators; write the options without quotes");
            }
        }
        return super.driverOptions(jdbcUrl, properties);
    }

    /** Data arrives through ingestion, not through SQL inserts of uploaded files. */

    public DruidEngineSpec() {
        super(EngineFacts.builder("druid", "Apache Druid")
                // Optional Avatica properties follow as {@code ;name=value}.
                .url("jdbc:druid://{host}:{port}", PREFIX)
                .port(8888)
                .driver("org.apache.calcite.avatica.remote.Driver", new DriverArtifact("org.apache.calcite.avatica:avatica-core:1.25.0", "Apache-2.0", false))
                .options(OPTIONS)
                // Double quotes; names are case-sensitive.
                .quoting(IdentifierQuoting.DOUBLE_QUOTES)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("MILLIS_TO_TIMESTAMP({col} * 1000)")
                .epochMillis(Optional.of("MILLIS_TO_TIMESTAMP({col})"))
                .errors(ERRORS)
                .build());
    }
}
