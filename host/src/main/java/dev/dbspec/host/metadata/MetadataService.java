package dev.dbspec.host.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dbspec.api.CacheService;
import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnInfo;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.IndexInfo;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TableDetail;
import dev.dbspec.api.TableInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TablePartitions;
import dev.dbspec.dialects.SqlPipeline;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.databases.DatabaseRegistry;
import dev.dbspec.host.databases.RequestException;
import dev.dbspec.host.execution.Impersonator;
import dev.dbspec.host.execution.QueryFailedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Catalogs, schemas, tables and table details of registered databases, read by the engine spec's metadata
 * methods ({@link EngineSpec#catalogs} ...) on a pooled connection, inside the plugin's class loader, and
 * cached as JSON in the host cache (namespace {@code metadata}) for {@code metadata.ttl-seconds}.
 *
 * <p>Cache keys carry the registration id: a database removed and registered again under the same name
 * never answers from the old registration's entries. A refresh reads the engine again and replaces the entry.
 */
public final class MetadataService {
    /** Rows the {@code selectStar} of a table detail is limited to. */
    public static final long SELECT_STAR_LIMIT = 100;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final DatabaseRegistry databases;
    private final CacheService cache;
    private final Duration ttl;
    private final Optional<String> runAs;

    public MetadataService(DatabaseRegistry databases, CacheService cache, Duration ttl) {
        this(databases, cache, ttl, Optional.empty());
    }

    private MetadataService(DatabaseRegistry databases, CacheService cache, Duration ttl, Optional<String> runAs) {
        this.runAs = requireNonNull(runAs, "runAs is null");
        this.databases = requireNonNull(databases, "databases is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.ttl = requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }

    /**
     * This service reading as database user {@code user} on databases registered with impersonation (empty: as the login
     * user); answers are cached per user. A read on a database whose registration does not fit is refused
     * ({@link dev.dbspec.host.execution.Impersonator#requireFits}).
     */
    public MetadataService as(Optional<String> user) {
        return new MetadataService(databases, cache, ttl, user);
    }

    /** The catalogs of {@code database}. */
    public Object catalogs(String database, boolean refresh) {
        return cached(database, refresh, List.of("catalogs"), (spec, connection) -> spec.catalogs(connection));
    }

    /** The schemas of {@code catalog} (empty: the connection's) in {@code database}. */
    public Object schemas(String database, Optional<String> catalog, boolean refresh) {
        return cached(database, refresh, List.of("schemas", catalog.orElse("")), catalog, (spec, connection) -> spec.schemas(connection, catalog));
    }

    /** {@code [{"name","type","comment"}]} of the tables and views of a schema. */
    public Object tables(String database, Optional<String> catalog, Optional<String> schema, boolean refresh) {
        return cached(database, refresh, List.of("tables", catalog.orElse(""), schema.orElse("")), catalog, (spec, connection) -> {
            List<Map<String, Object>> tables = new ArrayList<>();
            for (TableInfo table : spec.tables(connection, catalog, schema)) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("name", table.name());
                json.put("type", table.type().name().toLowerCase(Locale.ROOT));
                json.put("comment", table.comment().orElse(null));
                tables.add(json);
            }
            return tables;
        });
    }

    /**
     * Columns, primary key, indexes, comment and a {@code selectStar} limited to {@link #SELECT_STAR_LIMIT} rows
     * by the engine's limit method; {@code partitions} ({@link EngineSpec#partitions}) and {@code extra}
     * ({@link EngineSpec#extraTableMetadata}) when the spec claims {@link Capability#EXTRA_TABLE_METADATA}, and
     * {@code latestPartition} ({@link EngineSpec#latestPartition}) when it claims {@link Capability#LATEST_PARTITION};
     * null, null and {@code {}} otherwise.
     *
     * @throws RequestException NOT_FOUND when there is no such table or view
     */
    public Object table(String database, TableName table, boolean refresh) {
        Object detail = cached(database, refresh, List.of("table", table.catalog().orElse(""), table.schema().orElse(""), table.name()),
                table.catalog(), (spec, connection) -> {
                    Optional<TableDetail> found = spec.tableDetail(connection, table);
                    if (found.isEmpty()) {
                        return null;
                    }
                    Map<String, Object> json = describe(spec, found.get());
                    TableName stored = found.get().table();
                    // Only what the spec claims: an engine without the capability answers null and {} without being asked.
                    json.put("partitions", spec.has(Capability.EXTRA_TABLE_METADATA)
                            ? spec.partitions(connection, stored).map(MetadataService::partitionsJson).orElse(null) : null);
                    json.put("latestPartition", spec.has(Capability.LATEST_PARTITION)
                            ? spec.latestPartition(connection, stored).map(MetadataService::latestJson).orElse(null) : null);
                    json.put("extra", spec.has(Capability.EXTRA_TABLE_METADATA)
                            ? new LinkedHashMap<>(spec.extraTableMetadata(connection, stored)) : Map.of());
                    return json;
                });
        if (detail == null) {
            throw new RequestException(RequestException.Kind.NOT_FOUND, "no table or view '" + table.name() + "'"
                    + table.schema().map(schema -> " in schema '" + schema + "'").orElse("")
                    + table.catalog().map(catalog -> " of catalog '" + catalog + "'").orElse("") + " in database '" + database + "'");
        }
        return detail;
    }

    private static Map<String, Object> describe(EngineSpec spec, TableDetail detail) {
        TableName table = detail.table();
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnInfo column : detail.columns()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", column.name());
            json.put("nativeType", column.nativeType());
            json.put("genericType", column.genericType().name());
            json.put("nullable", column.nullable());
            json.put("default", column.defaultValue().orElse(null));
            columns.add(json);
        }
        List<Map<String, Object>> indexes = new ArrayList<>();
        for (IndexInfo index : detail.indexes()) {
            indexes.add(Map.of("name", index.name(), "columns", index.columns(), "unique", index.unique()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", table.name());
        json.put("type", detail.type().name().toLowerCase(Locale.ROOT));
        json.put("columns", columns);
        json.put("primaryKey", detail.primaryKey());
        json.put("indexes", indexes);
        json.put("comment", detail.comment().orElse(null));
        String select = spec.selectStar(table, detail.columns().stream().map(ColumnInfo::name).toList(), SELECT_STAR_LIMIT);
        json.put("selectStar", SqlPipeline.of(spec).applyLimit(select, SELECT_STAR_LIMIT, true).sql());
        return json;
    }

    /** {@code {"method", "keys", "partitions": [{"name", "bound", "parent", "rows"}]}}. */
    private static Map<String, Object> partitionsJson(TablePartitions partitions) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PartitionInfo partition : partitions.partitions()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", partition.name());
            json.put("bound", partition.bound());
            json.put("parent", partition.parent().orElse(null));
            json.put("rows", partition.rows().orElse(null));
            list.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", partitions.method());
        json.put("keys", partitions.keys());
        json.put("partitions", list);
        return json;
    }

    /** {@code {"partition", "keys", "values", "lowerBound", "upperBound", "predicate"}}. */
    private static Map<String, Object> latestJson(LatestPartition latest) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("partition", latest.partition());
        json.put("keys", latest.keys());
        json.put("values", latest.values());
        json.put("lowerBound", latest.lowerBound().orElse(null));
        json.put("upperBound", latest.upperBound().orElse(null));
        json.put("predicate", latest.predicate());
        return json;
    }

    @FunctionalInterface
    private interface Reader {
        Object read(EngineSpec spec, Connection connection) throws SQLException;
    }

    /** The answer from the cache, or read from the engine (always on refresh) and cached; null answers are not cached. */
    private Object cached(String name, boolean refresh, List<String> what, Reader reader) {
        return cached(name, refresh, what, Optional.empty(), reader);
    }

    private Object cached(String name, boolean refresh, List<String> what, Optional<String> catalog, Reader reader) {
        Database database = databases.database(name, Optional.empty());
        Impersonator.requireFits(database, runAs);
        databases.requireCatalog(database, catalog);
        List<String> parts = new ArrayList<>();
        parts.add(database.registration().id());
        parts.addAll(what);
        runAs.ifPresent(user -> parts.add("runAs " + user)); // each user sees what their grants show
        String key;
        try {
            key = JSON.writeValueAsString(parts);
            if (!refresh) {
                Optional<String> hit = cache.get(key);
                if (hit.isPresent()) {
                    return JSON.readValue(hit.get(), Object.class);
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        EngineSpec spec = database.spec();
        Object answer;
        try {
            answer = DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> {
                // Another catalog the engine reaches by URL (PostgreSQL databases) is read on a connection of its own.
                Optional<Connection> other = catalog.isPresent() ? databases.openInCatalog(database, catalog.get()) : Optional.empty();
                try (Connection connection = other.isPresent() ? other.get() : Impersonator.connect(databases, database, runAs)) {
                    try {
                        Impersonator.begin(connection, database, runAs);
                        return reader.read(spec, connection);
                    } finally {
                        Impersonator.release(connection, database, runAs);
                    }
                }
            });
        } catch (SQLException e) {
            ErrorCategory category;
            try {
                category = spec.classifyError(e);
            } catch (RuntimeException classifierFailure) {
                category = ErrorCategory.OTHER;
            }
            throw new QueryFailedException(category, e.getSQLState(), "reading metadata failed: " + EngineRegistry.redactUrl(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (answer != null) {
            try {
                cache.put(key, JSON.writeValueAsString(answer), ttl);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return answer;
    }
}
