package com.example.dbspec;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.HostAccess;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TimeGrain;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * ExampleDB: a made-up engine that speaks H2's protocol. It shows the whole connector surface in one
 * class: identity, its own URL prefix mapped to the driver's, the bundled driver, grain templates,
 * epoch conversion, error patterns, cancellation and refused URL options.
 */
@Extension
public final class ExampleDbEngineSpec implements EngineSpec {
    private static final String DAY = "DATE_TRUNC('DAY', {col})";

    private static final Map<TimeGrain, String> GRAINS = Map.of(
            TimeGrain.MINUTE, "DATE_TRUNC('MINUTE', {col})",
            TimeGrain.HOUR, "DATE_TRUNC('HOUR', {col})",
            TimeGrain.DAY, DAY,
            TimeGrain.WEEK, "DATEADD(DAY, 1 - ISO_DAY_OF_WEEK({col}), " + DAY + ")",
            TimeGrain.MONTH, "DATE_TRUNC('MONTH', {col})",
            TimeGrain.QUARTER, "DATE_TRUNC('QUARTER', {col})",
            TimeGrain.YEAR, "DATE_TRUNC('YEAR', {col})");

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .sqlState("42001", ErrorCategory.SYNTAX)
            .sqlState("42S04", ErrorCategory.MISSING_TABLE)
            .sqlState("42S02", ErrorCategory.MISSING_TABLE)
            .then(ErrorPatterns.standard())
            .build();

    @Override
    public String id() {
        return "exampledb";
    }

    @Override
    public String displayName() {
        return "ExampleDB";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:exampledb:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:exampledb:mem:{database}";
    }

    /** ExampleDB URLs are H2 URLs under another name. */
    @Override
    public String driverUrl(String jdbcUrl) {
        return "jdbc:h2:" + jdbcUrl.substring("jdbc:exampledb:".length());
    }

    @Override
    public String driverClassName() {
        return "org.h2.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.h2database:h2:2.3.232", "MPL-2.0 OR EPL-1.0", true));
    }

    /**
     * The connection options the driver may read, each with a rule for its value; anything else is refused.
     * The default strict parser reads {@code jdbc:exampledb:mem:name;NAME=value} and refuses what drivers
     * read in different ways (escapes such as {@code IN\IT}, percent-encoding, non-ASCII, duplicates).
     */
    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("MODE", OptionRule.oneOf("REGULAR", "PostgreSQL", "MySQL"))
            .allow("DB_CLOSE_DELAY", OptionRule.integer(-1, 3600))
            .refuse("runs arbitrary SQL when connecting", "INIT")
            .refuse("opens a TCP server on the host's network interfaces", "AUTO_SERVER")
            .build();

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    /**
     * H2 runs inside the host: SQL that reads or writes the host's files or runs Java there is refused by a
     * server with confined files. A deny list must be complete: each statement (the pipeline ignores OR REPLACE,
     * FORCE and TEMPORARY after CREATE), and EXECUTE IMMEDIATE, which runs any of them from a string. Pair it with {@code sqlFamily()} returning the family
     * whose lexical rules are the engine's own, so comments and strings are read as the engine reads them.
     */
    @Override
    public HostAccess hostAccess() {
        return new HostAccess(
                List.of("EXECUTE IMMEDIATE", "CREATE ALIAS", "CREATE TRIGGER", "CREATE AGGREGATE", "CREATE LINKED", "SCRIPT", "RUNSCRIPT", "BACKUP"),
                Set.of("FILE_READ", "FILE_WRITE", "CSVREAD", "CSVWRITE", "LINK_SCHEMA", "DATABASE_EVENT_LISTENER"));
    }

    @Override
    public SqlFamily sqlFamily() {
        return SqlFamily.H2;
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("DATEADD(SECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.of("DATEADD(MILLISECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')");
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ERRORS;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.CANCEL);
        // Claims the kit proves live (an H2 database): its name is a catalog, and setSchema switches the schema.
        capabilities.add(Capability.CATALOGS);
        capabilities.add(Capability.DYNAMIC_SCHEMA);
        return capabilities;
    }

    @Override
    public Optional<String> longRunningQuery() {
        return Optional.of("SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) A, SYSTEM_RANGE(1, 100000) B WHERE A.X + B.X > 0");
    }
}
