package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which SPI method a connector author overrides when a check fails, by check id: data, one place, so every failure
 * detail ends with {@code fix: override EngineSpec...} instead of leaving the author to guess what the check read.
 *
 * <p>The longest matching prefix wins ({@code capability.catalogs} before {@code capability.}); an id with no entry
 * gets no hint rather than a wrong one.
 */
public final class SpiFixes {
    /** Check id (or id prefix, ending in a dot) to the SPI methods behind it. */
    static final Map<String, String> METHODS = methods();

    private SpiFixes() {
    }

    private static Map<String, String> methods() {
        Map<String, String> methods = new LinkedHashMap<>();
        methods.put("connect", "EngineSpec.driverClassName(), loadDriver() or connect(String, Properties)");
        methods.put("select1", "EngineSpec.connect(String, Properties)");
        methods.put("grain.", "EngineSpec.timeGrainExpressions()");
        methods.put("grains", "EngineSpec.timeGrainExpressions()");
        methods.put("literal.", "EngineSpec.datetimeLiterals()");
        methods.put("epoch", "EngineSpec.epochSecondsToDatetime() or epochMillisToDatetime()");
        methods.put("error.", "EngineSpec.errorPatterns()");
        methods.put("types", "EngineSpec.columnTypeFor(GenericType) or storableTypes() (read back through columnTypes())");
        methods.put("limit", "EngineSpec.limitMethod() or limitSyntax()");
        methods.put("cancel", "EngineSpec.cancelMethod(), longRunningQuery() or killStatementSql()");
        methods.put("metadata", "EngineSpec.catalogs, schemas, tables or tableDetail");
        methods.put("spec-metadata", "EngineSpec.tables(Connection, Optional, Optional) or tableDetail(Connection, TableName)");
        methods.put("capabilities", "EngineSpec.capabilities()");
        methods.put("capability.", "EngineSpec.capabilities() (the flag named in the check id)");
        methods.put("capability.catalogs", "EngineSpec.capabilities() (CATALOGS) or catalogs(Connection)");
        methods.put("capability.dynamic_schema", "EngineSpec.capabilities() (DYNAMIC_SCHEMA) or useCatalogAndSchema(Connection, Optional, Optional)");
        methods.put("capability.dynamic_catalog", "EngineSpec.capabilities() (DYNAMIC_CATALOG), useCatalogAndSchema(Connection, Optional, Optional) or catalogUrl(String, String)");
        methods.put("capability.alias_to_source_column", "EngineSpec.capabilities() (ALIAS_TO_SOURCE_COLUMN)");
        methods.put("function-names", "EngineSpec.capabilities() (FUNCTION_NAMES), functionNamesSql() or functionNames(Connection)");
        methods.put("sql-validation", "EngineSpec.capabilities() (SQL_VALIDATION) or validate(Connection, String)");
        methods.put("cost-estimation", "EngineSpec.capabilities() (COST_ESTIMATION) or estimate(Connection, String)");
        methods.put("default-metrics", "EngineSpec.capabilities() (DEFAULT_METRICS) or defaultMetrics(TableDetail)");
        methods.put("extra-table-metadata", "EngineSpec.capabilities() (EXTRA_TABLE_METADATA) or extraTableMetadata(Connection, TableName)");
        methods.put("latest-partition", "EngineSpec.capabilities() (LATEST_PARTITION), partitions(Connection, TableName) or latestPartition(Connection, TableName)");
        methods.put(ExpandDataChecks.ID, "EngineSpec.capabilities() (EXPAND_DATA) or nestedReader(Connection, ResultSetMetaData)");
        methods.put(ImpersonationChecks.ID, "EngineSpec.capabilities() (USER_IMPERSONATION), impersonation() or impersonate(Connection, String)");
        methods.put(UploadChecks.ID, "EngineSpec.capabilities() (FILE_UPLOAD), bulkLoad(), uploadColumnType(GenericType) or transactionalDdl()");
        methods.put(ParameterChecks.ID, "EngineSpec.capabilities() (CONNECTION_PARAMETERS), connectionParameters() or buildUrl(Map)");
        methods.put(SshTunnelChecks.ID, "EngineSpec.capabilities() (SSH_TUNNELING) or hostAccess()");
        return Map.copyOf(methods);
    }

    /** The SPI methods to override when the check {@code id} fails, if the kit knows them. */
    public static Optional<String> methodFor(String id) {
        requireNonNull(id, "id is null");
        String best = null;
        for (String key : METHODS.keySet()) {
            boolean matches = key.endsWith(".") ? id.startsWith(key) : id.equals(key) || id.startsWith(key + ".");
            if (matches && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return Optional.ofNullable(best).map(METHODS::get);
    }

    /** {@code detail} with {@code "; fix: override ..."} appended when the kit knows the method and it is not there yet. */
    public static String withFix(String id, String detail) {
        requireNonNull(detail, "detail is null");
        return methodFor(id)
                .filter(method -> !detail.contains("fix: override"))
                .map(method -> (detail.isEmpty() ? "" : detail + "; ") + "fix: override " + method)
                .orElse(detail);
    }
}
