package dev.dbspec.testdb;

import static dev.dbspec.testdb.Checks.fail;
import static dev.dbspec.testdb.Checks.firstLine;
import static dev.dbspec.testdb.Checks.notCheckable;
import static dev.dbspec.testdb.Checks.pass;
import static dev.dbspec.testdb.Checks.skipped;
import static dev.dbspec.testdb.Checks.timed;
import static dev.dbspec.testdb.Checks.withTable;
import static java.util.Objects.requireNonNull;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnInfo;
import dev.dbspec.api.CostEstimate;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.Metric;
import dev.dbspec.api.SqlValidation;
import dev.dbspec.api.TableDetail;
import dev.dbspec.api.TableName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Live checks of the behaviour a core server needs beyond SQL text, each the executable form of a {@link Capability}:
 * catalogs, switching schema and catalog per query, function names, validation without execution, cost estimation and
 * default metrics. A claimed capability must work on the live database; an absent one must not answer (a spec that
 * lists catalogs or estimates costs without claiming to fails too). Scratch tables are dropped even when a check fails.
 */
public final class BehaviourChecks {
    /** Built-in functions of which any engine lists at least one. */
    static final Set<String> COMMON_FUNCTIONS = Set.of("abs", "upper", "lower", "coalesce", "length", "round", "floor", "count", "sum");

    private final EngineSpec spec;
    private final LiveChecks.ConnectionSource source;
    private final Optional<LiveChecks.Target> target;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    public BehaviourChecks(EngineSpec spec, LiveChecks.ConnectionSource source) {
        this(spec, source, Optional.empty());
    }

    /** With the URL under test, which the catalog check needs on engines that reach another catalog by URL ({@link EngineSpec#catalogUrl}). */
    public BehaviourChecks(EngineSpec spec, LiveChecks.ConnectionSource source, Optional<LiveChecks.Target> target) {
        this.spec = requireNonNull(spec, "spec is null");
        this.source = requireNonNull(source, "source is null");
        this.target = requireNonNull(target, "target is null");
    }

    /** Every check, in order. */
    public List<CheckResult> all() {
        return List.of(catalogs(), dynamicSchema(), dynamicCatalog(), functionNames(), sqlValidation(), costEstimation(), defaultMetrics());
    }

    /**
     * {@link Capability#CATALOGS}: claimed, {@link EngineSpec#catalogs} lists the connection's catalog and a scratch table
     * is read by its name qualified with it ({@link EngineSpec#selectStar}); absent, no catalog is listed.
     */
    public CheckResult catalogs() {
        boolean claimed = spec.has(Capability.CATALOGS);
        String table = "dbspec_cat_" + suffix;
        return timed("capability.catalogs", Capability.CATALOGS.description() + (claimed ? "" : " (absent: none listed)"), () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                List<String> catalogs = spec.catalogs(connection);
                if (!claimed) {
                    return catalogs.isEmpty() ? pass("no catalog listed, as declared")
                            : fail("the spec says the engine has no catalogs, but catalogs() lists " + catalogs);
                }
                String current = connection.getCatalog();
                if (current == null || !catalogs.contains(current)) {
                    return fail("catalogs() lists " + catalogs + " without the connection's catalog " + current);
                }
                return withTable(spec, statement, table, "id INTEGER", () -> {
                    String stored = spec.identifierQuoting().normalizeUnquoted(table);
                    String sql = spec.selectStar(new TableName(Optional.of(current), Optional.ofNullable(connection.getSchema()), stored), List.of(), 1);
                    try (ResultSet rs = statement.executeQuery(sql)) {
                        rs.next();
                    }
                    return pass(catalogs.size() + " catalogs; " + sql);
                });
            }
        });
    }

    /**
     * {@link Capability#DYNAMIC_SCHEMA}: claimed, after {@link EngineSpec#useCatalogAndSchema} to another schema a
     * scratch table of the connection's schema no longer resolves unqualified, and after switching back it does again;
     * absent, switching fails or leaves unqualified names resolving as before.
     */
    public CheckResult dynamicSchema() {
        return switchCheck(Capability.DYNAMIC_SCHEMA, "capability.dynamic_schema", false);
    }

    /** {@link Capability#DYNAMIC_CATALOG}, as {@link #dynamicSchema()} with catalogs. */
    public CheckResult dynamicCatalog() {
        return switchCheck(Capability.DYNAMIC_CATALOG, "capability.dynamic_catalog", true);
    }

    private CheckResult switchCheck(Capability capability, String id, boolean catalogLevel) {
        boolean claimed = spec.has(capability);
        String table = "dbspec_sw" + (catalogLevel ? "c_" : "s_") + suffix;
        String what = catalogLevel ? "catalog" : "schema";
        return timed(id, capability.description() + (claimed ? "" : " (absent: switching must fail)"), () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                String current = catalogLevel ? connection.getCatalog() : connection.getSchema();
                List<String> listed = catalogLevel ? spec.catalogs(connection) : spec.schemas(connection, Optional.empty());
                if (!catalogLevel && listed.isEmpty() && current == null) {
                    // No schema level (MySQL, MariaDB): a schema names a catalog (JdbcMetadata.namespace).
                    current = connection.getCatalog();
                    listed = spec.catalogs(connection);
                }
                String home = current;
                List<String> names = listed;
                Optional<String> other = names.stream().filter(name -> !name.equals(home)).findFirst();
                if (!claimed) {
                    // Absent: switching must fail, or leave names resolving where they did (DuckDB keeps main on its search path).
                    String target = other.orElse("dbspec_none_" + suffix);
                    return withTable(spec, statement, table, "id INTEGER", () -> {
                        try {
                            use(connection, catalogLevel, target);
                        } catch (SQLException e) {
                            return pass("switching to " + target + " fails as declared: " + firstLine(e.getMessage()));
                        }
                        try {
                            return resolves(connection, "SELECT id FROM " + table)
                                    ? pass("switching to " + target + " does not change where names resolve, as declared")
                                    : fail("the spec says the " + what + " cannot change per query, but switching to " + target
                                            + " moved name resolution");
                        } finally {
                            use(connection, catalogLevel, home); // back home, where the scratch table is dropped
                        }
                    });
                }
                if (home == null || other.isEmpty()) {
                    return notCheckable("no second " + what + " to switch to (the connection's is " + home + ", listed: " + names + ")");
                }
                if (catalogLevel && target.isPresent() && spec.catalogUrl(target.get().jdbcUrl(), other.get()).isPresent()) {
                    return catalogByUrl(statement, table, home, other.get());
                }
                return withTable(spec, statement, table, "id INTEGER", () -> {
                    String probe = "SELECT id FROM " + table;
                    try {
                        use(connection, catalogLevel, other.get());
                        if (resolves(connection, probe)) {
                            return fail("after switching to " + what + " " + other.get() + ", " + table + " of " + home + " still resolves unqualified");
                        }
                    } finally {
                        use(connection, catalogLevel, home);
                    }
                    if (!resolves(connection, probe)) {
                        return fail("after switching back to " + what + " " + home + ", " + table + " does not resolve");
                    }
                    return pass("unqualified names followed the " + what + ": " + home + " -> " + other.get() + " -> " + home);
                });
            }
        });
    }

    /**
     * A catalog reached through a connection of its own ({@link EngineSpec#catalogUrl}): that connection is in the other
     * catalog, where a scratch table of the connection's catalog does not resolve, while it still does at home.
     */
    private Checks.Outcome catalogByUrl(Statement statement, String table, String home, String other) throws Exception {
        LiveChecks.Target tested = target.orElseThrow();
        String url = spec.catalogUrl(tested.jdbcUrl(), other).orElseThrow();
        return withTable(spec, statement, table, "id INTEGER", () -> {
            String probe = "SELECT id FROM " + table;
            try (Connection elsewhere = tested.opener().open(url, tested.properties())) {
                if (!other.equals(elsewhere.getCatalog())) {
                    return fail("a connection to " + url.replaceAll("\\?.*", "") + " is in catalog " + elsewhere.getCatalog() + ", not " + other);
                }
                if (resolves(elsewhere, probe)) {
                    return fail("in catalog " + other + ", " + table + " of " + home + " resolves unqualified");
                }
            }
            return resolves(statement.getConnection(), probe) ? pass("another connection for catalog " + other + " (" + home + " -> " + other + ")")
                    : fail(table + " no longer resolves in " + home);
        });
    }

    private void use(Connection connection, boolean catalogLevel, String name) throws SQLException {
        spec.useCatalogAndSchema(connection, catalogLevel ? Optional.of(name) : Optional.empty(), catalogLevel ? Optional.empty() : Optional.of(name));
    }

    private static boolean resolves(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** {@link Capability#FUNCTION_NAMES}: the engine lists functions, common built-ins among them. */
    public CheckResult functionNames() {
        if (!spec.has(Capability.FUNCTION_NAMES)) {
            return skipped("function-names", Capability.FUNCTION_NAMES.description(), "not claimed: the host answers 422 not_supported");
        }
        return timed("function-names", Capability.FUNCTION_NAMES.description(), () -> {
            try (Connection connection = source.open()) {
                Collection<String> names = spec.functionNames(connection);
                List<String> common = names.stream().map(name -> name.toLowerCase(Locale.ROOT)).filter(COMMON_FUNCTIONS::contains).distinct().sorted().toList();
                return common.isEmpty() ? fail(names.size() + " names, none of the common built-ins " + COMMON_FUNCTIONS)
                        : pass(names.size() + " names, including " + common);
            }
        });
    }

    /**
     * {@link Capability#SQL_VALIDATION}: a valid statement is valid; a missing table and a missing column are errors with a
     * position inside the text; validating a {@code DELETE} deletes nothing.
     */
    public CheckResult sqlValidation() {
        if (!spec.has(Capability.SQL_VALIDATION)) {
            return skipped("sql-validation", Capability.SQL_VALIDATION.description(), "not claimed: the host answers 422 not_supported");
        }
        String table = "dbspec_val_" + suffix;
        return timed("sql-validation", Capability.SQL_VALIDATION.description(), () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                return withTable(spec, statement, table, "id INTEGER", () -> {
                    statement.execute("INSERT INTO " + table + " (id) VALUES (1)");
                    List<String> problems = new ArrayList<>();
                    SqlValidation valid = spec.validate(connection, "SELECT id FROM " + table);
                    if (!valid.valid()) {
                        problems.add("a valid SELECT was reported invalid: " + valid.errors());
                    }
                    String missingTable = "SELECT id\nFROM dbspec_missing_" + suffix;
                    String missingColumn = "SELECT dbspec_no_column FROM " + table;
                    for (String sql : List.of(missingTable, missingColumn)) {
                        SqlValidation invalid = spec.validate(connection, sql);
                        if (invalid.valid() || invalid.errors().isEmpty()) {
                            problems.add("reported valid: " + sql.replace('\n', ' '));
                        } else if (invalid.errors().get(0).line() > sql.split("\n", -1).length) {
                            problems.add("position " + invalid.errors().get(0).line() + ":" + invalid.errors().get(0).column() + " outside " + sql);
                        }
                    }
                    spec.validate(connection, "DELETE FROM " + table);
                    try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        if (!rs.next() || rs.getLong(1) != 1) {
                            problems.add("validating a DELETE deleted rows");
                        }
                    }
                    SqlValidation.Problem first = spec.validate(connection, missingTable).errors().get(0);
                    return problems.isEmpty() ? pass("errors at " + first.line() + ":" + first.column() + " (" + firstLine(first.message()) + ")")
                            : fail(String.join("; ", problems));
                });
            }
        });
    }

    /**
     * {@link Capability#COST_ESTIMATION}: claimed, one estimate with a plan (rows and cost where the engine gives them) for a
     * {@code SELECT}, and
     * estimating a {@code DELETE} deletes nothing; absent, {@link EngineSpec#estimate} answers nothing.
     */
    public CheckResult costEstimation() {
        boolean claimed = spec.has(Capability.COST_ESTIMATION);
        String table = "dbspec_est_" + suffix;
        return timed("cost-estimation", Capability.COST_ESTIMATION.description() + (claimed ? "" : " (absent: no estimate)"), () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                return withTable(spec, statement, table, "id INTEGER", () -> {
                    statement.execute("INSERT INTO " + table + " (id) VALUES (1)");
                    List<CostEstimate> estimates = spec.estimate(connection, "SELECT id FROM " + table + " WHERE id > 0");
                    if (!claimed) {
                        return estimates.isEmpty() ? pass("no estimate, as declared")
                                : fail("the spec does not claim cost estimation, but estimate() answers " + estimates);
                    }
                    // A plan is required; rows and cost only where the engine's EXPLAIN gives them (SQLite's query plan has none).
                    if (estimates.size() != 1 || estimates.get(0).plan().isBlank()) {
                        return fail("expected one estimate with a plan, got " + estimates);
                    }
                    try {
                        spec.estimate(connection, "DELETE FROM " + table);
                    } catch (SQLException refused) {
                        // refusing to estimate a DELETE is fine; running it is not
                    }
                    try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        if (!rs.next() || rs.getLong(1) != 1) {
                            return fail("estimating a DELETE deleted rows");
                        }
                    }
                    CostEstimate estimate = estimates.get(0);
                    return pass("rows " + estimate.rows().map(String::valueOf).orElse("-") + ", cost "
                            + estimate.cost().map(String::valueOf).orElse("-") + ", plan " + firstLine(estimate.plan()));
                });
            }
        });
    }

    /** {@link Capability#DEFAULT_METRICS}: every default metric runs over a scratch table of three rows; COUNT(*) gives 3. */
    public CheckResult defaultMetrics() {
        if (!spec.has(Capability.DEFAULT_METRICS)) {
            return skipped("default-metrics", Capability.DEFAULT_METRICS.description(), "not claimed");
        }
        String table = "dbspec_met_" + suffix;
        return timed("default-metrics", Capability.DEFAULT_METRICS.description(), () -> {
            try (Connection connection = source.open(); Statement statement = connection.createStatement()) {
                return withTable(spec, statement, table, "id INTEGER", () -> {
                    for (int i = 1; i <= 3; i++) {
                        statement.execute("INSERT INTO " + table + " (id) VALUES (" + i + ")");
                    }
                    String stored = spec.identifierQuoting().normalizeUnquoted(table);
                    Optional<TableDetail> detail = spec.tableDetail(connection,
                            new TableName(Optional.ofNullable(connection.getCatalog()), Optional.ofNullable(connection.getSchema()), stored));
                    if (detail.isEmpty()) {
                        return fail("tableDetail found no " + stored);
                    }
                    List<Metric> metrics = spec.defaultMetrics(detail.get());
                    List<String> values = new ArrayList<>();
                    for (Metric metric : metrics) {
                        try (ResultSet rs = statement.executeQuery("SELECT " + metric.expression() + " FROM " + table)) {
                            rs.next();
                            String value = rs.getString(1);
                            if (metric.equals(Metric.COUNT) && !"3".equals(value)) {
                                return fail("COUNT(*) over 3 rows gave " + value);
                            }
                            values.add(metric.name() + "=" + value);
                        }
                    }
                    return metrics.isEmpty() ? fail("no default metric") : pass(String.join(", ", values)
                            + " over " + detail.get().columns().stream().map(ColumnInfo::name).toList());
                });
            }
        });
    }
}
