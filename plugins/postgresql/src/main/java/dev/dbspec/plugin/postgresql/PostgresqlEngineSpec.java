package dev.dbspec.plugin.postgresql;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import dev.dbspec.plugin.family.PostgresPartitions;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/** PostgreSQL through pgjdbc; grains, literals and types from {@link PostgresFamilySpec}. */
@Extension
public final class PostgresqlEngineSpec extends PostgresFamilySpec {

    /**
     * A schema through {@code SET search_path TO "schema"} (quoted, never concatenated raw), checked with
     * {@code current_schema()} so that an unknown schema or one without USAGE fails instead of running elsewhere. A
     * catalog other than the connected database is refused here: PostgreSQL reaches another database only through another
     * connection, which the host opens from {@link #catalogUrl}.
     */
    @Override
    public void useCatalogAndSchema(java.sql.Connection connection, Optional<String> catalog, Optional<String> schema) throws java.sql.SQLException {
        java.util.Objects.requireNonNull(connection, "connection is null");
        java.util.Objects.requireNonNull(catalog, "catalog is null");
        java.util.Objects.requireNonNull(schema, "schema is null");
        try (java.sql.Statement statement = connection.createStatement()) {
            if (catalog.isPresent()) {
                String current = single(statement, "SELECT current_database()");
                if (!catalog.get().equals(current)) {
                    throw new java.sql.SQLFeatureNotSupportedException("PostgreSQL cannot switch a connection to database "
                            + identifierQuoting().quote(catalog.get()) + ": it needs another connection (catalogUrl)", "0A000");
                }
            }
            if (schema.isPresent()) {
                statement.execute("SET search_path TO " + identifierQuoting().quote(schema.get()));
                if (!schema.get().equals(single(statement, "SELECT current_schema()"))) {
                    throw new java.sql.SQLException("no schema " + identifierQuoting().quote(schema.get()) + " this user may use", "3F000");
                }
            }
        }
    }

    /** Database names carried in a URL path as they are: anything else would be percent-decoded by pgjdbc. */
    private static final java.util.regex.Pattern DATABASE_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");
    private static final java.util.regex.Pattern URL_PATH = java.util.regex.Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    /**
     * {@code jdbc:postgresql://host:port/<catalog>?<the same options>}: another database of the same server
     * ({@link Capability#DYNAMIC_CATALOG}). The name is a plain identifier (letters, digits, {@code _ $ -}); pgjdbc's own
     * parser must read back exactly that database, or the URL is refused.
     */
    @Override
    public Optional<String> catalogUrl(String jdbcUrl, String catalog) {
        java.util.Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        java.util.Objects.requireNonNull(catalog, "catalog is null");
        if (!DATABASE_NAME.matcher(catalog).matches()) {
            throw dev.dbspec.api.UnsafeUrlException.url(id(), "database name " + identifierQuoting().quote(catalog)
                    + " cannot be carried in a URL: use letters, digits, '_', '$' and '-'");
        }
        java.util.regex.Matcher url = URL_PATH.matcher(jdbcUrl);
        if (!url.matches()) {
            throw dev.dbspec.api.UnsafeUrlException.url(id(), "not a jdbc:postgresql://host/database URL");
        }
        String other = url.group(1) + "/" + catalog + (url.group(3) == null ? "" : url.group(3));
        String read = driverOptions(other, new java.util.Properties()).get("PGDBNAME");
        if (!catalog.equals(read)) {
            throw dev.dbspec.api.UnsafeUrlException.url(id(), "pgjdbc reads database " + read + " from the URL built for " + catalog);
        }
        return Optional.of(other);
    }

    private static String single(java.sql.Statement statement, String sql) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** {@code COPY ... FROM STDIN} through pgjdbc's {@code CopyManager} ({@link PostgresCopyLoad}). */
    @Override
    public dev.dbspec.api.BulkLoad bulkLoad() {
        return new PostgresCopyLoad();
    }

    public PostgresqlEngineSpec() {
        super(facts(PostgresqlEngineSpec.class)
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA)
                .capabilities(Capability.DYNAMIC_CATALOG) // another database through a connection of its own (catalogUrl)
                .capabilities(Capability.CANCEL)
                .capabilities(Capability.SQL_VALIDATION) // EXPLAIN of one allow-listed statement
                .capabilities(Capability.COST_ESTIMATION) // EXPLAIN (FORMAT JSON)
                .capabilities(Capability.EXTRA_TABLE_METADATA) // PostgresPartitions
                .capabilities(Capability.LATEST_PARTITION, Capability.USER_IMPERSONATION)
                .capabilities(Capability.EXPAND_DATA) // arrays, composites, json and jsonb (PostgresFamilySpec#nestedReader)
                .capabilities(Capability.FILE_UPLOAD) // TableUpload, proven live by the kit's UploadChecks
                .maxColumnNameLength(63)
                .longRunningQuery("SELECT pg_sleep(60)")
                // pg_partition_tree with each partition's bound; the latest is the one with the greatest bound and a row; pg_class and
                // the partitioning as extra metadata (PostgresPartitions).
                .partitions(PostgresPartitions::partitions, PostgresPartitions::latestPartition)
                .extraTableMetadata(PostgresPartitions::extraTableMetadata)
                // What pgjdbc's BEGIN READ ONLY leaves open, closed by one statement at the start of each request: transaction_read_only
                // set in the transaction whatever the URL's readOnlyMode, and a snapshot taken by the SELECT, after which PostgreSQL refuses
                // SET TRANSACTION READ WRITE ("must be set before any query"); default_transaction_read_only for the session, so that a
                // transaction begun after a COMMIT the classifier missed is read-only too (undone by the request's rollback otherwise).
                .readOnlyMode(ReadOnlyMode.JDBC_READ_ONLY.withRefusedFunctions(READ_ONLY_REFUSED_FUNCTIONS).withBeginStatements(List.of(
                        "SELECT set_config('default_transaction_read_only', 'on', false), set_config('transaction_read_only', 'on', true)")))
                // Session roles: SET LOCAL ROLE "user", then RESET ROLE.
                .impersonation(SESSION_ROLE)
                // pgjdbc reads a timestamp's text into a LocalDateTime and a numeric's text as sent (checked live: StreamedRowsRestTest)
                .timestampsAsLocalDateTime()
                .decimalsAsText()
                .build());
    }
}
