package dev.dbspec.plugin.kylin;

import static java.util.Map.entry;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Apache Kylin through kylin-jdbc, spec only: a Calcite SQL front end (double quotes, upper-cased names)
 * over pre-built cubes; read-only.
 *
 * <p>Grains are Calcite's {@code FLOOR(ts TO unit)}: 8 of 21. Left out: the week grains, because which
 * day {@code FLOOR(ts TO WEEK)} lands on (Calcite's own floor is Sunday-based) and how day-of-week
 * numbers come back both depend on the engine that answers the query (cube, Calcite or pushdown), so no
 * single template is exact everywhere; and the 5/30-second, 5 to 30-minute and 6-hour steps, whose
 * arithmetic ({@code TIMESTAMPADD} with {@code MOD} of a field) is not known to run on every query path.
 */
@Extension
public final class KylinEngineSpec implements EngineSpec {
    private static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, floor("SECOND")),
            entry(TimeGrain.MINUTE, floor("MINUTE")),
            entry(TimeGrain.HOUR, floor("HOUR")),
            entry(TimeGrain.DAY, floor("DAY")),
            entry(TimeGrain.MONTH, floor("MONTH")),
            entry(TimeGrain.QUARTER, floor("QUARTER")),
            entry(TimeGrain.QUARTER_YEAR, floor("QUARTER")),
            entry(TimeGrain.YEAR, floor("YEAR")));

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "DATE '{value}'", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss.SSS")
            .build();

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("HTTP 401|Unauthorized|Bad credentials", ErrorCategory.BAD_CREDENTIALS)
            .message("project .* (not found|does not exist)|Cannot find project", ErrorCategory.UNKNOWN_DATABASE)
            .message("Object '.*' not found|Table '.*' not found", ErrorCategory.MISSING_TABLE)
            .message("Access is denied|HTTP 403|permission", ErrorCategory.PERMISSION)
            .message("Encountered .* at line|ParseException", ErrorCategory.SYNTAX)
            .message("Connection refused|UnknownHostException", ErrorCategory.UNREACHABLE_HOST)
            .message("timeout|timed out", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    private static String floor(String unit) {
        return "FLOOR(CAST({col} AS TIMESTAMP) TO " + unit + ")";
    }

    @Override
    public String id() {
        return "kylin";
    }

    @Override
    public String displayName() {
        return "Apache Kylin";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:kylin:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:kylin://{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(7070);
    }

    @Override
    public String driverClassName() {
        return "org.apache.kylin.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.apache.kylin:kylin-jdbc:4.0.3", "Apache-2.0", false));
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    @Override
    public DatetimeLiterals datetimeLiterals() {
        return LITERALS;
    }

    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("TIMESTAMPADD(SECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')");
    }

    /** {@code TIMESTAMPADD} has no millisecond unit in Kylin's Calcite, and seconds would drop the fraction. */
    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.empty();
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ERRORS;
    }

    /** Cubes are built from source tables, not uploaded into. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.remove(Capability.FILE_UPLOAD);
        return capabilities;
    }
}
