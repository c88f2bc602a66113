package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LatestPartition;
import dev.dbspec.api.PartitionInfo;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TablePartitions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's declarative partitioning (10+, {@code pg_partition_tree} 12+) read from the catalog: {@code pg_partitioned_table},
 * {@code pg_get_partkeydef}, {@code pg_partition_tree} and {@code pg_get_expr(relpartbound, oid)}; used by the PostgreSQL
 * plugin only (Redshift, CockroachDB and the other PostgreSQL-family engines have other catalogs).
 */
public final class PostgresPartitions {
    /** The table's oid, kind and stored names: {@code ?} schema (null: {@code current_schema()}), {@code ?} name. */
    public static final String TABLE_SQL = "SELECT c.oid, c.relkind, n.nspname, c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = COALESCE(?, pg_catalog.current_schema()) AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')";
    /** The strategy ({@code r}, {@code l}, {@code h}) and key text ({@code RANGE (d)}) of a partitioned table {@code ?} (oid). */
    public static final String KEY_SQL = "SELECT pt.partstrat, pg_catalog.pg_get_partkeydef(pt.partrelid)"
            + " FROM pg_catalog.pg_partitioned_table pt WHERE pt.partrelid = ?";
    /** The type of each key part, null for an expression: {@code ?} (oid). */
    public static final String KEY_TYPES_SQL = "SELECT k.ord, pg_catalog.format_type(a.atttypid, a.atttypmod)"
            + " FROM pg_catalog.pg_partitioned_table pt"
            + " CROSS JOIN LATERAL unnest(pt.partattrs::int2[]) WITH ORDINALITY AS k(attnum, ord)"
            + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = k.attnum"
            + " WHERE pt.partrelid = ? ORDER BY k.ord";
    /** Every partition below {@code ?} (oid), nested ones included, with bound, parent and row estimate. */
    public static final String TREE_SQL = "SELECT n.nspname, c.relname, pg_catalog.pg_get_expr(c.relpartbound, c.oid), t.level,"
            + " p.relname, c.reltuples, c.relkind"
            + " FROM pg_catalog.pg_partition_tree(?::oid::regclass) t"
            + " JOIN pg_catalog.pg_class c ON c.oid = t.relid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_class p ON p.oid = t.parentrelid"
            + " WHERE t.level > 0 ORDER BY t.level, c.relname";
    /**
     * Whether the partition key of {@code ?} (oid) calls a function or an operator outside {@code pg_catalog}: the table's own
     * dependencies ({@code objsubid = 0}, where PostgreSQL records those of the key expressions).
     */
    public static final String KEY_CALLS_USER_CODE_SQL = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
            + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = ? AND d.objsubid = 0"
            + " AND ((d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc p"
            + " WHERE p.oid = d.refobjid AND p.pronamespace = 'pg_catalog'::pg_catalog.regnamespace))"
            + " OR (d.refclassid = 'pg_catalog.pg_operator'::pg_catalog.regclass AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_operator o"
            + " WHERE o.oid = d.refobjid AND o.oprnamespace = 'pg_catalog'::pg_catalog.regnamespace))))";
    /** Extra metadata of the table {@code ?} (oid, three times). */
    public static final String EXTRA_SQL = "SELECT c.relkind, c.relpersistence, c.reltuples, pg_catalog.pg_get_userbyid(c.relowner),"
            + " COALESCE(ts.spcname, (SELECT dts.spcname FROM pg_catalog.pg_database d JOIN pg_catalog.pg_tablespace dts"
            + " ON dts.oid = d.dattablespace WHERE d.datname = pg_catalog.current_database())),"
            + " c.relispartition, c.relrowsecurity, c.relhasindex,"
            + " CASE WHEN c.relkind = 'p' THEN (SELECT sum(pg_catalog.pg_total_relation_size(t.relid)) FROM pg_catalog.pg_partition_tree(?::oid::regclass) t)"
            + " ELSE pg_catalog.pg_total_relation_size(c.oid) END,"
            + " CASE WHEN c.relkind = 'p' THEN (SELECT sum(lc.reltuples) FILTER (WHERE lc.reltuples >= 0) FROM pg_catalog.pg_partition_tree(?::oid::regclass) t"
            + " JOIN pg_catalog.pg_class lc ON lc.oid = t.relid WHERE t.isleaf) END,"
            + " CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END"
            + " FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = c.reltablespace WHERE c.oid = ?";

    private PostgresPartitions() {
    }

    /** A table found: oid, kind and names as stored. */
    private record Found(long oid, String relkind, String schema, String name) {
    }

    /** One partition as read, with what the latest-partition search needs. */
    private record Part(PartitionInfo info, String schema, int level) {
    }

    /** The partitioning read from the catalog, with the key part types. */
    private record Partitioning(String strategy, List<String> keys, List<Optional<String>> types, List<Part> parts) {
    }

    /** The table, named exactly or else as PostgreSQL stores unquoted names (lower case). */
    private static Optional<Found> find(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        Optional<Found> exact = findExactly(connection, table.schema().orElse(null), table.name());
        if (exact.isPresent()) {
            return exact;
        }
        return findExactly(connection, table.schema().map(spec.identifierQuoting()::normalizeUnquoted).orElse(null),
                spec.identifierQuoting().normalizeUnquoted(table.name()));
    }

    private static Optional<Found> findExactly(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TABLE_SQL)) {
            statement.setString(1, schema);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Found(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))) : Optional.empty();
            }
        }
    }

    private static Optional<Partitioning> read(Connection connection, Found table) throws SQLException {
        if (!table.relkind().equals("p")) {
            return Optional.empty();
        }
        String strategy;
        String keyDef;
        try (PreparedStatement statement = connection.prepareStatement(KEY_SQL)) {
            statement.setLong(1, table.oid());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                strategy = rs.getString(1);
                keyDef = rs.getString(2);
            }
        }
        List<String> groups = Partitions.parenthesizedGroups(keyDef);
        List<String> keys = groups.isEmpty() ? List.of() : Partitions.splitTopLevel(groups.get(0));
        List<Optional<String>> types = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(KEY_TYPES_SQL)) {
            statement.setLong(1, table.oid());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    types.add(Optional.ofNullable(rs.getString(2)));
                }
            }
        }
        List<Part> parts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(TREE_SQL)) {
            statement.setLong(1, table.oid());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int level = rs.getInt(4);
                    double tuples = rs.getDouble(6);
                    // reltuples is -1 until the first VACUUM or ANALYZE (PostgreSQL 14+), and always on a partitioned partition
                    Optional<Long> rows = tuples >= 0 && !rs.getString(7).equals("p") ? Optional.of(Math.round(tuples)) : Optional.empty();
                    Optional<String> parent = level > 1 ? Optional.ofNullable(rs.getString(5)) : Optional.empty();
                    parts.add(new Part(new PartitionInfo(rs.getString(2), String.valueOf(rs.getString(3)), parent, rows), rs.getString(1), level));
                }
            }
        }
        return Optional.of(new Partitioning(strategy, keys, types, parts));
    }

    private static String method(String strategy) {
        return switch (strategy) {
            case "r" -> "RANGE";
            case "l" -> "LIST";
            case "h" -> "HASH";
            default -> strategy.toUpperCase(java.util.Locale.ROOT);
        };
    }

    /**
     * The partitioning of {@code table}: {@link #TABLE_SQL}, {@link #KEY_SQL}, {@link #KEY_TYPES_SQL}, {@link #TREE_SQL}. Keys are
     * the parts of {@code pg_get_partkeydef} (columns quoted where needed, expressions as PostgreSQL prints them); nested
     * partitions follow with their parent; bounds are {@code pg_get_expr(relpartbound, oid)}.
     */
    public static Optional<TablePartitions> partitions(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        Optional<Found> found = find(connection, spec, table);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return read(connection, found.get()).map(p -> new TablePartitions(method(p.strategy()), p.keys(),
                p.parts().stream().map(Part::info).toList()));
    }

    /**
     * The latest partition ({@link EngineSpec#latestPartition}) among the table's own partitions (level 1; a partition that is
     * partitioned again counts as one, with all its rows): RANGE partitions by upper bound, LIST partitions by their greatest
     * listed value, greatest first, the first holding a row ({@code SELECT 1 FROM "schema"."partition" LIMIT 1}) wins. The
     * DEFAULT partition is never the latest; HASH has none, nor a key expression calling a function or operator outside
     * {@code pg_catalog} ({@link #KEY_CALLS_USER_CODE_SQL}). Date and timestamp bounds of column keys become typed literals
     * ({@link EngineSpec#datetimeLiteral(String, java.time.temporal.TemporalAccessor)}); other bounds stay as PostgreSQL prints them.
     */
    public static Optional<LatestPartition> latestPartition(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        Optional<Found> found = find(connection, spec, table);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<Partitioning> read = read(connection, found.get());
        if (read.isEmpty() || read.get().keys().isEmpty()) {
            return Optional.empty();
        }
        Partitioning p = read.get();
        List<String> keys = p.keys();
        if (p.types().size() != keys.size() || p.types().stream().anyMatch(Optional::isEmpty)) {
            // An expression key pasted into a client's query would run its functions as that client (often the login):
            // one calling anything outside pg_catalog (the owner's own code, IMMUTABLE in name only) gets no predicate.
            try (PreparedStatement statement = connection.prepareStatement(KEY_CALLS_USER_CODE_SQL)) {
                statement.setLong(1, found.get().oid());
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
            }
        }
        boolean range = p.strategy().equals("r");
        if (!range && !(p.strategy().equals("l") && keys.size() == 1)) {
            return Optional.empty();
        }
        record Candidate(Part part, List<String> order, List<String> lower, List<String> upper, List<String> values) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Part part : p.parts()) {
            String bound = part.info().bound().trim();
            if (part.level() != 1 || bound.equalsIgnoreCase("DEFAULT")) {
                continue;
            }
            List<String> groups = Partitions.parenthesizedGroups(bound);
            if (range && groups.size() == 2) {
                List<String> lower = Partitions.splitTopLevel(groups.get(0));
                List<String> upper = Partitions.splitTopLevel(groups.get(1));
                candidates.add(new Candidate(part, upper, lower, upper, List.of()));
            } else if (!range && groups.size() == 1) {
                List<String> values = Partitions.splitTopLevel(groups.get(0));
                String greatest = values.stream().max(Partitions.LITERAL_ORDER).orElseThrow();
                candidates.add(new Candidate(part, List.of(greatest), List.of(), List.of(), values));
            }
        }
        candidates.sort(Comparator.comparing(Candidate::order, Partitions.BOUND_ORDER).reversed());
        for (Candidate candidate : candidates) {
            if (!hasRows(connection, spec, candidate.part())) {
                continue;
            }
            if (range) {
                List<String> lower = literals(spec, p.types(), candidate.lower());
                List<String> upper = literals(spec, p.types(), candidate.upper());
                boolean unboundedBelow = candidate.lower().isEmpty() || Partitions.isMinValue(candidate.lower().get(0));
                boolean unboundedAbove = candidate.upper().isEmpty() || Partitions.isMaxValue(candidate.upper().get(0));
                return Optional.of(new LatestPartition(candidate.part().info().name(), keys, List.of(),
                        unboundedBelow ? Optional.empty() : Optional.of(row(lower)),
                        unboundedAbove ? Optional.empty() : Optional.of(row(upper)),
                        Partitions.rangePredicate(keys, lower, upper)));
            }
            List<String> values = candidate.values().stream()
                    .map(v -> Partitions.literalFor(spec, p.types().isEmpty() ? Optional.empty() : p.types().get(0), v)).toList();
            return Optional.of(new LatestPartition(candidate.part().info().name(), keys, values, Optional.empty(), Optional.empty(),
                    Partitions.listPredicate(keys.get(0), values)));
        }
        return Optional.empty();
    }

    private static String row(List<String> literals) {
        return literals.size() == 1 ? literals.get(0) : "(" + String.join(", ", literals) + ")";
    }

    private static List<String> literals(EngineSpec spec, List<Optional<String>> types, List<String> bound) {
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            literals.add(Partitions.literalFor(spec, i < types.size() ? types.get(i) : Optional.empty(), bound.get(i)));
        }
        return literals;
    }

    private static boolean hasRows(Connection connection, EngineSpec spec, Part part) throws SQLException {
        String sql = "SELECT 1 FROM " + spec.identifierQuoting().quote(part.schema()) + "." + spec.identifierQuoting().quote(part.info().name())
                + " LIMIT 1";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next();
        }
    }

    /**
     * {@link #EXTRA_SQL}: {@code kind} (table, partitioned table, view, materialized view, foreign table), {@code persistence}
     * (permanent, unlogged, temporary), {@code owner}, {@code tablespace}, {@code rowsEstimate} ({@code reltuples}, summed over
     * the leaf partitions of a partitioned table; null before the first ANALYZE), {@code totalBytes}
     * ({@code pg_total_relation_size}, summed over the partition tree), {@code isPartition}, {@code rowSecurity},
     * {@code hasIndexes}, and for a partitioned table {@code partitionKey} ({@code pg_get_partkeydef}) and {@code partitionCount}
     * (all levels).
     */
    public static Map<String, Object> extraTableMetadata(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        Optional<Found> found = find(connection, spec, table);
        if (found.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(EXTRA_SQL)) {
            for (int i = 1; i <= 3; i++) {
                statement.setLong(i, found.get().oid());
            }
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                String relkind = rs.getString(1);
                extra.put("kind", switch (relkind) {
                    case "r" -> "table";
                    case "p" -> "partitioned table";
                    case "v" -> "view";
                    case "m" -> "materialized view";
                    case "f" -> "foreign table";
                    default -> relkind;
                });
                extra.put("persistence", switch (rs.getString(2)) {
                    case "p" -> "permanent";
                    case "u" -> "unlogged";
                    case "t" -> "temporary";
                    default -> rs.getString(2);
                });
                double tuples = rs.getDouble(3);
                Object leafTuples = rs.getObject(10);
                extra.put("owner", rs.getString(4));
                extra.put("tablespace", rs.getString(5));
                extra.put("isPartition", rs.getBoolean(6));
                extra.put("rowSecurity", rs.getBoolean(7));
                extra.put("hasIndexes", rs.getBoolean(8));
                Object bytes = rs.getObject(9);
                extra.put("totalBytes", bytes == null ? null : ((Number) bytes).longValue());
                if (relkind.equals("p")) {
                    extra.put("rowsEstimate", leafTuples == null ? null : Math.round(((Number) leafTuples).doubleValue()));
                } else {
                    extra.put("rowsEstimate", tuples >= 0 && !relkind.equals("v") ? Math.round(tuples) : null);
                }
                extra.put("partitioned", relkind.equals("p"));
                if (relkind.equals("p")) {
                    extra.put("partitionKey", rs.getString(11));
                }
            }
        }
        if (found.get().relkind().equals("p")) {
            read(connection, found.get()).ifPresent(p -> {
                extra.put("partitionMethod", method(p.strategy()));
                extra.put("partitionCount", p.parts().size());
            });
        }
        return extra;
    }
}
