package dev.dbspec.plugin.drill;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.DriverOptionRules;
import dev.dbspec.plugin.family.StrictKeyValueUrls;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Apache Drill through drill-jdbc-all (not bundled): 17 grains from {@code NEARESTDATE}, which floors a timestamp
 * to a named unit (Drill 1.16+). Left out: 5-second, 5- and 10-minute and 6-hour buckets, for which Drill has no
 * unit. Parsed as the backtick-quoting (HIVE) family.
 */
@Extension
public final class DrillEngineSpec implements EngineSpec {
    /** {@code NEARESTDATE}'s units; a week's last day is six days after its first. */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "NEARESTDATE(" + value + ", '" + switch (unit) {
                case WEEK -> "WEEK_MONDAY";
                case WEEK_STARTING_SUNDAY -> "WEEK_SUNDAY";
                default -> unit.name();
            } + "')", TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.WEEK, TimeGrain.WEEK_STARTING_SUNDAY,
                    TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .grain(TimeGrain.THIRTY_SECONDS, "NEARESTDATE({col}, 'HALF_MINUTE')")
            .grain(TimeGrain.FIFTEEN_MINUTES, "NEARESTDATE({col}, 'QUARTER_HOUR')")
            .grain(TimeGrain.THIRTY_MINUTES, "NEARESTDATE({col}, 'HALF_HOUR')")
            .endingWeeks((value, days) -> value + " + INTERVAL '" + days + "' DAY")
            .build();

    private static final ErrorPatterns ERROR_PATTERNS = ErrorPatterns.builder()
            .message("Authentication failed|Invalid user credentials|SASL", ErrorCategory.BAD_CREDENTIALS)
            .unreachableHost("Failure in connecting to Drill")
            .message("Schema \\[[^]]*\\] is not valid", ErrorCategory.UNKNOWN_DATABASE)
            .message("Object '[^']*' not found", ErrorCategory.MISSING_TABLE)
            .message("PERMISSION ERROR", ErrorCategory.PERMISSION)
            .message("PARSE ERROR", ErrorCategory.SYNTAX)
            .message("timed out|TIMEOUT", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    @Override
    public String id() {
        return "drill";
    }

    @Override
    public String displayName() {
        return "Apache Drill";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:drill:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:drill:drillbit={host}:{port}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(31010);
    }

    @Override
    public String driverClassName() {
        return "org.apache.drill.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.apache.drill.exec:drill-jdbc-all:1.22.0", "Apache-2.0", false));
    }

    private static final String NO_CERTIFICATE_CHECK =
            "it switches off TLS certificate checks, so anyone between this server and Drill could read the password";

    /**
     * Drill's JDBC connection parameters (Apache Drill's "Using the JDBC Driver", "Configuring Plain/Kerberos
     * Security" and "Configuring SSL/TLS" pages): the ZooKeeper quorum or Drillbit, schema, retries, plain
     * authentication, TLS with a trust store inside the files directory, SASL encryption. Refused: keytabs and
     * Kerberos with this host's tickets, and switching certificate or host name checks off.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow(OptionRule.text(512), "zk", "drillbit")
            .allow(OptionRule.text(256), "schema", "impersonation_target")
            .allow("tries", OptionRule.integer(1, 100))
            .allow("auth", DriverOptionRules.oneOfRefusing(Map.of("kerberos",
                    "Kerberos logs in with this host's own tickets or keytab, authenticating as this host"), "plain"))
            .allow(OptionRule.bool(), "enableTLS", "useSystemTrustStore", "sasl_encrypt")
            .allow("trustStorePath", OptionRule.localPath())
            .secret("trustStorePassword")
            .allow("trustStoreType", OptionRule.oneOf("JKS", "PKCS12"))
            .allow("TLSProtocol", OptionRule.oneOf("TLSv1.2", "TLSv1.3"))
            .allow("TLSHandshakeTimeout", OptionRule.integer(0, 600_000))
            .refuseLocalKeytab("keytab")
            .refuse("Kerberos logs in with this host's own tickets, authenticating as this host", "principal", "realm",
                    "service_name", "service_host")
            .refuse(NO_CERTIFICATE_CHECK, "disableCertificateVerification", "disableHostVerification")
            .build();

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    /** {@code jdbc:drill:zk=...;schema=...}: every part after {@code jdbc:drill:} is a {@code name=value} pair. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        String pairs = StrictKeyValueUrls.afterPrefix(id(), jdbcUrl, "jdbc:drill:");
        return StrictKeyValueUrls.read(OPTIONS, id(), "jdbc:drill:", pairs, properties);
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    /** Millisecond typed literals; Drill has no zoned timestamp type. */
    @Override
    public DatetimeLiterals datetimeLiterals() {
        return DatetimeLiterals.typed(3, TemporalType.DATE, TemporalType.TIME, TemporalType.TIMESTAMP);
    }

    /** {@code TO_TIMESTAMP(double)} reads Unix seconds (fractions included) as a UTC timestamp. */
    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("TO_TIMESTAMP({col})");
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ERROR_PATTERNS;
    }

    /** Superset: the schema can change per query. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.DYNAMIC_SCHEMA);
        return capabilities;
    }

    @Override
    public IdentifierQuoting identifierQuoting() {
        return IdentifierQuoting.BACKTICKS;
    }

    @Override
    public SqlFamily sqlFamily() {
        return SqlFamily.HIVE;
    }
}
