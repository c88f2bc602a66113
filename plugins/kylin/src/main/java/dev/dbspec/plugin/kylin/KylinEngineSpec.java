package dev.dbspec.plugin.kylin;

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
import dev.dbspec.api.UnsafeUrlException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Apache Kylin through kylin-jdbc, spec only: a Calcite SQL front end (double quotes, upper-cased names)
 * over pre-built cubes; read-only.
 *
 * <p>Grains are Calcite's {@code FLOOR(ts TO unit)}: 8 of 21. Left out: the week grains, because which
 * day {@code FLOOR(ts TO WEEK)} lands on (Calcite's own floor is Sunday-based) and how day-of-week
 * numbers come back both depend on the engine that answers the query (cube, Calcite or pushdown), so no
 * single template is exact everywhere; and the 5/30-second, 5 to 30-minute and 6-hour steps, whose
 * arithmetic ({@code TIMESTAMPADD} with {@code MOD} of a field) is not known to run on every query path.
 */
@Extension
public final class KylinEngineSpec extends DeclaredEngineSpec {
    /**
     * kylin-jdbc 4.0.3 reads {@code user}, {@code password} and {@code ssl}; its Avatica base documents the others
     * ({@code Driver.getPropertyInfo}), of which those that load classes, read key files or switch off host name
     * verification are refused by name.
     */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("ssl", OptionRule.bool())
            .refuseClassFromUrl("factory", "httpclient_factory", "httpclient_impl")
            .refuse("reads a key store, trust store or keytab from the server's local file system", "keytab", "truststore",
                    "keystore", "truststore_password", "keystore_password", "key_password")
            .refuse("signs in with Kerberos using the server host's own credentials", "principal", "authentication")
            .refuse("switches off verification of the server's host name, so a man in the middle can read the credentials",
                    "hostname_verification")
            .refuse("sends the connection to another URL than the one registered", "url")
            .build();

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .value("CAST({col} AS TIMESTAMP)")
            .truncate((unit, value) -> "FLOOR(" + value + " TO " + unit.name() + ")", TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR,
                    TimeGrain.DAY, TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .build();

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.typed(3, TemporalType.DATE, TemporalType.TIMESTAMP);

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("HTTP 401|Unauthorized|Bad credentials", ErrorCategory.BAD_CREDENTIALS)
            .message("project .* (not found|does not exist)|Cannot find project", ErrorCategory.UNKNOWN_DATABASE)
            .message("Object '.*' not found|Table '.*' not found", ErrorCategory.MISSING_TABLE)
            .message("Access is denied|HTTP 403|permission", ErrorCategory.PERMISSION)
            .message("Encountered .* at line|ParseException", ErrorCategory.SYNTAX)
            .unreachableHost()
            .message("timeout|timed out", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    /** Avatica reads {@code ;name=value} after the project and lets quotes hide separators; quotes are refused. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        if (jdbcUrl.indexOf('"') >= 0 || jdbcUrl.indexOf('\'') >= 0) {
            throw UnsafeUrlException.url(id(), "quotes let Avatica read a separator as part of a value; write the URL without them");
        }
        return OPTIONS.parseStrictly(id(), jdbcUrl, properties);
    }

    /** Cubes are built from source tables, not uploaded into. */

    public KylinEngineSpec() {
        super(EngineFacts.builder(KylinEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("TIMESTAMPADD(SECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')")
                // {@code TIMESTAMPADD} has no millisecond unit in Kylin's Calcite, and seconds would drop the fraction.
                .epochMillis(Optional.empty())
                .errors(ERRORS)
                .build());
    }
}
