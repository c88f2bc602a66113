package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.IdentifierQuoting;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

/**
 * Collects the tables a parsed statement reads or writes: {@code FROM} items, joins, subqueries in any
 * clause, set-operation branches, CTE bodies and DML targets. CTE names are excluded within their whole
 * {@code WITH} (also inside the CTE bodies, as Superset does); aliases are never tables.
 */
final class TableCollector {
    private final IdentifierQuoting quoting;
    private final Set<TableRef> tables = new LinkedHashSet<>();
    private final Deque<Set<String>> cteNames = new ArrayDeque<>();

    private TableCollector(IdentifierQuoting quoting) {
        this.quoting = requireNonNull(quoting, "quoting is null");
    }

    static Set<TableRef> collect(SqlNode node, IdentifierQuoting quoting) {
        TableCollector collector = new TableCollector(quoting);
        collector.statement(node);
        return collector.tables;
    }

    private void statement(SqlNode node) {
        if (node instanceof SqlInsert insert) {
            from(insert.getTargetTable());
            query(insert.getSource());
        } else if (node instanceof SqlUpdate update) {
            from(update.getTargetTable());
            expression(update.getSourceExpressionList());
            expression(update.getCondition());
        } else if (node instanceof SqlDelete delete) {
            from(delete.getTargetTable());
            expression(delete.getCondition());
        } else if (node instanceof SqlMerge merge) {
            from(merge.getTargetTable());
            from(merge.getSourceTableRef());
            expression(merge.getCondition());
            expression(merge.getUpdateCall());
            expression(merge.getInsertCall());
        } else if (node instanceof SqlExplain explain) {
            statement(explain.getExplicandum());
        } else if (node instanceof SqlDescribeTable describe) {
            from(describe.getTable());
        } else {
            query(node);
        }
    }

    private void query(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlWith with) {
            Set<String> names = new HashSet<>();
            for (SqlNode item : with.withList) {
                names.add(normalize(((SqlWithItem) item).name, 0));
            }
            cteNames.push(names);
            for (SqlNode item : with.withList) {
                query(((SqlWithItem) item).query);
            }
            statement(with.body);
            cteNames.pop();
        } else if (node instanceof SqlOrderBy orderBy) {
            query(orderBy.query);
            expression(orderBy.orderList);
        } else if (node instanceof SqlSelect select) {
            from(select.getFrom());
            expression(select.getSelectList());
            expression(select.getWhere());
            expression(select.getGroup());
            expression(select.getHaving());
            expression(select.getQualify());
            expression(select.getWindowList());
            expression(select.getOrderList());
        } else if (node.getKind() == SqlKind.EXPLICIT_TABLE && node instanceof SqlCall call) {
            from(call.operand(0));
        } else {
            expression(node);
        }
    }

    private void from(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlIdentifier identifier) {
            table(identifier);
        } else if (node instanceof SqlJoin join) {
            // A chain of joins is a tree as deep as it is long (t0, t1, ..., tn): its left spine is walked in a
            // loop, not by recursion, so that no number of joins exhausts the stack. Same order: leftmost first.
            Deque<SqlJoin> spine = new ArrayDeque<>();
            SqlNode left = join;
            while (left instanceof SqlJoin next) {
                spine.push(next);
                left = next.getLeft();
            }
            from(left);
            while (!spine.isEmpty()) {
                SqlJoin next = spine.pop();
                from(next.getRight());
                expression(next.getCondition());
            }
        } else if (node instanceof SqlBasicCall call && isTableWrapper(call.getKind())) {
            from(call.operand(0));
            for (int i = 1; i < call.operandCount(); i++) {
                expression(call.operand(i));
            }
        } else if (isQuery(node)) {
            query(node);
        } else {
            expression(node);
        }
    }

    private static boolean isTableWrapper(SqlKind kind) {
        return kind == SqlKind.AS || kind == SqlKind.LATERAL || kind == SqlKind.TABLESAMPLE
                || kind == SqlKind.EXPLICIT_TABLE || kind == SqlKind.TABLE_REF || kind == SqlKind.SNAPSHOT;
    }

    private static boolean isQuery(SqlNode node) {
        return node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith
                || node.getKind().belongsTo(SqlKind.SET_QUERY);
    }

    private void expression(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            for (SqlNode item : list) {
                expression(item);
            }
        } else if (isQuery(node) || node instanceof SqlInsert || node instanceof SqlUpdate || node instanceof SqlDelete) {
            if (node.getKind().belongsTo(SqlKind.SET_QUERY)) {
                for (SqlNode operand : ((SqlCall) node).getOperandList()) {
                    query(operand);
                }
            } else {
                statement(node);
            }
        } else if (node instanceof SqlJoin || node.getKind() == SqlKind.EXPLICIT_TABLE) {
            from(node);
        } else if (node instanceof SqlCall call) {
            List<SqlNode> operands;
            try {
                operands = call.getOperandList();
            } catch (UnsupportedOperationException e) {
                return;
            }
            for (SqlNode operand : operands) {
                expression(operand);
            }
        }
    }

    private void table(SqlIdentifier identifier) {
        List<String> names = identifier.names;
        int size = names.size();
        if (size == 0 || identifier.isStar() || names.get(size - 1).isEmpty()) {
            return;
        }
        String table = normalize(identifier, size - 1);
        if (size == 1 && isCte(table)) {
            return;
        }
        String schema = size >= 2 ? emptyToNull(normalize(identifier, size - 2)) : null;
        String catalog = size >= 3 ? emptyToNull(normalize(identifier, size - 3)) : null;
        for (int i = size - 4; i >= 0; i--) {
            // server.db.schema.table (SQL Server linked servers): the catalog keeps every leading part
            catalog = normalize(identifier, i) + "." + (catalog == null ? "" : catalog);
        }
        tables.add(new TableRef(catalog, schema, table));
    }

    private boolean isCte(String name) {
        for (Set<String> scope : cteNames) {
            if (scope.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private String normalize(SqlIdentifier identifier, int index) {
        String name = identifier.names.get(index);
        return identifier.isComponentQuoted(index) ? name : quoting.normalizeUnquoted(name);
    }

    private static String emptyToNull(String name) {
        return name.isEmpty() || name.equals(CalciteText.DEFAULT_SCHEMA) ? null : name;
    }
}
