package dev.dbspec.plugin.risingwave;

import dev.dbspec.api.Capability;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * RisingWave through pgjdbc (not bundled), under its own {@code jdbc:risingwave:} prefix: all 21 grains from
 * {@link PostgresFamilySpec}, with the sub-unit step counts cast to integers (RisingWave's EXTRACT returns a
 * decimal) and the epoch spelled out. Cancellation is not claimed (pgwire cancel requests are unverified here).
 */
@Extension
public final class RisingwaveEngineSpec extends PgWireFamilySpec {
    private static final Map<TimeGrain, String> GRAINS = grains();

    private static Map<TimeGrain, String> grains() {
        Map<TimeGrain, String> grains = new EnumMap<>(PostgresFamilySpec.GRAINS);
        grains.put(TimeGrain.FIVE_SECONDS, stepped("minute", "SECOND", "seconds", 5));
        grains.put(TimeGrain.THIRTY_SECONDS, stepped("minute", "SECOND", "seconds", 30));
        grains.put(TimeGrain.FIVE_MINUTES, stepped("hour", "MINUTE", "minutes", 5));
        grains.put(TimeGrain.TEN_MINUTES, stepped("hour", "MINUTE", "minutes", 10));
        grains.put(TimeGrain.FIFTEEN_MINUTES, stepped("hour", "MINUTE", "minutes", 15));
        grains.put(TimeGrain.THIRTY_MINUTES, stepped("hour", "MINUTE", "minutes", 30));
        grains.put(TimeGrain.HALF_HOUR, stepped("hour", "MINUTE", "minutes", 30));
        grains.put(TimeGrain.SIX_HOURS, stepped("day", "HOUR", "hours", 6));
        return Map.copyOf(grains);
    }

    /** Truncates to {@code outer}, then adds whole steps of {@code field}, counted as an integer. */
    private static String stepped(String outer, String field, String intervalUnit, int step) {
        return "DATE_TRUNC('" + outer + "', {col}) + INTERVAL '" + step + " " + intervalUnit + "' * CAST(FLOOR(EXTRACT("
                + field + " FROM {col}) / " + step + ") AS INT)";
    }

    public RisingwaveEngineSpec() {
        super(facts("risingwave", "RisingWave", "jdbc:risingwave:")
                .port(4566)
                .grains(GRAINS)
                .epochSeconds("(TIMESTAMP '1970-01-01 00:00:00' + {col} * INTERVAL '1 second')")
                .epochMillis(Optional.of("(TIMESTAMP '1970-01-01 00:00:00' + {col} * INTERVAL '1 millisecond')"))
                .capabilities(Capability.DYNAMIC_SCHEMA)
                .build());
    }
}
