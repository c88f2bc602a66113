package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The facts of an engine as data, for a {@link DeclaredEngineSpec}: identity, URL, driver, options, grains,
 * literals, epochs, errors, behaviours. What is not declared keeps {@link EngineSpec}'s default.
 *
 * <pre>{@code
 * EngineFacts.builder("exasol", "Exasol")
 *     .url("jdbc:exa:{host}:{port};schema={database}", "jdbc:exa:")
 *     .port(8563)
 *     .driver("com.exasol.jdbc.EXADriver", new DriverArtifact("com.exasol:exasol-jdbc:24.2.0", "Exasol proprietary licence", false))
 *     .grains(TimeGrains.builder()...build())
 *     .build();
 * }</pre>
 */
public final class EngineFacts {
    final String id;
    final String displayName;
    final Set<String> aliases;
    final List<String> urlPrefixes;
    final String urlTemplate;
    final Optional<String> serverUrlTemplate;
    final OptionalInt defaultPort;
    final String driverClassName;
    final Optional<DriverArtifact> driverArtifact;
    final Optional<ConnectionOptions> connectionOptions;
    final Map<TimeGrain, String> grains;
    final Optional<DatetimeLiterals> literals;
    final Optional<String> epochSeconds;
    final Optional<Optional<String>> epochMillis;
    final Optional<ErrorPatterns> errors;
    final Set<Capability> capabilities;
    final OptionalInt maxColumnNameLength;
    final Optional<SqlFamily> sqlFamily;
    final Optional<IdentifierQuoting> quoting;
    final Optional<ColumnTypes> columnTypes;
    final Map<GenericType, String> columnTypeNames;
    final Set<GenericType> unstorableTypes;
    final Optional<LimitSyntax> limitSyntax;
    final Optional<String> oneRowTable;
    final Optional<String> longRunningQuery;
    final Optional<String> functionNamesSql;
    final boolean functionNamesSqlListsBuiltins;
    final Optional<BulkLoad> bulkLoad;
    final boolean transactionalDdl;
    final boolean ddlAtCommit;
    final boolean timestampsAsLocalDateTime;
    final boolean decimalsAsText;
    final Optional<PlanEstimate> planEstimate;
    final boolean primaryKeys;
    final Optional<Impersonation> impersonation;
    final Optional<HostAccess> hostAccess;
    final Optional<ReadOnlyMode> readOnlyMode;
    final Optional<TableReader<Optional<TablePartitions>>> partitions;
    final Optional<TableReader<Optional<LatestPartition>>> latestPartition;
    final Optional<TableReader<Map<String, Object>>> extraTableMetadata;

    private EngineFacts(Builder b) {
        id = b.id;
        displayName = b.displayName;
        aliases = Set.copyOf(b.aliases);
        urlPrefixes = List.copyOf(requireNonNull(b.urlPrefixes, b.undeclared("url(...)", "url and url.prefixes")));
        urlTemplate = b.urlTemplate;
        serverUrlTemplate = Optional.ofNullable(b.serverUrlTemplate);
        defaultPort = b.defaultPort;
        driverClassName = requireNonNull(b.driverClassName, b.undeclared("driver(...)", "driver"));
        driverArtifact = b.driverArtifact;
        connectionOptions = Optional.ofNullable(b.connectionOptions);
        grains = Map.copyOf(b.grains);
        literals = Optional.ofNullable(b.literals);
        epochSeconds = Optional.ofNullable(b.epochSeconds);
        epochMillis = b.epochMillis;
        errors = Optional.ofNullable(b.errors);
        capabilities = Set.copyOf(b.capabilities);
        maxColumnNameLength = b.maxColumnNameLength;
        sqlFamily = Optional.ofNullable(b.sqlFamily);
        quoting = Optional.ofNullable(b.quoting);
        columnTypes = Optional.ofNullable(b.columnTypes);
        columnTypeNames = Map.copyOf(b.columnTypeNames);
        unstorableTypes = Set.copyOf(b.unstorableTypes);
        limitSyntax = Optional.ofNullable(b.limitSyntax);
        oneRowTable = Optional.ofNullable(b.oneRowTable);
        longRunningQuery = Optional.ofNullable(b.longRunningQuery);
        functionNamesSql = Optional.ofNullable(b.functionNamesSql);
        functionNamesSqlListsBuiltins = b.functionNamesSqlListsBuiltins;
        bulkLoad = Optional.ofNullable(b.bulkLoad);
        transactionalDdl = b.transactionalDdl;
        ddlAtCommit = b.ddlAtCommit;
        timestampsAsLocalDateTime = b.timestampsAsLocalDateTime;
        decimalsAsText = b.decimalsAsText;
        planEstimate = Optional.ofNullable(b.planEstimate);
        primaryKeys = b.primaryKeys;
        impersonation = Optional.ofNullable(b.impersonation);
        hostAccess = Optional.ofNullable(b.hostAccess);
        readOnlyMode = Optional.ofNullable(b.readOnlyMode);
        partitions = Optional.ofNullable(b.partitions);
        latestPartition = Optional.ofNullable(b.latestPartition);
        extraTableMetadata = Optional.ofNullable(b.extraTableMetadata);
    }

    /** The file beside a spec class that declares the engine's identity as data; see {@link #builder(Class)}. */
    public static final String IDENTITY_FILE = "engine.properties";

    /** Starts the facts of the engine {@code id} (stable, lower case) named {@code displayName}. */
    public static Builder builder(String id, String displayName) {
        return new Builder(id, displayName);
    }

    /**
     * Starts the facts of the engine whose identity {@code spec}'s package declares as data, in the UTF-8 properties file
     * {@value #IDENTITY_FILE} read through {@code spec}'s own class loader (so each plugin reads its own). Each line is
     * {@code key = value} taken as written (no escapes, no continued lines, unlike {@link java.util.Properties}); a line
     * starting with {@code #} is a comment:
     *
     * <pre>
     * id = monetdb
     * name = MonetDB
     * # optional: other names users may type (lists are separated by commas)
     * aliases = monet
     * url = jdbc:monetdb://{host}:{port}/{database}
     * url.prefixes = jdbc:monetdb:
     * # optional: server.url, the network form of an embedded engine's URL (see Builder#serverUrl)
     * port = 50000
     * driver = org.monetdb.jdbc.MonetDriver
     * # optional, all three or none: where the driver comes from
     * driver.artifact = monetdb:monetdb-jdbc:12.0
     * driver.license = MPL-2.0
     * driver.bundled = false
     * </pre>
     *
     * {@code id} and {@code name} are required; the others are set as {@link Builder#aliases}, {@link Builder#url},
     * {@link Builder#serverUrl}, {@link Builder#port} and {@link Builder#driver(String, DriverArtifact)} would set them, and
     * the builder's methods may replace them afterwards. An unknown or repeated key, a line that is not {@code key = value},
     * a blank value, a repeated list item, a missing file or a malformed port fails with the file's path and line, so
     * that a typo is not a fact silently missing.
     *
     * @since 1.8.0
     */
    public static Builder builder(Class<? extends EngineSpec> spec) {
        return IdentityFile.read(spec);
    }

    /** Collects an engine's facts; each setter may be called once, the last call wins. */
    public static final class Builder {
        private final String id;
        private final String displayName;
        /** The identity file this builder started from ({@link IdentityFile}), named in errors; null when declared in Java. */
        String identityFile;
        private Set<String> aliases = Set.of();
        private List<String> urlPrefixes;
        private String urlTemplate;
        private String serverUrlTemplate;
        private OptionalInt defaultPort = OptionalInt.empty();
        private String driverClassName;
        private Optional<DriverArtifact> driverArtifact = Optional.empty();
        private ConnectionOptions connectionOptions;
        private Map<TimeGrain, String> grains = Map.of();
        private DatetimeLiterals literals;
        private String epochSeconds;
        private Optional<Optional<String>> epochMillis = Optional.empty();
        private ErrorPatterns errors;
        private Set<Capability> capabilities = Capability.defaults();
        private OptionalInt maxColumnNameLength = OptionalInt.empty();
        private SqlFamily sqlFamily;
        private IdentifierQuoting quoting;
        private ColumnTypes columnTypes;
        private final Map<GenericType, String> columnTypeNames = new EnumMap<>(GenericType.class);
        private final Set<GenericType> unstorableTypes = EnumSet.noneOf(GenericType.class);
        private LimitSyntax limitSyntax;
        private String oneRowTable;
        private String longRunningQuery;
        private String functionNamesSql;
        private boolean functionNamesSqlListsBuiltins = true;
        private BulkLoad bulkLoad;
        private boolean transactionalDdl;
        private boolean ddlAtCommit;
        private boolean timestampsAsLocalDateTime;
        private boolean decimalsAsText;
        private PlanEstimate planEstimate;
        private boolean primaryKeys = true;
        private Impersonation impersonation;
        private HostAccess hostAccess;
        private ReadOnlyMode readOnlyMode;
        private TableReader<Optional<TablePartitions>> partitions;
        private TableReader<Optional<LatestPartition>> latestPartition;
        private TableReader<Map<String, Object>> extraTableMetadata;

        private Builder(String id, String displayName) {
            this.id = requireNonNull(id, "id is null");
            this.displayName = requireNonNull(displayName, "displayName is null");
        }

        /** The error for a required fact that neither {@code setter} nor the identity file's {@code keys} (if any) declared. */
        private String undeclared(String setter, String keys) {
            return setter + " is not declared" + (identityFile == null ? "" : " (nor as " + keys + " in " + identityFile + ")");
        }

        /** Other names users may type; see {@link EngineSpec#aliases()}. */
        public Builder aliases(String... aliases) {
            this.aliases = Set.of(aliases);
            return this;
        }

        /** The URL template users fill in and the prefixes this engine serves; see {@link EngineSpec#urlPrefixes()}. */
        public Builder url(String template, String... prefixes) {
            this.urlTemplate = requireNonNull(template, "template is null");
            if (prefixes.length == 0) {
                throw new IllegalArgumentException("at least one URL prefix is needed");
            }
            this.urlPrefixes = List.of(prefixes);
            return this;
        }

        /**
         * The URL template of the network server of an engine whose {@link #url} template is embedded; see
         * {@link EngineSpec#serverUrlTemplate()}.
         */
        public Builder serverUrl(String template) {
            this.serverUrlTemplate = requireNonNull(template, "template is null");
            return this;
        }

        public Builder port(int port) {
            this.defaultPort = OptionalInt.of(port);
            return this;
        }

        /** The driver class, where it comes from unknown. */
        public Builder driver(String className) {
            this.driverClassName = requireNonNull(className, "className is null");
            this.driverArtifact = Optional.empty();
            return this;
        }

        /** The driver class and where it comes from. */
        public Builder driver(String className, DriverArtifact artifact) {
            this.driverClassName = requireNonNull(className, "className is null");
            this.driverArtifact = Optional.of(requireNonNull(artifact, "artifact is null"));
            return this;
        }

        public Builder options(ConnectionOptions options) {
            this.connectionOptions = requireNonNull(options, "options is null");
            return this;
        }

        /** The grain templates, typically from {@link TimeGrains#builder()}. */
        public Builder grains(Map<TimeGrain, String> grains) {
            this.grains = requireNonNull(grains, "grains is null");
            return this;
        }

        public Builder literals(DatetimeLiterals literals) {
            this.literals = requireNonNull(literals, "literals is null");
            return this;
        }

        /** The epoch seconds template; the milliseconds one follows from it unless {@link #epochMillis} says otherwise. */
        public Builder epochSeconds(String template) {
            this.epochSeconds = requireNonNull(template, "template is null");
            return this;
        }

        /** The epoch milliseconds template, or empty where the engine cannot keep milliseconds exactly. */
        public Builder epochMillis(Optional<String> template) {
            this.epochMillis = Optional.of(requireNonNull(template, "template is null"));
            return this;
        }

        public Builder errors(ErrorPatterns errors) {
            this.errors = requireNonNull(errors, "errors is null");
            return this;
        }

        /** Replaces the behaviours with {@code all} (for an engine that starts again from {@link Capability#defaults()}). */
        public Builder capabilities(Set<Capability> all) {
            this.capabilities = Set.copyOf(all);
            return this;
        }

        /** Adds behaviours to {@link Capability#defaults()} (or to what earlier calls left). */
        public Builder capabilities(Capability... added) {
            Set<Capability> set = EnumSet.noneOf(Capability.class);
            set.addAll(capabilities);
            set.addAll(List.of(added));
            this.capabilities = set;
            return this;
        }

        /** Removes behaviours the engine lacks from {@link Capability#defaults()} (or from what earlier calls left). */
        public Builder withoutCapabilities(Capability... removed) {
            Set<Capability> set = EnumSet.noneOf(Capability.class);
            set.addAll(capabilities);
            set.removeAll(List.of(removed));
            this.capabilities = set;
            return this;
        }

        public Builder maxColumnNameLength(int length) {
            this.maxColumnNameLength = OptionalInt.of(length);
            return this;
        }

        public Builder sqlFamily(SqlFamily family) {
            this.sqlFamily = requireNonNull(family, "family is null");
            return this;
        }

        public Builder quoting(IdentifierQuoting quoting) {
            this.quoting = requireNonNull(quoting, "quoting is null");
            return this;
        }

        public Builder columnTypes(ColumnTypes columnTypes) {
            this.columnTypes = requireNonNull(columnTypes, "columnTypes is null");
            return this;
        }

        /** The column type {@code CREATE TABLE} declares for {@code type}, instead of the SQL-standard name; see {@link EngineSpec#columnTypeFor}. */
        public Builder columnType(GenericType type, String name) {
            columnTypeNames.put(requireNonNull(type, "type is null"), requireNonNull(name, "name is null"));
            return this;
        }

        /** Generic types the engine has no column type for; see {@link EngineSpec#storableTypes()}. */
        public Builder withoutStorableTypes(GenericType... types) {
            unstorableTypes.addAll(List.of(types));
            return this;
        }

        public Builder limitSyntax(LimitSyntax syntax) {
            this.limitSyntax = requireNonNull(syntax, "syntax is null");
            return this;
        }

        /**
         * The one-row table a SELECT without a table needs on engines that require a FROM clause (Firebird
         * {@code RDB$DATABASE}, Derby {@code SYSIBM.SYSDUMMY1}); see {@link EngineSpec#selectExpressionSql}.
         */
        public Builder oneRowTable(String fromClause) {
            this.oneRowTable = requireNonNull(fromClause, "fromClause is null");
            return this;
        }

        /** See {@link EngineSpec#longRunningQuery()}: needed when {@link Capability#CANCEL} is claimed. */
        public Builder longRunningQuery(String sql) {
            this.longRunningQuery = requireNonNull(sql, "sql is null");
            return this;
        }

        /**
         * The SQL listing function names, and whether its rows include the built-ins (when not, the driver's list is
         * added); see {@link EngineSpec#functionNamesSql()}.
         */
        public Builder functionNamesSql(String sql, boolean listsBuiltins) {
            this.functionNamesSql = requireNonNull(sql, "sql is null");
            this.functionNamesSqlListsBuiltins = listsBuiltins;
            return this;
        }

        public Builder bulkLoad(BulkLoad bulkLoad) {
            this.bulkLoad = requireNonNull(bulkLoad, "bulkLoad is null");
            return this;
        }

        /** {@code CREATE TABLE} and {@code DROP TABLE} take part in transactions; see {@link EngineSpec#transactionalDdl()}. */
        public Builder transactionalDdl() {
            this.transactionalDdl = true;
            return this;
        }

        /**
         * {@code CREATE TABLE} and {@code DROP TABLE} take part in transactions but take effect when they commit; see
         * {@link EngineSpec#ddlAtCommit()}.
         *
         * @since 1.6.0
         */
        public Builder ddlAtCommit() {
            this.ddlAtCommit = true;
            return this;
        }

        /**
         * The driver reads {@code TIMESTAMP} values exactly as {@code LocalDateTime}; see
         * {@link EngineSpec#timestampsAsLocalDateTime()}.
         *
         * @since 1.7.0
         */
        public Builder timestampsAsLocalDateTime() {
            this.timestampsAsLocalDateTime = true;
            return this;
        }

        /**
         * The driver's text of a {@code NUMERIC} or {@code DECIMAL} value is exact; see {@link EngineSpec#decimalsAsText()}.
         *
         * @since 1.7.0
         */
        public Builder decimalsAsText() {
            this.decimalsAsText = true;
            return this;
        }

        /**
         * Claims {@link Capability#COST_ESTIMATION} with the plan only, for an engine whose {@code EXPLAIN} prints a plan
         * without rows or cost: {@link EngineSpec#estimate} sends {@code explain} followed by the one statement (first
         * keyword in {@code estimable}, see {@link CostEstimate#explainableStatement}) and reads column {@code column} of
         * each row ({@link CostEstimate#planOnly}).
         *
         * @since 1.6.0
         */
        public Builder planEstimate(String explain, int column, Set<String> estimable) {
            this.planEstimate = new PlanEstimate(explain, column, estimable);
            return capabilities(Capability.COST_ESTIMATION);
        }

        /** The engine has no key constraints; see {@link EngineSpec#primaryKeys()}. */
        public Builder withoutPrimaryKeys() {
            this.primaryKeys = false;
            return this;
        }

        public Builder impersonation(Impersonation impersonation) {
            this.impersonation = requireNonNull(impersonation, "impersonation is null");
            return this;
        }

        /** What of the engine's SQL reaches the host's files or runs code in it; see {@link EngineSpec#hostAccess()}. */
        public Builder hostAccess(HostAccess hostAccess) {
            this.hostAccess = requireNonNull(hostAccess, "hostAccess is null");
            return this;
        }

        /** How a read-only request is enforced, whatever the URL; see {@link EngineSpec#readOnlyMode(String)}. */
        public Builder readOnlyMode(ReadOnlyMode mode) {
            this.readOnlyMode = requireNonNull(mode, "mode is null");
            return this;
        }

        /**
         * The readers of a table's partitions and of its latest one; see {@link EngineSpec#partitions} and
         * {@link EngineSpec#latestPartition} (asked only of specs claiming {@link Capability#LATEST_PARTITION}).
         */
        public Builder partitions(TableReader<Optional<TablePartitions>> partitions, TableReader<Optional<LatestPartition>> latest) {
            this.partitions = requireNonNull(partitions, "partitions is null");
            this.latestPartition = requireNonNull(latest, "latest is null");
            return this;
        }

        /** The reader of a table's extra metadata; see {@link EngineSpec#extraTableMetadata}. */
        public Builder extraTableMetadata(TableReader<Map<String, Object>> reader) {
            this.extraTableMetadata = requireNonNull(reader, "reader is null");
            return this;
        }

        public EngineFacts build() {
            return new EngineFacts(this);
        }
    }

    /**
     * A plan-only estimate ({@link Builder#planEstimate}): the {@code EXPLAIN} text sent before the statement, the column of
     * its rows holding the plan, and the first keywords of the statements it plans without running.
     */
    record PlanEstimate(String explain, int column, Set<String> estimable) {
        PlanEstimate {
            requireNonNull(explain, "explain is null");
            if (column < 1) {
                throw new IllegalArgumentException("column is 1-based: " + column);
            }
            estimable = Set.copyOf(estimable);
            if (estimable.isEmpty()) {
                throw new IllegalArgumentException("estimable is empty");
            }
        }

        java.util.List<CostEstimate> estimate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
            return java.util.List.of(CostEstimate.planOnly(connection, explain + CostEstimate.explainableStatement(sql, estimable), column));
        }
    }
}
