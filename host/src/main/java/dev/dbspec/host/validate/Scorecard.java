package dev.dbspec.host.validate;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.SupersetScore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The static diagnosis of an engine spec: its details, what it claims of Superset's score (21 grains x 1 + 18
 * features x 10 = 201, the feature list of Superset's {@code lib.py}; {@link SupersetScore} says which claims the live
 * checks proved) and dbspec's own fuller count of claims.
 *
 * @param details         label -> value, for people
 * @param grains          each of the 21 grains -> claimed
 * @param features        each of Superset's 18 features -> claimed
 * @param supersetClaimed the Superset-compatible score the spec claims (not proven: see {@link SupersetScore#verified()})
 * @param supersetMax     201
 * @param dbspecScore   claims made (grains, literals, epochs, error patterns, type mapping, capabilities, cancel)
 * @param dbspecMax     the maximum of dbspecScore
 */
public record Scorecard(Map<String, String> details, Map<String, Boolean> grains, Map<String, Boolean> features,
                        int supersetClaimed, int supersetMax, int dbspecScore, int dbspecMax) {
    public Scorecard {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(details, "details is null")));
        grains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grains));
        features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

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
            details.put(capability.description(), claims(spec, capability) ? "yes" : "no");
        }

        Map<String, Boolean> grains = new LinkedHashMap<>();
        for (TimeGrain grain : TimeGrain.values()) {
            grains.put(grain.name(), spec.timeGrainExpression(grain).isPresent());
        }
        boolean customTypes = spec.columnTypes() != ColumnTypes.defaults();
        boolean customErrors = spec.errorPatterns() != ErrorPatterns.standard();
        SupersetScore claimed = SupersetScore.claimsOf(spec);
        Map<String, Boolean> features = new LinkedHashMap<>();
        claimed.features().forEach((feature, verdict) -> features.put(feature, verdict.claimed()));
        int supersetClaimed = claimed.claimed();
        int supersetMax = SupersetScore.MAX;

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
            claims.add(claims(spec, capability));
        }
        int dbspecScore = (int) claims.stream().filter(b -> b).count();
        return new Scorecard(details, grains, features, supersetClaimed, supersetMax, dbspecScore, claims.size());
    }

    /** The spec's claim, SSH tunneling being the host's ({@link dev.dbspec.tunnel.SshTunnels#claimed}). */
    static boolean claims(EngineSpec spec, Capability capability) {
        return capability == Capability.SSH_TUNNELING ? dev.dbspec.tunnel.SshTunnels.claimed(spec) : spec.has(capability);
    }
}
