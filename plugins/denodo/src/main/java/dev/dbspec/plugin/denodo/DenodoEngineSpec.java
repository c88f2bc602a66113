package dev.dbspec.plugin.denodo;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Denodo Virtual DataPort (VQL) through Denodo's JDBC driver (proprietary; downloaded from community.denodo.com/drivers
 * or taken from the platform's installation, in no public Maven repository, not bundled: the coordinates name that jar),
 * {@code jdbc:vdb://host:9999/database}.
 * Facts from community.denodo.com, "Virtual DataPort VQL Guide": {@code TRUNC(timestamp, pattern)} with Oracle's patterns,
 * {@code ADDDAY}, {@code TO_DATE}/{@code TO_TIMESTAMP(pattern, value)} with Java patterns, {@code GETTIMEFROMMILLIS}.
 *
 * <p>Grains are Superset's Denodo templates, except the week: {@code TRUNC(x,'W')} truncates to the weekday the month
 * started on, so the ISO week is {@code 'IW'}; Sunday-based weeks shift it by a day with {@code ADDDAY}. VQL has no
 * seconds pattern and no stepped buckets. Literals are Superset's (millisecond timestamps).
 */
@Extension
public final class DenodoEngineSpec extends DeclaredEngineSpec {
    private static final Map<TimeGrain, String> PATTERNS = Map.of(TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH", TimeGrain.DAY, "DDD",
            TimeGrain.WEEK, "IW", TimeGrain.MONTH, "MONTH", TimeGrain.QUARTER, "Q", TimeGrain.YEAR, "YEAR");

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "TRUNC(" + value + ",'" + PATTERNS.get(unit) + "')", TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY,
                    TimeGrain.WEEK, TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .shiftedWeeks((value, days) -> "ADDDAY(" + value + ", " + days + ")")
            .build();

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "TO_DATE('yyyy-MM-dd', '{value}')", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "TO_TIMESTAMP('yyyy-MM-dd HH:mm:ss.SSS', '{value}')", "yyyy-MM-dd HH:mm:ss.SSS")
            .build();

    /**
     * The Denodo JDBC driver's URL parameters ({@code ?name=value&...}): timeouts, chunking, the user agent, locale, TLS
     * and WAN optimisation. Anything else, such as Kerberos sign-in with this host's tickets, is not on the list.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.integer(0, 86_400_000), "queryTimeout", "chunkTimeout")
            .allow("chunkSize", OptionRule.integer(1, 100_000))
            .allow(OptionRule.text(128), "userAgent", "i18n")
            .allow(OptionRule.bool(), "ssl", "wanOptimizedCalls", "reuseRegistrySocket")
            .refuse("signs in with Kerberos as this host, from its own tickets or keytab", "useKerberos", "kerberosKeytab",
                    "kerberosUseTicketCache")
            .build();

    public DenodoEngineSpec() {
        super(EngineFacts.builder(DenodoEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("GETTIMEFROMMILLIS({col} * 1000)")
                .epochMillis(Optional.of("GETTIMEFROMMILLIS({col})"))
                .build());
    }
}
