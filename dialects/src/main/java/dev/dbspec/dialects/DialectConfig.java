package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;

/**
 * What the SQL pipeline needs to know about one engine: its grammar family (which selects the parser
 * configuration), how rows are capped, the limit syntax for the connected server version, how
 * identifiers are quoted and case-folded, and the {@link SqlLimits} on the work one script may cost.
 *
 * <p>Build one from an installed spec with {@link #of(EngineSpec)} or {@link #of(EngineSpec, String)};
 * build one directly for engines that have no plugin yet.
 */
public record DialectConfig(
        String engineId,
        SqlFamily family,
        LimitMethod limitMethod,
        LimitSyntax limitSyntax,
        IdentifierQuoting quoting,
        SqlLimits limits) {

    public DialectConfig {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(family, "family is null");
        requireNonNull(limitMethod, "limitMethod is null");
        requireNonNull(limitSyntax, "limitSyntax is null");
        requireNonNull(quoting, "quoting is null");
        requireNonNull(limits, "limits is null");
    }

    /** A configuration with the {@link SqlLimits#DEFAULTS default limits}. */
    public DialectConfig(String engineId, SqlFamily family, LimitMethod limitMethod, LimitSyntax limitSyntax, IdentifierQuoting quoting) {
        this(engineId, family, limitMethod, limitSyntax, quoting, SqlLimits.DEFAULTS);
    }

    /** The configuration of {@code spec}, with the limit syntax of its newest server version. */
    public static DialectConfig of(EngineSpec spec) {
        requireNonNull(spec, "spec is null");
        return new DialectConfig(spec.id(), spec.sqlFamily(), spec.limitMethod(), spec.limitSyntax(), spec.identifierQuoting());
    }

    /**
     * The configuration of {@code spec} for a server reporting {@code databaseVersion}
     * ({@code DatabaseMetaData.getDatabaseProductVersion()}), for engines whose limit syntax changed.
     */
    public static DialectConfig of(EngineSpec spec, String databaseVersion) {
        requireNonNull(spec, "spec is null");
        requireNonNull(databaseVersion, "databaseVersion is null");
        return new DialectConfig(spec.id(), spec.sqlFamily(), spec.limitMethod(), spec.limitSyntax(databaseVersion),
                spec.identifierQuoting());
    }

    /** This configuration with another limit method. */
    public DialectConfig withLimitMethod(LimitMethod method) {
        return new DialectConfig(engineId, family, method, limitSyntax, quoting, limits);
    }

    /** This configuration with another limit syntax. */
    public DialectConfig withLimitSyntax(LimitSyntax syntax) {
        return new DialectConfig(engineId, family, limitMethod, syntax, quoting, limits);
    }

    /** This configuration with other bounds on the work a script may cost. */
    public DialectConfig withLimits(SqlLimits sqlLimits) {
        return new DialectConfig(engineId, family, limitMethod, limitSyntax, quoting, sqlLimits);
    }
}
