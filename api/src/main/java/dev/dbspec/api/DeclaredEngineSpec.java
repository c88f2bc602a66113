package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An {@link EngineSpec} whose facts are declared as data ({@link EngineFacts}) instead of written as overrides,
 * so a plugin states what its engine is and overrides only what it does differently:
 *
 * <pre>{@code
 * @Extension
 * public final class ExasolEngineSpec extends DeclaredEngineSpec {
 *     public ExasolEngineSpec() {
 *         super(EngineFacts.builder("exasol", "Exasol")...build());
 *     }
 * }
 * }</pre>
 */
public abstract class DeclaredEngineSpec implements EngineSpec {
    private final EngineFacts facts;

    protected DeclaredEngineSpec(EngineFacts facts) {
        this.facts = requireNonNull(facts, "facts is null");
    }

    @Override
    public String id() {
        return facts.id;
    }

    @Override
    public String displayName() {
        return facts.displayName;
    }

    @Override
    public Set<String> aliases() {
        return facts.aliases;
    }

    @Override
    public List<String> urlPrefixes() {
        return facts.urlPrefixes;
    }

    @Override
    public String urlTemplate() {
        return facts.urlTemplate;
    }

    @Override
    public Optional<String> serverUrlTemplate() {
        return facts.serverUrlTemplate;
    }

    @Override
    public OptionalInt defaultPort() {
        return facts.defaultPort;
    }

    @Override
    public String driverClassName() {
        return facts.driverClassName;
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return facts.driverArtifact;
    }

    @Override
    public ConnectionOptions connectionOptions() {
        return facts.connectionOptions.orElseGet(EngineSpec.super::connectionOptions);
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return facts.grains;
    }

    @Override
    public DatetimeLiterals datetimeLiterals() {
        return facts.literals.orElseGet(EngineSpec.super::datetimeLiterals);
    }

    @Override
    public Optional<String> epochSecondsToDatetime() {
        return facts.epochSeconds;
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return facts.epochMillis.orElseGet(EngineSpec.super::epochMillisToDatetime);
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return facts.errors.orElseGet(EngineSpec.super::errorPatterns);
    }

    @Override
    public Set<Capability> capabilities() {
        return facts.capabilities;
    }

    @Override
    public OptionalInt maxColumnNameLength() {
        return facts.maxColumnNameLength;
    }

    @Override
    public SqlFamily sqlFamily() {
        return facts.sqlFamily.orElseGet(EngineSpec.super::sqlFamily);
    }

    @Override
    public IdentifierQuoting identifierQuoting() {
        return facts.quoting.orElseGet(EngineSpec.super::identifierQuoting);
    }

    @Override
    public ColumnTypes columnTypes() {
        return facts.columnTypes.orElseGet(EngineSpec.super::columnTypes);
    }

    @Override
    public String columnTypeFor(GenericType type) {
        String name = facts.columnTypeNames.get(requireNonNull(type, "type is null"));
        return name != null ? name : EngineSpec.super.columnTypeFor(type);
    }

    @Override
    public Set<GenericType> storableTypes() {
        Set<GenericType> types = EnumSet.copyOf(EngineSpec.super.storableTypes());
        types.removeAll(facts.unstorableTypes);
        return types;
    }

    @Override
    public LimitSyntax limitSyntax() {
        return facts.limitSyntax.orElseGet(EngineSpec.super::limitSyntax);
    }

    @Override
    public String selectExpressionSql(String expressions) {
        String select = EngineSpec.super.selectExpressionSql(expressions);
        return facts.oneRowTable.map(table -> select + " FROM " + table).orElse(select);
    }

    @Override
    public Optional<String> longRunningQuery() {
        return facts.longRunningQuery;
    }

    @Override
    public Optional<String> functionNamesSql() {
        return facts.functionNamesSql;
    }

    @Override
    public boolean functionNamesSqlListsBuiltins() {
        return facts.functionNamesSqlListsBuiltins;
    }

    @Override
    public BulkLoad bulkLoad() {
        return facts.bulkLoad.orElseGet(EngineSpec.super::bulkLoad);
    }

    @Override
    public boolean transactionalDdl() {
        return facts.transactionalDdl;
    }

    @Override
    public boolean ddlAtCommit() {
        return facts.ddlAtCommit;
    }

    @Override
    public boolean timestampsAsLocalDateTime() {
        return facts.timestampsAsLocalDateTime;
    }

    @Override
    public boolean decimalsAsText() {
        return facts.decimalsAsText;
    }

    /** The declared plan-only estimate ({@link EngineFacts.Builder#planEstimate}), else none. */
    @Override
    public java.util.List<CostEstimate> estimate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(sql, "sql is null");
        return facts.planEstimate.isPresent() ? facts.planEstimate.get().estimate(connection, sql) : EngineSpec.super.estimate(connection, sql);
    }

    @Override
    public boolean primaryKeys() {
        return facts.primaryKeys;
    }

    @Override
    public ReadOnlyMode readOnlyMode(String jdbcUrl) {
        return facts.readOnlyMode.isPresent() ? facts.readOnlyMode.get() : EngineSpec.super.readOnlyMode(jdbcUrl);
    }

    @Override
    public HostAccess hostAccess() {
        return facts.hostAccess.orElseGet(EngineSpec.super::hostAccess);
    }

    @Override
    public Optional<TablePartitions> partitions(java.sql.Connection connection, TableName table) throws java.sql.SQLException {
        return facts.partitions.isPresent() ? facts.partitions.get().read(connection, this, table) : EngineSpec.super.partitions(connection, table);
    }

    @Override
    public Optional<LatestPartition> latestPartition(java.sql.Connection connection, TableName table) throws java.sql.SQLException {
        return facts.latestPartition.isPresent() ? facts.latestPartition.get().read(connection, this, table)
                : EngineSpec.super.latestPartition(connection, table);
    }

    @Override
    public Map<String, Object> extraTableMetadata(java.sql.Connection connection, TableName table) throws java.sql.SQLException {
        return facts.extraTableMetadata.isPresent() ? facts.extraTableMetadata.get().read(connection, this, table)
                : EngineSpec.super.extraTableMetadata(connection, table);
    }

    @Override
    public Impersonation impersonation() {
        return facts.impersonation.orElseGet(EngineSpec.super::impersonation);
    }
}
