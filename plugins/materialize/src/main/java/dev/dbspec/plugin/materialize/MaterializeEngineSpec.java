package dev.dbspec.plugin.materialize;

import dev.dbspec.api.Capability;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Materialize through pgjdbc (not bundled), under its own {@code jdbc:materialize:} prefix (port 6875): the PostgreSQL
 * family's {@code DATE_TRUNC} grains (Materialize's {@code date_trunc} takes second to year, weeks start on Monday) and
 * Sunday weeks by adding day intervals; typed literals. Facts from materialize.com/docs/sql/functions/date-trunc,
 * .../functions/to_timestamp ({@code to_timestamp(double)} gives a {@code timestamptz}) and
 * .../functions/timezone-and-at-time-zone (the zone must be cast explicitly, a known limitation).
 *
 * <p>Left out: the seven stepped grains (5 and 30 seconds, 5 to 30 minutes, 6 hours), which multiply an interval by the
 * {@code numeric} that {@code EXTRACT} returns, an operator Materialize's documentation does not list; and epoch
 * milliseconds, which would pass a {@code double} fraction of a second to {@code to_timestamp}. Cancellation and function
 * listing are not claimed.
 */
@Extension
public final class MaterializeEngineSpec extends PgWireFamilySpec {
    private static final List<TimeGrain> STEPPED = List.of(TimeGrain.FIVE_SECONDS, TimeGrain.THIRTY_SECONDS, TimeGrain.FIVE_MINUTES,
            TimeGrain.TEN_MINUTES, TimeGrain.FIFTEEN_MINUTES, TimeGrain.THIRTY_MINUTES, TimeGrain.HALF_HOUR, TimeGrain.SIX_HOURS);

    private static final Map<TimeGrain, String> GRAINS = withoutSteps();

    private static Map<TimeGrain, String> withoutSteps() {
        Map<TimeGrain, String> grains = new EnumMap<>(PostgresFamilySpec.GRAINS);
        STEPPED.forEach(grains::remove);
        return Map.copyOf(grains);
    }

    public MaterializeEngineSpec() {
        super(facts("materialize", "Materialize", "jdbc:materialize:")
                .port(6875)
                .grains(GRAINS)
                // Materialize has no 'epoch' timestamp input; to_timestamp answers in UTC as a timestamptz, read back at UTC.
                .epochSeconds("(TO_TIMESTAMP({col}) AT TIME ZONE 'UTC'::text)")
                .epochMillis(Optional.empty())
                // The family lists functions through pg_function_is_visible, which no check here has run on Materialize.
                .withoutCapabilities(Capability.FUNCTION_NAMES)
                .build());
    }
}
