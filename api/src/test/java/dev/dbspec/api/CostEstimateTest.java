package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLSyntaxErrorException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostEstimateTest {
    private static final Set<String> EXPLAINABLE = Set.of("SELECT", "DELETE");

    @Test
    void firstNumberReadsPlainAndQuotedNumbersAtTheTopOfThePlan() {
        String postgres = "[{\"Plan\": {\"Total Cost\": 41.88, \"Plan Rows\": 850, \"Plans\": [{\"Total Cost\": 2.5, \"Plan Rows\": 7}]}}]";
        assertThat(CostEstimate.firstNumber(postgres, "Total Cost")).hasValue(41.88);
        assertThat(CostEstimate.firstNumber(postgres, "Plan Rows")).hasValue(850.0);
        assertThat(CostEstimate.firstNumber("{\"cost_info\": {\"query_cost\": \"1.20\"}}", "query_cost")).hasValue(1.2);
        assertThat(CostEstimate.firstNumber("{\"rows_produced_per_join\": 3}", "rows")).isEmpty();
        assertThat(CostEstimate.firstNumber("{\"cost\": 1e3}", "cost")).hasValue(1000.0);
    }

    @Test
    void onlyOneAllowListedStatementIsExplained() throws Exception {
        assertThat(CostEstimate.explainableStatement(" SELECT 1 ;; ", EXPLAINABLE)).isEqualTo(" SELECT 1");
        assertThat(CostEstimate.explainableStatement("/* c */ DELETE FROM t", EXPLAINABLE)).isEqualTo("/* c */ DELETE FROM t");
        for (String sql : new String[] {"ANALYZE DELETE FROM t", "SELECT 1; DELETE FROM t", "(ANALYZE) DELETE FROM t", "DROP TABLE t"}) {
            assertThatThrownBy(() -> CostEstimate.explainableStatement(sql, EXPLAINABLE)).as(sql)
                    .isInstanceOf(SQLSyntaxErrorException.class);
        }
    }

    @Test
    void theDefaultEstimatesNothing() throws Exception {
        EngineSpec spec = new EngineSpecDefaultsTest.MinimalSpec();
        assertThat(spec.estimate(java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                    throw new AssertionError("the default must not touch the connection: " + method.getName());
                }) instanceof java.sql.Connection c ? c : null, "SELECT 1")).isEmpty();
        assertThat(new CostEstimate(Optional.empty(), Optional.of(1.0), "plan").cost()).hasValue(1.0);
    }
}
