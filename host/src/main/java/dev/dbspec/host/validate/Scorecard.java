package dev.dbspec.host.validate;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static diagnosis of an engine spec: its details, a Superset-compatible score (21 grains x 1 + 18
 * features x 10 = 201, the same feature list as Superset's {@code lib.py}) and dbspec's own fuller score,
 * which counts every claim the live checks can prove.
 *
 * @param details       label -> value, for people
 * @param grains        each of the 21 grains -> supported
 * @param features      each of Superset's 18 features -> supported
 * @param supersetScore Superset-compatible score
 * @param supersetMax   201
 * @param dbspecScore   claims made (grains, literals, epochs, error patterns, type mapping, capabilities, cancel)
 * @param dbspecMax     the maximum of dbspecScore
 */
public record Scorecard(Map<String, String> details, Map<String, Boolean> grains, Map<String, Boolean> features,
                        int supersetScore, int supersetMax, int dbspecScore, int dbspecMax) {
    public Scorecard {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(details, "details is null")));
        grains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grains));
        features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /** Superset's 18 scored features, in its order (basic, nice-to-have, advanced). */
    public static final List<String> SUPERSET_FEATURES = List.of(
            "masked_encrypted_extra", "column_type_mapping", "function_names",
            "user_impersonation", "file_upload", "get_extra_table_metadata", "dbapi_exception_mapping", "custom_errors",
            "dynamic_schema", "catalog", "dynamic_catalog", "ssh_tunneling", "query_cancelation", "get_metrics",
            "where_latest_partition",
            "expand_data", "query_cost_estimation", "sql_validation");

    public static Scorecard of(EngineSpec spec) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Engine", spec.displayName() + " (" + spec.id() + ")");
        details.put("Limit method", spec.limitMethod().name() + ": " + spec.limitMethod().description());
        details.put("Limit syntax", spec.limitSyntax().name());
        details.put("SQL family", spec.sqlFamily().name());
        details.put("URL prefixes", String.join(" ", spec.urlPrefixes()));
        details.put("Driver", spec.driverClassName() + spec.driverArtifact().map(a -> " (" + a.mavenCoordinates() + ", " + a.license() + ")").orElse(""));
        details.put("Identifier quoting", spec.identifierQuoting().open() + "name" + spec.identifierQuoting().close()
                + ", unquoted " + spec.identifierQuoting().unquotedCase());
        details.put("Max column name length", spec.maxColumnNameLength().isPresent() ? Integer.toString(spec.maxColumnNameLength().getAsInt()) : "unbounded");
        details.put("Cancel", spec.cancelMethod().name());
        for (Capability capability : Capability.values()) {
            details.put(capability.description(), spec.has(capability) ? "yes" : "no");
        }

        Map<String, Boolean> grains = new LinkedHashMap<>();
        for (TimeGrain grain : TimeGrain.values()) {
            grains.put(grain.name(), spec.timeGrainExpression(grain).isPresent());
        }
        boolean customTypes = spec.columnTypes() != ColumnTypes.defaults();
        boolean customErrors = spec.errorPatterns() != ErrorPatterns.standard();
        Map<String, Boolean> features = new LinkedHashMap<>();
        for (String feature : SUPERSET_FEATURES) {
            features.put(feature, switch (feature) {
                case "column_type_mapping" -> customTypes;
                case "file_upload" -> spec.has(Capability.FILE_UPLOAD);
                case "dbapi_exception_mapping", "custom_errors" -> customErrors;
                case "dynamic_schema" -> spec.has(Capability.DYNAMIC_SCHEMA);
                case "catalog" -> spec.has(Capability.CATALOGS);
                case "dynamic_catalog" -> spec.has(Capability.DYNAMIC_CATALOG);
                case "ssh_tunneling" -> spec.has(Capability.SSH_TUNNELING);
                case "query_cancelation" -> spec.cancelMethod() != CancelMethod.NONE;
                default -> false; // not modelled by dbspec specs
            });
        }
        int supersetScore = (int) grains.values().stream().filter(b -> b).count()
                + 10 * (int) features.values().stream().filter(b -> b).count();
        int supersetMax = TimeGrain.values().length + 10 * SUPERSET_FEATURES.size();

        List<Boolean> claims = new ArrayList<>(grains.values());
        for (TemporalType type : TemporalType.values()) {
            claims.add(spec.datetimeLiterals().supports(type));
        }
        claims.add(spec.epochSecondsToDatetime().isPresent());
        claims.add(spec.epochMillisToDatetime().isPresent());
        claims.add(customErrors);
        claims.add(customTypes);
        claims.add(spec.cancelMethod() != CancelMethod.NONE);
        claims.add(spec.connectionOptions().allowedOptions().size() > 2 || !spec.forbiddenUrlOptions().isEmpty()); // a declared allow-list
        claims.add(spec.driverArtifact().isPresent());
        for (Capability capability : Capability.values()) {
            claims.add(spec.has(capability));
        }
        int dbspecScore = (int) claims.stream().filter(b -> b).count();
        return new Scorecard(details, grains, features, supersetScore, supersetMax, dbspecScore, claims.size());
    }
}
