package dev.dbspec.plugin.derby;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.CostEstimate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Derby's cost estimate without execution: its XPLAIN explain-only mode. With runtime statistics on, an XPLAIN schema set
 * and {@code SYSCS_UTIL.SYSCS_SET_XPLAIN_MODE(1)}, Derby compiles and optimizes each statement, records the chosen plan
 * with the optimizer's estimates ({@code EST_ROW_COUNT}, {@code EST_COST}) in {@code SYSXPLAIN_RESULTSETS}, and does not
 * execute it (Derby's reference manual, SYSCS_UTIL.SYSCS_SET_XPLAIN_MODE; measured: a DELETE deletes nothing, a cross
 * join of billions of rows returns at once with no row).
 *
 * <p>Everything happens inside a savepoint that is rolled back: the XPLAIN schema (a fresh name each time, so only this
 * statement is in it) and its tables are created by Derby in the connection's transaction and disappear with the
 * rollback, and the caller's own transaction, when one is open, is kept. The connection's XPLAIN mode and schema are
 * restored; runtime statistics are turned off again (dbspec never turns them on otherwise, and Derby has no getter).
 */
final class DerbyXplain {
    /** Statements Derby plans: queries and data changes (never DDL or CALL, which explain-only mode would not hold back). */
    static final Set<String> ESTIMABLE = Set.of("SELECT", "VALUES", "INSERT", "UPDATE", "DELETE", "MERGE");

    private DerbyXplain() {
    }

    /** One estimate of {@code sql}: the top result set's rows (a data change's source), the plan's cost, the plan as lines. */
    static CostEstimate estimate(Connection connection, String sql) throws SQLException {
        requireNonNull(connection, "connection is null");
        String statementSql = CostEstimate.explainableStatement(sql, ESTIMABLE);
        String schema = "DBSPEC_XPLAIN_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        Savepoint savepoint = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            int mode;
            String previousSchema;
            try (ResultSet rs = statement.executeQuery("VALUES (SYSCS_UTIL.SYSCS_GET_XPLAIN_MODE(), SYSCS_UTIL.SYSCS_GET_XPLAIN_SCHEMA())")) {
                rs.next();
                mode = rs.getInt(1);
                previousSchema = rs.getString(2);
            }
            try {
                statement.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
                statement.execute("CALL SYSCS_UTIL.SYSCS_SET_XPLAIN_SCHEMA('" + schema + "')");
                statement.execute("CALL SYSCS_UTIL.SYSCS_SET_XPLAIN_MODE(1)");
                statement.execute(statementSql); // compiled and optimized, not executed
            } finally {
                statement.execute("CALL SYSCS_UTIL.SYSCS_SET_XPLAIN_MODE(" + mode + ")");
                try (PreparedStatement restore = connection.prepareStatement("CALL SYSCS_UTIL.SYSCS_SET_XPLAIN_SCHEMA(?)")) {
                    restore.setString(1, previousSchema == null ? "" : previousSchema);
                    restore.execute();
                }
                statement.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(0)");
            }
            return read(statement, schema);
        } finally {
            try {
                connection.rollback(savepoint);
            } finally {
                if (autoCommit) {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    private record Node(String id, String parent, String operator, String details, double rows, double cost) {
    }

    private static CostEstimate read(Statement statement, String schema) throws SQLException {
        Map<String, Node> nodes = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery("SELECT R.RS_ID, R.PARENT_RS_ID, R.OP_IDENTIFIER, R.OP_DETAILS, R.EST_ROW_COUNT,"
                + " R.EST_COST FROM " + schema + ".SYSXPLAIN_RESULTSETS R")) {
            while (rs.next()) {
                nodes.put(rs.getString(1), new Node(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6)));
            }
        }
        List<Node> roots = nodes.values().stream().filter(node -> node.parent() == null).toList();
        if (roots.size() != 1) {
            throw new SQLException("Derby recorded " + roots.size() + " plans for one statement in its XPLAIN tables", "XX000");
        }
        Node root = roots.get(0);
        // A data change's own node has no estimate (0 rows, 0 cost): the rows are those of its source, its only child.
        Node top = root;
        List<Node> children = childrenOf(nodes, root);
        if (Set.of("INSERT", "UPDATE", "DELETE").contains(root.operator()) && children.size() == 1) {
            top = children.get(0);
        }
        double cost = nodes.values().stream().mapToDouble(Node::cost).max().orElse(0);
        StringBuilder plan = new StringBuilder();
        print(nodes, root, 0, plan);
        return new CostEstimate(Optional.of(top.rows()), Optional.of(cost), plan.toString());
    }

    private static List<Node> childrenOf(Map<String, Node> nodes, Node parent) {
        List<Node> children = new ArrayList<>();
        nodes.values().stream().filter(node -> parent.id().equals(node.parent())).forEach(children::add);
        return children;
    }

    private static void print(Map<String, Node> nodes, Node node, int depth, StringBuilder plan) {
        plan.append("  ".repeat(depth)).append(node.operator());
        if (node.details() != null && !node.details().isBlank()) {
            plan.append(" (").append(node.details().strip()).append(')');
        }
        plan.append(String.format(Locale.ROOT, " rows=%.0f cost=%.2f%n", node.rows(), node.cost()));
        for (Node child : childrenOf(nodes, node)) {
            print(nodes, child, depth + 1, plan);
        }
    }
}
