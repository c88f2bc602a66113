package dev.dbspec.plugin.questdb;

import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * QuestDB over its PostgreSQL wire endpoint through pgjdbc (not bundled), under its own {@code jdbc:questdb:} prefix;
 * port 8812, database {@code qdb}. QuestDB's SQL is not PostgreSQL's, so grains, literals and epochs are its own, from
 * questdb.com/docs (reference, "Timestamp, date and time functions" and "Data types"): {@code date_trunc} for the
 * calendar units, {@code timestamp_floor('5m', ts)} for the steps (it floors from the epoch, and every step here divides
 * a day, so the buckets start at midnight), {@code dateadd('d', n, ts)} for the Sunday-based weeks. Timestamps are
 * microseconds at UTC; a number cast to TIMESTAMP is read as epoch microseconds.
 *
 * <p>{@code date_trunc('week', ...)} is taken to start on Monday as PostgreSQL's does; QuestDB's reference page does not
 * say so (a worked example elsewhere does). Literals are casts of ISO-8601 strings; there is no TIME type.
 */
@Extension
public final class QuestdbEngineSpec extends PgWireFamilySpec {
    /** {@code timestamp_floor}'s unit suffixes. */
    private static final Map<TimeGrain, String> SUFFIXES = Map.of(TimeGrain.SECOND, "s", TimeGrain.MINUTE, "m", TimeGrain.HOUR, "h");

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "date_trunc('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")")
            .stepped((within, field, step, value) -> "timestamp_floor('" + step + SUFFIXES.get(field) + "', " + value + ")")
            .shiftedWeeks((value, days) -> "dateadd('d', " + days + ", " + value + ")")
            .build();

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "CAST('{value}' AS DATE)", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "CAST('{value}Z' AS TIMESTAMP)", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .build();

    public QuestdbEngineSpec() {
        super(facts("questdb", "QuestDB", "jdbc:questdb:")
                .port(8812)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("CAST({col} * 1000000 AS TIMESTAMP)")
                .epochMillis(Optional.of("CAST({col} * 1000 AS TIMESTAMP)"))
                .build());
    }
}
