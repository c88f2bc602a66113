package dev.dbspec.plugin.netezza;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import org.pf4j.Extension;

/**
 * IBM Netezza Performance Server through IBM's nzjdbc driver (proprietary, not on Maven Central, not bundled):
 * the calendar grains of its DATE_TRUNC (Superset's set) minus weeks. Left out: all five week grains (the first day
 * of Netezza's DATE_TRUNC week is not documented as Monday, so ISO weeks cannot be promised) and the 5- and 30-second,
 * 5/10/15/30-minute and 6-hour buckets (interval-times-number arithmetic is unverified on Netezza). Unquoted names
 * are upper case.
 */
@Extension
public final class NetezzaEngineSpec extends PostgresFamilySpec {
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("securityLevel", OptionRule.oneOf("onlyUnSecured", "preferredUnSecured", "preferredSecured", "onlySecured"))
            .allow("caCertFile", OptionRule.localPath())
            .allow("loginTimeout", OptionRule.integer(0, 600))
            .allow("schema", OptionRule.text(128))
            .allow("readOnly", OptionRule.bool())
            .allow("batchSize", OptionRule.integer(1, 1_000_000))
            .refuse("writes driver log files to a local directory", "logDirPath")
            .refuse("switches on driver log files, written to a default local directory when logDirPath is not given", "logLevel")
            .build();

    private static final Map<TimeGrain, String> GRAINS = grains();

    private static Map<TimeGrain, String> grains() {
        Map<TimeGrain, String> grains = new EnumMap<>(TimeGrain.class);
        for (TimeGrain grain : Set.of(TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.MONTH,
                TimeGrain.QUARTER, TimeGrain.QUARTER_YEAR, TimeGrain.YEAR)) {
            grains.put(grain, PostgresFamilySpec.GRAINS.get(grain));
        }
        return Map.copyOf(grains);
    }

    @Override
    public String id() {
        return "netezza";
    }

    @Override
    public String displayName() {
        return "IBM Netezza Performance Server";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:netezza:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:netezza://{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(5480);
    }

    @Override
    public String driverClassName() {
        return "org.netezza.Driver";
    }

    /** Nominal coordinates of IBM's nzjdbc3.jar, which ships with the Netezza client packages. */
    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.netezza:nzjdbc3:11.2.1", "proprietary (IBM licence)", false));
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    /** No TIMESTAMP WITH TIME ZONE type (only TIME WITH TIME ZONE). */
    @Override
    public DatetimeLiterals datetimeLiterals() {
        return DatetimeLiterals.ansi().toBuilder().remove(TemporalType.TIMESTAMP_WITH_TIME_ZONE).build();
    }

    /** Superset's epoch form over fractional seconds (no millisecond interval unit is assumed). */
    @Override
    public Optional<String> epochMillisToDatetime() {
        return epochSecondsToDatetime().map(template -> template.replace("{col}", "({col} / 1000.0)"));
    }

    /** The IBM Netezza JDBC driver's documented connection properties (Netezza JDBC connection string keys). */
    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    /** The options of the URL and properties as a strict reader sees them (not pgjdbc's parser: this driver has its own). */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        return OPTIONS.parseStrictly(id(), jdbcUrl, properties);
    }

    @Override
    public IdentifierQuoting identifierQuoting() {
        return IdentifierQuoting.ANSI;
    }

    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(128);
    }
}
