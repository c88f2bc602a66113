package dev.dbspec.testdb;

import static dev.dbspec.testdb.Checks.fail;
import static dev.dbspec.testdb.Checks.pass;
import static dev.dbspec.testdb.Checks.timed;
import static dev.dbspec.testdb.Checks.withTable;
import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.TemporalType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

/**
 * The claims of how the host may read an engine's result values, each proven on values stored in a scratch table:
 * {@link EngineSpec#timestampsAsLocalDateTime()} (every stored timestamp comes back from {@code getObject(column,
 * LocalDateTime.class)} as it was written, in a JVM whose zone has a daylight-saving gap and overlap at those times) and
 * {@link EngineSpec#decimalsAsText()} ({@code getString} on a {@code DECIMAL} column is the driver's {@link BigDecimal},
 * every digit and the scale). An unclaimed one is not checked: the host then reads with {@code getObject}.
 */
public final class ValueReadChecks {
    public static final String TIMESTAMPS = "reads.timestamps";
    public static final String DECIMALS = "reads.decimals";

    /** Times inside Europe/Berlin's 2024 gap (02:30 does not exist on 31 March) and overlap (02:30 twice on 27 October). */
    static final List<LocalDateTime> TIMESTAMP_VALUES = List.of(LocalDateTime.of(2024, 3, 31, 2, 30),
            LocalDateTime.of(2024, 10, 27, 2, 30, 15), LocalDateTime.of(2024, 6, 1, 12, 0, 0, 125_000_000),
            LocalDateTime.of(1999, 12, 31, 23, 59, 59));

    static final List<String> DECIMAL_VALUES = List.of("0.0000001", "12345678901234567890.123456789", "-2.5", "0");

    private final EngineSpec spec;
    private final LiveChecks.ConnectionSource source;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    public ValueReadChecks(EngineSpec spec, LiveChecks.ConnectionSource source) {
        this.spec = requireNonNull(spec, "spec is null");
        this.source = requireNonNull(source, "source is null");
    }

    /** The checks of what the spec claims (none when it claims neither). */
    public List<CheckResult> claimed() {
        List<CheckResult> results = new ArrayList<>();
        if (spec.timestampsAsLocalDateTime()) {
            results.add(timestamps());
        }
        if (spec.decimalsAsText()) {
            results.add(decimals());
        }
        return results;
    }

    /** {@code reads.timestamps}. */
    public CheckResult timestamps() {
        String table = "dbspec_rts_" + suffix;
        return timed(TIMESTAMPS, "TIMESTAMP values read as LocalDateTime are the values stored", () -> {
            TimeZone zone = TimeZone.getDefault();
            // a zone with a gap and an overlap at the stored times: a value read through Timestamp there moves 02:30 to 03:30
            TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                return withTable(spec, statement, table, "id INTEGER, v " + spec.columnTypeFor(GenericType.TIMESTAMP), () -> {
                    for (int i = 0; i < TIMESTAMP_VALUES.size(); i++) {
                        String literal = spec.datetimeLiteral(TemporalType.TIMESTAMP, TIMESTAMP_VALUES.get(i))
                                .orElseThrow(() -> new IllegalStateException("no TIMESTAMP literal"));
                        statement.executeUpdate("INSERT INTO " + table + " (id, v) VALUES (" + i + ", " + literal + ")");
                    }
                    List<String> wrong = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery("SELECT id, v FROM " + table + " ORDER BY id")) {
                        while (rs.next()) {
                            LocalDateTime expected = TIMESTAMP_VALUES.get(rs.getInt(1));
                            LocalDateTime read = rs.getObject(2, LocalDateTime.class);
                            if (!expected.equals(read)) {
                                wrong.add(expected + " read as " + read);
                            }
                        }
                    }
                    return wrong.isEmpty() ? pass(TIMESTAMP_VALUES.size() + " values in Europe/Berlin, gap and overlap included")
                            : fail("claimed, but " + String.join("; ", wrong));
                });
            } finally {
                TimeZone.setDefault(zone);
            }
        });
    }

    /** {@code reads.decimals}. */
    public CheckResult decimals() {
        String table = "dbspec_rdc_" + suffix;
        return timed(DECIMALS, "DECIMAL values read as text are the driver's BigDecimal, every digit and the scale", () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                return withTable(spec, statement, table, "id INTEGER, v DECIMAL(30,10)", () -> {
                    for (int i = 0; i < DECIMAL_VALUES.size(); i++) {
                        statement.executeUpdate("INSERT INTO " + table + " (id, v) VALUES (" + i + ", CAST('" + DECIMAL_VALUES.get(i)
                                + "' AS DECIMAL(30,10)))");
                    }
                    List<String> wrong = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery("SELECT id, v FROM " + table + " ORDER BY id")) {
                        while (rs.next()) {
                            BigDecimal expected = new BigDecimal(DECIMAL_VALUES.get(rs.getInt(1)));
                            String text = rs.getString(2);
                            BigDecimal object = rs.getBigDecimal(2);
                            if (text == null || object == null || !new BigDecimal(text).equals(object) || object.compareTo(expected) != 0) {
                                wrong.add(expected + " read as text " + text + ", as BigDecimal " + object);
                            }
                        }
                    }
                    return wrong.isEmpty() ? pass(DECIMAL_VALUES.size() + " values of DECIMAL(30,10)")
                            : fail("claimed, but " + String.join("; ", wrong));
                });
            } catch (NumberFormatException e) {
                return fail("claimed, but a text is not a number: " + e.getMessage());
            }
        });
    }
}
