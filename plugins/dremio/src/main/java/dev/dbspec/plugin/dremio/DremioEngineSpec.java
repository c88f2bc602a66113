package dev.dbspec.plugin.dremio;

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
import dev.dbspec.plugin.family.PrefixRewrite;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Dremio through the Arrow Flight SQL JDBC driver (not bundled), which Dremio recommends over its deprecated own
 * driver: {@code jdbc:dremio://host:port} is handed over as {@code jdbc:arrow-flight-sql://host:port}, keeping
 * Flight SQL's prefix free for other engines. 13 grains from {@code DATE_TRUNC} (Monday weeks) and interval shifts;
 * left out: the 5/30-second, 5/10/15/30-minute and 6-hour buckets, which Dremio has no truncation unit for.
 */
@Extension
public final class DremioEngineSpec extends DeclaredEngineSpec {
    private static final PrefixRewrite PREFIX = new PrefixRewrite("jdbc:dremio:", "jdbc:arrow-flight-sql:");

    /** Shifting by a day moves Sunday into the next Monday week; the result is shifted back or forward. */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "DATE_TRUNC('" + unit.name() + "', " + value + ")")
            .shiftedWeeks((value, days) -> value + (days < 0 ? " - " : " + ") + "INTERVAL '" + Math.abs(days) + "' DAY")
            .build();

    private static final ErrorPatterns ERROR_PATTERNS = ErrorPatterns.builder()
            .message("UNAUTHENTICATED|Unable to authenticate|Invalid username or password", ErrorCategory.BAD_CREDENTIALS)
            .unreachableHost("UNAVAILABLE")
            .message("(Table|Object) '[^']*' not found", ErrorCategory.MISSING_TABLE)
            .message("PERMISSION ERROR|PERMISSION_DENIED|not authorized", ErrorCategory.PERMISSION)
            .message("Failure parsing the query|PARSE ERROR", ErrorCategory.SYNTAX)
            .message("DEADLINE_EXCEEDED|timed out", ErrorCategory.TIMEOUT)
            .message("CANCELLED", ErrorCategory.CANCELLED)
            .then(ErrorPatterns.standard())
            .build();

    @Override
    public String driverUrl(String jdbcUrl) {
        return PREFIX.driverUrl(jdbcUrl);
    }

    /**
     * The Arrow Flight SQL JDBC driver's options (Arrow's "Flight SQL JDBC driver" connection properties, {@code ?a=b&c=d})
     * and the Dremio session headers it forwards (schema, routing tag and queue): encryption with certificate checks
     * (trust store and root certificates inside the files directory), the token as a secret, cookies, thread pool.
     * Refused: this host's client certificate and key, and switching certificate verification off.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("useEncryption", OptionRule.bool())
            .allow(OptionRule.localPath(), "trustStore", "tlsRootCerts")
            .secret("trustStorePassword", "token")
            .allow(OptionRule.bool(), "useSystemTrustStore", "retainCookies", "retainAuth")
            .allow("threadPoolSize", OptionRule.integer(1, 64))
            .allow(OptionRule.text(256), "catalog", "schema", "routing_tag", "routing_queue")
            .refuse(DriverRefusals.LOCAL_CLIENT_CERTIFICATE,
                    "clientCertificate", "clientKey")
            .refuse("it switches off certificate verification, so anyone between this server and Dremio could read the password",
                    "disableCertificateVerification")
            .build();

    public DremioEngineSpec() {
        super(EngineFacts.builder("dremio", "Dremio")
                .url(PREFIX.urlTemplate("//{host}:{port}"), PREFIX.prefix())
                .port(32010)
                .driver("org.apache.arrow.driver.jdbc.ArrowFlightJdbcDriver", new DriverArtifact("org.apache.arrow:flight-sql-jdbc-driver:18.3.0", "Apache-2.0", false))
                .options(OPTIONS)
                // Double quotes; names keep their case and compare case-insensitively.
                .quoting(IdentifierQuoting.DOUBLE_QUOTES)
                .grains(GRAINS)
                // Dates and timestamps parsed with an explicit format as Superset writes them ({@code FFF}: milliseconds,
                // Dremio's precision; the same values as the typed literals), a typed TIME literal; Dremio has no zoned
                // timestamp type.
                .literals(DatetimeLiterals.builder()
                            .add(TemporalType.DATE, "TO_DATE('{value}', 'YYYY-MM-DD')", "yyyy-MM-dd")
                            .add(TemporalType.TIME, "TIME '{value}'", "HH:mm:ss.SSS")
                            .add(TemporalType.TIMESTAMP, "TO_TIMESTAMP('{value}', 'YYYY-MM-DD HH24:MI:SS.FFF')", "yyyy-MM-dd HH:mm:ss.SSS")
                            .build())
                // Superset's {@code TO_DATE(col)} drops the time; {@code TO_TIMESTAMP(double)} reads Unix seconds as UTC.
                .epochSeconds("TO_TIMESTAMP({col})")
                .errors(ERROR_PATTERNS)
                .build());
    }
}
