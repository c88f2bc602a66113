package dev.dbspec.plugin.netezza;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
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
            .refuseLogDirectory("logDirPath")
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

    /** The options of the URL and properties as a strict reader sees them (not pgjdbc's parser: this driver has its own). */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        return OPTIONS.parseStrictly(id(), jdbcUrl, properties);
    }

    public NetezzaEngineSpec() {
        super(facts(NetezzaEngineSpec.class)
                // The IBM Netezza JDBC driver's documented connection properties (Netezza JDBC connection string keys).
                .options(OPTIONS)
                .quoting(IdentifierQuoting.ANSI)
                .grains(GRAINS)
                // No TIMESTAMP WITH TIME ZONE type (only TIME WITH TIME ZONE).
                .literals(DatetimeLiterals.ansi().toBuilder().remove(TemporalType.TIMESTAMP_WITH_TIME_ZONE).build())
                // Superset's epoch form over fractional seconds (no millisecond interval unit is assumed).
                .epochMillis(Optional.of("(TIMESTAMP 'epoch' + ({col} / 1000.0) * INTERVAL '1 second')"))
                .maxColumnNameLength(128)
                .build());
    }
}
