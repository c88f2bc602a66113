package ${package};

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.TimeGrain;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import org.pf4j.Extension;

/**
 * ${engineName} for dbspec. A starting point: every value below is a claim the conformance kit checks against a live
 * ${engineName} (DBSPEC_TEST_${engine.toUpperCase()}_URL), so replace each TODO with your engine's facts and let the kit
 * tell you which are wrong. Methods not overridden here keep the SPI's defaults (see EngineSpec's Javadoc); the
 * example connector in dbspec's docs/examples/example-connector shows more of the surface.
 */
@Extension
public final class ${className}EngineSpec implements EngineSpec {
    private static final String URL_PREFIX = "${urlPrefix}";
    private static final String DRIVER_URL_PREFIX = "${driverUrlPrefix}";

    private ConnectionOptions options;

    /**
     * TODO: one SQL template per time grain your engine can truncate to, {col} standing for the column. These are the
     * DATE_TRUNC templates many engines share; the kit checks each claimed grain against java.time, so remove the ones
     * your engine lacks and add the others it has (TimeGrain lists them, WEEK being the ISO week).
     */
    private static final Map<TimeGrain, String> GRAINS = Map.of(
            TimeGrain.MINUTE, "DATE_TRUNC('minute', {col})",
            TimeGrain.HOUR, "DATE_TRUNC('hour', {col})",
            TimeGrain.DAY, "DATE_TRUNC('day', {col})",
            TimeGrain.MONTH, "DATE_TRUNC('month', {col})",
            TimeGrain.QUARTER, "DATE_TRUNC('quarter', {col})",
            TimeGrain.YEAR, "DATE_TRUNC('year', {col})");

    @Override
    public String id() {
        return "${engine}";
    }

    @Override
    public String displayName() {
        return "${engineName}";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of(URL_PREFIX);
    }

    /** TODO: the URL users fill in, {host}, {port} and {database} being its parts (connection forms are built from it). */
    @Override
    public String urlTemplate() {
        return "${urlTemplate}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(${defaultPort});
    }

    /** The URL handed to the driver: this engine's prefix replaced by the one the driver reads, when they differ. */
    @Override
    public String driverUrl(String jdbcUrl) {
        return URL_PREFIX.equals(DRIVER_URL_PREFIX) ? jdbcUrl : DRIVER_URL_PREFIX + jdbcUrl.substring(URL_PREFIX.length());
    }

    @Override
    public String driverClassName() {
        return "${driverClass}";
    }

    /** TODO: the driver's licence (an SPDX id such as Apache-2.0); true: the plugin zip bundles the driver in lib/. */
    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("${driverGroupId}:${driverArtifactId}:${driverVersion}", "${driverLicense}", true));
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    /**
     * TODO: the column type your engine declares for each generic type; the kit creates a column of each storable type
     * and reads it back as the same generic type.
     */
    @Override
    public String columnTypeFor(GenericType type) {
        return switch (type) {
            case STRING, OTHER -> "VARCHAR(255)";
            case INTEGER -> "INTEGER";
            case DECIMAL -> "DECIMAL(18,4)";
            case FLOAT -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case BINARY -> "VARBINARY(255)";
            case JSON -> "JSON";
        };
    }

    /** TODO: add BINARY and JSON once columnTypeFor names your engine's types for them (their SQL names differ most). */
    @Override
    public Set<GenericType> storableTypes() {
        return EnumSet.of(GenericType.STRING, GenericType.INTEGER, GenericType.DECIMAL, GenericType.FLOAT, GenericType.BOOLEAN,
                GenericType.DATE, GenericType.TIME, GenericType.TIMESTAMP);
    }

    /**
     * TODO: the connection options users may set, each allowed with a rule for its value, for example
     * .allow("ssl", OptionRule.bool()) or .allow("connectTimeout", OptionRule.integer(1, 300)); Syntax.SEMICOLON for
     * jdbc:x:db;name=value URLs. The kit wants a decision on every option the bundled driver knows, so until you make
     * them this skeleton refuses each one the driver reports (user and password stay allowed): nothing unreviewed
     * reaches the driver.
     */
    @Override
    public synchronized ConnectionOptions connectionOptions() {
        if (options == null) { // built once: the driver's list does not change while the plugin is loaded
            ConnectionOptions.Builder builder = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY);
            for (DriverPropertyInfo option : driverOptions()) {
                if (!option.name.equalsIgnoreCase("user") && !option.name.equalsIgnoreCase("password")) {
                    builder.refuse("not reviewed for this connector yet", option.name);
                }
            }
            options = builder.build();
        }
        return options;
    }

    /** The options the bundled driver reports for a sample of the URL template. */
    private DriverPropertyInfo[] driverOptions() {
        String sample = urlTemplate().replace("{host}", "localhost").replace("{port}", "1").replace("{database}", "sample");
        try {
            return loadDriver().getPropertyInfo(driverUrl(sample), new Properties());
        } catch (SQLException e) {
            throw new IllegalStateException("the driver ${driverClass} cannot list its options: " + e.getMessage(), e);
        }
    }

    /** TODO: how your engine stores unquoted names (UPPER as in the SQL standard, LOWER, or AS_IS) and how it quotes them. */
    @Override
    public IdentifierQuoting identifierQuoting() {
        return new IdentifierQuoting("\"", "\"", IdentifierQuoting.IdentifierCase.${identifierCase});
    }

    /**
     * TODO: map your engine's SQLSTATEs or messages to error categories ahead of the standard ones, for example
     * ErrorPatterns.builder().sqlState("42P01", ErrorCategory.MISSING_TABLE).then(ErrorPatterns.standard()).build().
     */
    @Override
    public ErrorPatterns errorPatterns() {
        return ErrorPatterns.standard();
    }

    /**
     * TODO: claim what your engine does beyond the defaults (Capability lists each: CANCEL, CATALOGS, DYNAMIC_SCHEMA...);
     * the kit proves each claim live and checks that an absent one is absent.
     */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
#foreach( $name in $capabilities.split(",") )
#if( $name.trim() != "" && $name.trim() != "none" )
        capabilities.add(Capability.${name.trim()});
#end
#end
        return capabilities;
    }
}
