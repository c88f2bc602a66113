package dev.dbspec.plugin.ibmi;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * IBM Db2 for i (AS/400, IBM i) through the IBM Toolbox for Java (JTOpen) JDBC driver (not bundled), with its own
 * {@code jdbc:as400://system/library} URLs; the host server's database port is fixed by the system (8471), so URLs name
 * no port. Facts from IBM's "Db2 for i SQL reference" (IBM i 7.3 and later) and the Toolbox's "JDBC properties".
 *
 * <p>Grains: {@code TRUNC_TIMESTAMP} with the formats {@code MI}, {@code HH}, {@code DD}, {@code IW} (the ISO week, which
 * starts on Monday), {@code MM}, {@code Q} and {@code YYYY}; seconds drop the microseconds with a labeled duration; the
 * stepped grains add whole steps of the field ({@code MINUTE(ts) / 5 * 5 MINUTES}, integer division) to the enclosing
 * unit's start. Literals are the {@code DATE}, {@code TIME} and {@code TIMESTAMP} functions over ISO strings.
 * {@code FETCH FIRST n ROWS ONLY}; column names hold 128 characters.
 */
@Extension
public final class IbmiEngineSpec extends DeclaredEngineSpec {
    private static final Map<TimeGrain, String> FORMATS = Map.of(TimeGrain.MINUTE, "MI", TimeGrain.HOUR, "HH", TimeGrain.DAY, "DD",
            TimeGrain.WEEK, "IW", TimeGrain.MONTH, "MM", TimeGrain.QUARTER, "Q", TimeGrain.YEAR, "YYYY");

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> unit == TimeGrain.SECOND ? value + " - MICROSECOND(" + value + ") MICROSECONDS"
                    : "TRUNC_TIMESTAMP(" + value + ", '" + FORMATS.get(unit) + "')")
            .stepped((within, field, step, value) -> "TRUNC_TIMESTAMP(" + value + ", '" + FORMATS.get(within) + "') + (" + field + "("
                    + value + ") / " + step + " * " + step + ") " + field + "S")
            .shiftedWeeks((value, days) -> "(" + value + (days < 0 ? " - " : " + ") + Math.abs(days) + " DAYS)")
            .build();

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "DATE('{value}')", "yyyy-MM-dd")
            .add(TemporalType.TIME, "TIME('{value}')", "HH.mm.ss")
            .add(TemporalType.TIMESTAMP, "TIMESTAMP('{value}')", "yyyy-MM-dd-HH.mm.ss.SSSSSS")
            .build();

    /**
     * The Toolbox's JDBC properties whose names have no blank ({@code ;name=value} after the library): naming, library
     * list, error detail, TLS. Refused: a sign-on prompt (a dialog on this server), trace output, and the native driver,
     * which runs on IBM i only. Properties named with blanks cannot be written in a vetted URL.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("naming", OptionRule.oneOf("sql", "system"))
            .allow("libraries", OptionRule.text(1024))
            .allow("errors", OptionRule.oneOf("basic", "full"))
            .allow("secure", OptionRule.bool())
            .refuse("opens a sign-on dialog on this server", "prompt")
            .refuse("writes trace output on this server", "trace")
            .refuse("selects IBM i's native JDBC driver, which runs only on the IBM i system itself", "driver")
            .build();

    public IbmiEngineSpec() {
        super(EngineFacts.builder(IbmiEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("(TIMESTAMP('1970-01-01-00.00.00.000000') + {col} SECONDS)")
                // Whole seconds, then the remaining milliseconds as microseconds: each labeled duration stays an integer.
                .epochMillis(Optional.of("(TIMESTAMP('1970-01-01-00.00.00.000000') + ({col} / 1000) SECONDS + (MOD({col}, 1000) * 1000)"
                        + " MICROSECONDS)"))
                .capabilities(Capability.DYNAMIC_SCHEMA)
                .maxColumnNameLength(128)
                .build());
    }

    @Override
    public LimitSyntax limitSyntax() {
        return LimitSyntax.FETCH_FIRST;
    }
}
