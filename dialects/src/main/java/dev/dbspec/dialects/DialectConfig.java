package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;

/**
 * What the SQL pipeline needs to know about one engine: its grammar family (which selects the parser
 * configuration), how rows are capped, the limit syntax for the connected server version, and how
 * identifiers are quoted and case-folded.
 *
 * <p>Build one from an installed spec with {@link #of(EngineSpec)} or {@link #of(EngineSpec, String)};
 * build one directly for engines that have no plugin yet.
 */
public record DialectConfig(
        String engineId,
        SqlFamily family,
        LimitMethod limitMethod,
        LimitSyntax limitSyntax,
        IdentifierQuoting quoting) {

    public DialectConfig {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(family, "family is null");
        requireNonNull(limitMethod, "limitMethod is null");
        requireNonNull(limitSyntax, "limitSyntax is null");
        requireNonNull(quoting, "quoting is null");
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
        return new DialectConfig(engineId, family, method, limitSyntax, quoting);
    }

    /** This configuration with another limit syntax. */
    public DialectConfig withLimitSyntax(LimitSyntax syntax) {
        return new DialectConfig(engineId, family, limitMethod, syntax, quoting);
    }
}
