package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the engine's planner expects of one statement ({@code query_cost_estimation}), read from its {@code EXPLAIN}
 * without running the statement ({@link EngineSpec#estimate(java.sql.Connection, String)}).
 *
 * @param rows the rows the planner expects the statement to produce, when the engine says
 * @param cost the planner's total cost in the engine's own unit (not comparable across engines), when the engine says
 * @param plan the plan as the engine printed it
 */
public record CostEstimate(Optional<Double> rows, Optional<Double> cost, String plan) {
    public CostEstimate {
        requireNonNull(rows, "rows is null");
        requireNonNull(cost, "cost is null");
        requireNonNull(plan, "plan is null");
    }

    /**
     * The plan printed by {@code explainSql} (an {@code EXPLAIN} that plans without running), column {@code column}
     * (1-based) of its rows, one line each: an estimate without rows or cost, for engines whose plan gives neither
     * (SQLite's {@code EXPLAIN QUERY PLAN}, H2's {@code EXPLAIN}, HSQLDB's {@code EXPLAIN PLAN FOR}).
     */
    public static CostEstimate planOnly(java.sql.Connection connection, String explainSql, int column) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(explainSql, "explainSql is null");
        StringBuilder plan = new StringBuilder();
        try (java.sql.Statement statement = connection.createStatement(); java.sql.ResultSet rows = statement.executeQuery(explainSql)) {
            while (rows.next()) {
                plan.append(rows.getString(column)).append('\n');
            }
        }
        return new CostEstimate(Optional.empty(), Optional.empty(), plan.toString());
    }

    /**
     * The one statement of {@code sql} (trailing semicolons removed) if an {@code EXPLAIN} of it runs nothing: its first
     * keyword is on the allow-list {@code explainable} and no {@code ;} precedes its end
     * ({@link SqlValidation#explainable}).
     *
     * @throws SQLSyntaxErrorException (SQLState 42000) otherwise; nothing was sent to the engine
     */
    public static String explainableStatement(String sql, Set<String> explainable) throws SQLException {
        requireNonNull(sql, "sql is null");
        if (SqlValidation.innerSemicolon(sql).isPresent()) {
            throw new SQLSyntaxErrorException("estimate one statement at a time: a ';' may only end the text", "42000");
        }
        if (!SqlValidation.explainable(sql, explainable)) {
            throw new SQLSyntaxErrorException("not estimated: estimable statements start with one of "
                    + new java.util.TreeSet<>(explainable), "42000");
        }
        return SqlValidation.stripTrailingSemicolons(sql);
    }

    /**
     * The first number given to key {@code key} in the JSON text {@code json} (plain or in a string, as MySQL writes
     * {@code "query_cost": "1.20"}); in an {@code EXPLAIN} the first occurrence belongs to the top of the plan.
     */
    public static Optional<Double> firstNumber(String json, String key) {
        requireNonNull(json, "json is null");
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(requireNonNull(key, "key is null"))
                + "\"\\s*:\\s*\"?(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)").matcher(json);
        return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    }
}
