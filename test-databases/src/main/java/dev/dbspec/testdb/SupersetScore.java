package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Superset's score of an engine spec (21 time grains x 1 + 18 features x 10 = 201, the feature list of Superset's
 * {@code lib.py}), split into what the spec claims and what the live checks proved. A grain or feature is
 * {@link Verdict#VERIFIED} only when its checks ran on the live database and passed; a claim no check could make here
 * is {@link Verdict#NOT_CHECKABLE} and scores nothing in {@code verified}.
 *
 * @param grains   each grain (ISO name) -> verdict
 * @param features each of Superset's 18 features -> verdict
 * @param verified grains and features proven live (1 per grain, 10 per feature)
 * @param claimed  grains and features the spec claims
 * @param max      201
 */
public record SupersetScore(Map<String, Verdict> grains, Map<String, FeatureVerdict> features, int verified, int claimed, int max) {
    public SupersetScore {
        grains = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(grains, "grains is null")));
        features = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(features, "features is null")));
    }

    /** What became of a claim. */
    public enum Verdict {
        /** Claimed, and its live checks passed. */
        VERIFIED,
        /** One of its live checks failed (a claimed feature that does not work, or an absent one that does). */
        FAILED,
        /** Claimed, but no live check could be made here (a feature with no check yet, a spec-only engine, no such object). */
        NOT_CHECKABLE,
        /** Not claimed. */
        ABSENT
    }

    /**
     * One feature's verdict.
     *
     * @param claimed whether the spec claims it
     * @param checks  the ids of the live checks behind it
     * @param detail  why, for people
     */
    public record FeatureVerdict(boolean claimed, Verdict verdict, List<String> checks, String detail) {
        public FeatureVerdict {
            requireNonNull(verdict, "verdict is null");
            checks = List.copyOf(checks);
            requireNonNull(detail, "detail is null");
        }
    }

    /** Superset's 18 scored features, in its order (basic, nice-to-have, advanced). */
    public static final List<String> FEATURES = List.of(
            "masked_encrypted_extra", "column_type_mapping", "function_names",
            "user_impersonation", "file_upload", "get_extra_table_metadata", "dbapi_exception_mapping", "custom_errors",
            "dynamic_schema", "catalog", "dynamic_catalog", "ssh_tunneling", "query_cancelation", "get_metrics",
            "where_latest_partition",
            "expand_data", "query_cost_estimation", "sql_validation");

    /** 21 grains x 1 + 18 features x 10. */
    public static final int MAX = TimeGrain.values().length + 10 * FEATURES.size();

    /** The live checks behind each feature (their {@link CheckResult#id()}s); a feature without one cannot be verified yet. */
    public static final Map<String, Set<String>> CHECKS = Map.ofEntries(
            Map.entry("masked_encrypted_extra", Set.of("connection-parameters")),
            Map.entry("column_type_mapping", Set.of("types")),
            Map.entry("function_names", Set.of("function-names")),
            Map.entry("user_impersonation", Set.of("user-impersonation")),
            Map.entry("file_upload", Set.of(UploadChecks.ID)),
            Map.entry("get_extra_table_metadata", Set.of("extra-table-metadata")),
            Map.entry("dbapi_exception_mapping", Set.of("error.syntax", "error.missing_table")),
            Map.entry("custom_errors", Set.of("error.bad_credentials", "error.unknown_database", "error.unreachable_host", "error.timeout")),
            Map.entry("dynamic_schema", Set.of("capability.dynamic_schema")),
            Map.entry("catalog", Set.of("capability.catalogs")),
            Map.entry("dynamic_catalog", Set.of("capability.dynamic_catalog")),
            Map.entry("ssh_tunneling", Set.of("ssh-tunneling")),
            Map.entry("query_cancelation", Set.of("cancel")),
            Map.entry("get_metrics", Set.of("default-metrics")),
            Map.entry("where_latest_partition", Set.of("latest-partition")),
            Map.entry("expand_data", Set.of("expand-data")),
            Map.entry("query_cost_estimation", Set.of("cost-estimation")),
            Map.entry("sql_validation", Set.of("sql-validation")));

    /** Whether {@code spec} claims {@code feature} (one of {@link #FEATURES}). */
    public static boolean claims(EngineSpec spec, String feature) {
        return switch (feature) {
            case "masked_encrypted_extra" -> spec.has(Capability.CONNECTION_PARAMETERS);
            // Every spec maps the native types its driver reports to generic ones (its own table or the JDBC default):
            // the live check says whether the mapping is right.
            case "column_type_mapping" -> true;
            case "function_names" -> spec.has(Capability.FUNCTION_NAMES);
            case "user_impersonation" -> spec.has(Capability.USER_IMPERSONATION);
            case "file_upload" -> spec.has(Capability.FILE_UPLOAD);
            case "get_extra_table_metadata" -> spec.has(Capability.EXTRA_TABLE_METADATA);
            // Every spec classifies errors (by SQLSTATE at least): the live checks say whether the categories are right.
            case "dbapi_exception_mapping", "custom_errors" -> true;
            case "dynamic_schema" -> spec.has(Capability.DYNAMIC_SCHEMA);
            case "catalog" -> spec.has(Capability.CATALOGS);
            case "dynamic_catalog" -> spec.has(Capability.DYNAMIC_CATALOG);
            // A host feature: claimed for every engine whose URL has a host and a port (dev.dbspec.tunnel.SshTunnels#claimed).
            case "ssh_tunneling" -> dev.dbspec.tunnel.SshTunnels.claimed(spec);
            case "query_cancelation" -> spec.cancelMethod() != CancelMethod.NONE;
            case "get_metrics" -> spec.has(Capability.DEFAULT_METRICS);
            case "where_latest_partition" -> spec.has(Capability.LATEST_PARTITION);
            case "expand_data" -> spec.has(Capability.EXPAND_DATA);
            case "query_cost_estimation" -> spec.has(Capability.COST_ESTIMATION);
            case "sql_validation" -> spec.has(Capability.SQL_VALIDATION);
            default -> throw new IllegalArgumentException("not one of Superset's features: " + feature);
        };
    }

    /** The claims of {@code spec} alone, before any live check: every claim {@link Verdict#NOT_CHECKABLE}. */
    public static SupersetScore claimsOf(EngineSpec spec) {
        return of(spec, List.of());
    }

    /** The claims of {@code spec} judged by the {@code results} of the live checks. */
    public static SupersetScore of(EngineSpec spec, List<CheckResult> results) {
        requireNonNull(spec, "spec is null");
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        for (CheckResult result : requireNonNull(results, "results is null")) {
            byId.put(result.id(), result);
        }
        Map<String, Verdict> grains = new LinkedHashMap<>();
        int verified = 0;
        int claimed = 0;
        for (TimeGrain grain : TimeGrain.values()) {
            boolean claim = spec.timeGrainExpression(grain).isPresent();
            Verdict verdict = verdict(claim, Collections.singletonList(byId.get("grain." + grain.iso())));
            grains.put(grain.iso(), verdict);
            claimed += claim ? 1 : 0;
            verified += verdict == Verdict.VERIFIED ? 1 : 0;
        }
        Map<String, FeatureVerdict> features = new LinkedHashMap<>();
        for (String feature : FEATURES) {
            boolean claim = claims(spec, feature);
            List<String> ids = CHECKS.get(feature).stream().sorted().toList();
            List<CheckResult> behind = new ArrayList<>();
            ids.forEach(id -> behind.add(byId.get(id)));
            Verdict verdict = verdict(claim, behind);
            features.put(feature, new FeatureVerdict(claim, verdict, ids, detail(claim, verdict, behind, ids)));
            claimed += claim ? 10 : 0;
            verified += verdict == Verdict.VERIFIED ? 10 : 0;
        }
        return new SupersetScore(grains, features, verified, claimed, MAX);
    }

    private static Verdict verdict(boolean claimed, List<CheckResult> behind) {
        boolean failed = behind.stream().anyMatch(result -> result != null && result.failed());
        if (failed) {
            return Verdict.FAILED;
        }
        if (!claimed) {
            return Verdict.ABSENT;
        }
        boolean passed = behind.stream().anyMatch(result -> result != null && result.status() == CheckResult.Status.PASSED);
        return passed ? Verdict.VERIFIED : Verdict.NOT_CHECKABLE;
    }

    private static String detail(boolean claimed, Verdict verdict, List<CheckResult> behind, List<String> ids) {
        return switch (verdict) {
            case VERIFIED -> "verified live by " + String.join(", ", behind.stream()
                    .filter(result -> result != null && result.status() == CheckResult.Status.PASSED).map(CheckResult::id).toList());
            case FAILED -> "failed live: " + String.join("; ", behind.stream()
                    .filter(result -> result != null && result.failed()).map(result -> result.id() + ": " + result.detail()).toList());
            case NOT_CHECKABLE -> ids.isEmpty() ? "claimed; dbspec has no live check for it yet"
                    : "claimed; not checkable here (" + String.join("; ", behind.stream().filter(result -> result != null)
                    .map(result -> result.id() + ": " + result.detail()).toList()) + (behind.stream().allMatch(r -> r == null) ? "no live run" : "") + ")";
            case ABSENT -> claimed ? "claimed" : "not claimed";
        };
    }

    /** The verified score's share of each verdict, for reports: how many grains and features got each verdict. */
    public Map<Verdict, Integer> featureCounts() {
        Map<Verdict, Integer> counts = new LinkedHashMap<>();
        for (Verdict verdict : Verdict.values()) {
            counts.put(verdict, (int) features.values().stream().filter(f -> f.verdict() == verdict).count());
        }
        return counts;
    }
}
