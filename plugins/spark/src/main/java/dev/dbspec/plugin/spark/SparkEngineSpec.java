package dev.dbspec.plugin.spark;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.HiveFamilySpec;
import dev.dbspec.plugin.family.PrefixRewrite;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Spark SQL and Databricks through the Databricks JDBC driver (not bundled): all 21 grains, {@code date_trunc}
 * where Spark has the unit (its WEEK is the ISO week, Monday), Superset's day shifts around it for the weeks
 * starting Sunday and ending Saturday, and the family's session-zone-safe text and {@code next_day} forms for the rest. Legacy {@code jdbc:spark:} URLs (Simba Spark driver) map to {@code jdbc:databricks:}.
 */
@Extension
public final class SparkEngineSpec extends HiveFamilySpec {
    private static final PrefixRewrite SIMBA_PREFIX = new PrefixRewrite("jdbc:spark:", "jdbc:databricks:");

    private static final Map<TimeGrain, String> GRAINS = grains();

    private static Map<TimeGrain, String> grains() {
        Map<TimeGrain, String> grains = new EnumMap<>(HiveFamilySpec.GRAINS);
        // Lower-case units as Superset writes them (Spark reads the unit case-insensitively).
        Map.of(TimeGrain.SECOND, "second", TimeGrain.MINUTE, "minute", TimeGrain.HOUR, "hour", TimeGrain.DAY, "day",
                        TimeGrain.WEEK, "week", TimeGrain.WEEK_STARTING_MONDAY, "week", TimeGrain.MONTH, "month",
                        TimeGrain.QUARTER, "quarter", TimeGrain.QUARTER_YEAR, "quarter", TimeGrain.YEAR, "year")
                .forEach((grain, unit) -> grains.put(grain, "date_trunc('" + unit + "', {col})"));
        // Superset's Sunday-based weeks: a day later, a Sunday is the first day of the next ISO week, so
        // date_trunc('week') gives the Monday after the Sunday that starts the bucket; one day back is that
        // Sunday, five days on the Saturday that ends it. An interval of days on a TIMESTAMP moves the local
        // date in the session time zone and keeps the wall clock (Spark adds days with plusDays on the zoned
        // value, for CalendarInterval and ANSI DAY intervals alike), so the result is that day at 00:00 in the
        // session zone, a TIMESTAMP like every other date_trunc grain; a DATE column is cast by date_trunc.
        grains.put(TimeGrain.WEEK_STARTING_SUNDAY, "date_trunc('week', {col} + interval '1 day') - interval '1 day'");
        grains.put(TimeGrain.WEEK_ENDING_SATURDAY, "date_trunc('week', {col} + interval '1 day') + interval '5 days'");
        return Map.copyOf(grains);
    }

    @Override
    public String id() {
        return "spark";
    }

    @Override
    public String displayName() {
        return "Spark SQL / Databricks";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("databricks");
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:databricks:", "jdbc:spark:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:databricks://{host}:{port};httpPath={http_path}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(443);
    }

    /** The Databricks driver accepts only {@code jdbc:databricks:}; the Simba Spark driver's prefix is rewritten. */
    @Override
    public String driverUrl(String jdbcUrl) {
        return SIMBA_PREFIX.driverUrl(jdbcUrl);
    }

    @Override
    public String driverClassName() {
        return "com.databricks.client.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.databricks:databricks-jdbc:3.4.5", "Apache-2.0", false));
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    /** Spark's TIMESTAMP is an instant: text with an offset becomes that instant. */
    @Override
    public DatetimeLiterals datetimeLiterals() {
        return super.datetimeLiterals().toBuilder()
                .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS TIMESTAMP)", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
                .build();
    }

    /** Exact instants (Spark 3.1+), shown as UTC wall clock when the session time zone is UTC (Databricks' default). */
    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("timestamp_seconds({col})");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.of("timestamp_millis({col})");
    }

    /** Unity Catalog adds catalogs above schemas. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(super.capabilities());
        capabilities.add(Capability.CATALOGS);
        capabilities.add(Capability.DYNAMIC_CATALOG);
        return capabilities;
    }

    /** Spark keeps the case of unquoted names and compares them case-insensitively. */
    @Override
    public IdentifierQuoting identifierQuoting() {
        return IdentifierQuoting.BACKTICKS;
    }

    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(767);
    }
}
