package dev.dbspec.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Behaviour flags an engine spec declares. Each is a claim the conformance kit can check: a claimed
 * capability must work on the live engine, an absent one must really fail.
 */
public enum Capability {
    /** The engine runs JOINs. */
    JOINS("Supports JOINs", true),
    /** The engine runs subqueries in FROM and WHERE. */
    SUBQUERIES("Supports subqueries", true),
    /** Column aliases are allowed in SELECT. */
    ALIAS_IN_SELECT("Allows aliases in the SELECT statement", true),
    /** ORDER BY may reference SELECT aliases. */
    ALIAS_IN_ORDER_BY("Allows referencing aliases in the ORDER BY statement", true),
    /** An ORDER BY alias may shadow a source column name. */
    ALIAS_TO_SOURCE_COLUMN("Allows an alias to shadow a source column in ORDER BY", true),
    /** ORDER BY may use an aggregate that is not in SELECT. */
    ORDER_BY_NOT_IN_SELECT("Allows ORDER BY an aggregate missing from SELECT", true),
    /** A WITH clause may appear inside a subquery. */
    CTE_IN_SUBQUERY("Allows a CTE inside a subquery", true),
    /** SQL comments may be sent to the engine. */
    SQL_COMMENTS("Allows comments in SQL", true),
    /** Colons may be escaped in text clauses. */
    ESCAPED_COLONS("Allows escaped colons", true),
    /** Statements can be cancelled while running. */
    CANCEL("Supports query cancelation", false),
    /** The engine has catalogs above schemas (databases in PostgreSQL, projects in BigQuery). */
    CATALOGS("Supports catalogs", false),
    /** The schema can change per query. */
    DYNAMIC_SCHEMA("Supports changing the schema per-query", false),
    /** The catalog can change per query. */
    DYNAMIC_CATALOG("Supports changing the catalog per-query", false),
    /**
     * CSV files can be uploaded into tables ({@code file_upload}): the host reads the file ({@link CsvReader}) and loads
     * it through {@link TableUpload} with the spec's {@link EngineSpec#bulkLoad()}. Claimed by the engines whose upload
     * the conformance kit's {@code UploadChecks} proves live; never by default.
     */
    FILE_UPLOAD("Supports file upload", false),
    /** Connections can go through an SSH tunnel opened by the host: never by default, like {@link #FILE_UPLOAD}. */
    SSH_TUNNELING("Supports SSH tunneling", false),
    /**
     * {@link EngineSpec#functionNames} lists the functions a user may call, built-ins included
     * ({@code function_names}). By default: the driver's {@code DatabaseMetaData} answers for every JDBC engine.
     */
    FUNCTION_NAMES("Lists function names for autocompletion", true),
    /**
     * {@link EngineSpec#validate} parses and plans a statement without running it ({@code sql_validation}). Not by
     * default: drivers that prepare lazily accept anything.
     */
    SQL_VALIDATION("Validates SQL without running it", false),
    /** {@link EngineSpec#estimate} returns the planner's estimate ({@code query_cost_estimation}). */
    COST_ESTIMATION("Estimates the cost of a query", false),
    /** Queries can run as the requesting user ({@code user_impersonation}). */
    USER_IMPERSONATION("Runs queries as the requesting user", false),
    /**
     * Table metadata beyond columns, keys and indexes: partitioning, storage, the engine's own table properties
     * ({@code get_extra_table_metadata}).
     */
    EXTRA_TABLE_METADATA("Reports extra table metadata", false),
    /** The latest partition of a partitioned table and a {@code WHERE} clause selecting it ({@code where_latest_partition}). */
    LATEST_PARTITION("Finds the latest partition of a table", false),
    /**
     * A database can be registered from connection parameters (host, port, database, user, password, extras) whose
     * secret ones are masked in every answer ({@code masked_encrypted_extra}). By default: every engine's URL template
     * reads both ways ({@link EngineSpec#connectionParameters()}); a spec whose template does not removes it.
     */
    CONNECTION_PARAMETERS("Registers from connection parameters with secrets masked", true),
    /** The default metrics a new dataset gets ({@code get_metrics}): {@code COUNT(*)} everywhere. */
    DEFAULT_METRICS("Suggests default metrics for a dataset", true),
    /**
     * Nested values (arrays, rows and structs, JSON objects) are read and spread into extra rows and columns the way
     * Superset's Presto spec does ({@code expand_data}; {@link DataExpander}): {@link EngineSpec#nestedReader} reads
     * them. Never by default: an engine claims it where its reader is proven on the live engine.
     */
    EXPAND_DATA("Expands arrays and structs into rows and columns", false);

    private final String description;
    private final boolean enabledByDefault;

    Capability(String description, boolean enabledByDefault) {
        this.description = description;
        this.enabledByDefault = enabledByDefault;
    }

    /** Human-readable description, as shown in reports. */
    public String description() {
        return description;
    }

    /** Whether {@link EngineSpec#capabilities()} includes this flag unless a spec says otherwise. */
    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** The capabilities an engine has unless its spec says otherwise. */
    public static Set<Capability> defaults() {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        for (Capability capability : values()) {
            if (capability.enabledByDefault) {
                set.add(capability);
            }
        }
        return set;
    }
}
