package dev.dbspec.plugin.monetdb;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/**
 * MonetDB through its JDBC driver (MPL-2.0, not bundled), which MonetDB distributes from monetdb.org's download area and
 * publishes to Clojars as {@code monetdb:monetdb-jdbc}, not to Maven Central (the coordinates name that jar; Clojars was
 * not reachable from the build machine, so the version is not checked), {@code jdbc:monetdb://host:50000/db}. Facts from monetdb.org's SQL reference
 * ("Date/Time Functions", "Temporal Types", "Lexical Structure").
 *
 * <p>Grains: {@code DATE_TRUNC(unit, ts)} for second to year (its week starts on Monday); stepped grains add whole steps
 * of the field, as an integer, to the enclosing unit's start ({@code EXTRACT(SECOND ...)} has a fraction, hence the
 * {@code FLOOR}). Literals are the SQL standard's with microseconds; unquoted names are lower case.
 */
@Extension
public final class MonetdbEngineSpec extends DeclaredEngineSpec {
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "DATE_TRUNC('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")")
            .stepped((within, field, step, value) -> "DATE_TRUNC('" + within.name().toLowerCase(Locale.ROOT) + "', " + value + ") + INTERVAL '1' "
                    + field + " * CAST(FLOOR(EXTRACT(" + field + " FROM " + value + ") / " + step + ") * " + step + " AS INT)")
            .shiftedWeeks((value, days) -> "(" + value + (days < 0 ? " - " : " + ") + "INTERVAL '" + Math.abs(days) + "' DAY)")
            .build();

    /**
     * The MonetDB JDBC driver's connection properties ({@code ?name=value&...}): socket timeout, fetch size, type mapping,
     * TLS with a certificate file inside the files directory or a certificate hash, client information. Refused: the
     * driver's debug log, written to a local file, and languages other than SQL (MAL reaches the database kernel).
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("so_timeout", OptionRule.integer(0, 86_400_000))
            .allow(OptionRule.integer(-1, 1_000_000), "fetchsize", "replysize")
            .allow(OptionRule.bool(), "treat_blob_as_binary", "treat_clob_as_varchar", "autocommit", "client_info", "tls")
            .allow("language", OptionRule.oneOf("sql"))
            .allow("cert", OptionRule.localPath())
            .allow("certhash", OptionRule.text(128))
            .allow(OptionRule.text(64), "client_application", "client_remark")
            .refuse("writes the driver's debug log to a file on this server", "debug", "logfile")
            .build();

    public MonetdbEngineSpec() {
        super(EngineFacts.builder(MonetdbEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(DatetimeLiterals.typed(6))
                .epochSeconds("(TIMESTAMP '1970-01-01 00:00:00' + INTERVAL '1' SECOND * {col})")
                .quoting(IdentifierQuoting.DOUBLE_QUOTES_LOWER)
                .maxColumnNameLength(1024)
                .build());
    }
}
