package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hive's progress from its operation log, as Superset's {@code HiveEngineSpec.progress}: the cases of Superset's
 * {@code tests/integration_tests/db_engine_specs/hive_tests.py} ({@code test_job_1_launched_progress} and the following
 * ones), and the reflective read of {@code HiveStatement.getQueryLog()}.
 */
class HiveProgressTest {
    private static final String LAUNCH_1 = "17/02/07 19:15:55 INFO ql.Driver: Launching Job 1 out of 2";
    private static final String LAUNCH_2 = "17/02/07 19:15:55 INFO ql.Driver: Launching Job 2 out of 2";
    private static final String TOTAL = "17/02/07 19:15:55 INFO ql.Driver: Total jobs = 2";

    private static String stage(int stage, int map, int reduce) {
        return "17/02/07 19:16:09 INFO exec.Task: 2017-02-07 19:16:09,173 Stage-" + stage + " map = " + map + "%,  reduce = " + reduce + "%";
    }

    @Test
    void supersetsCases() {
        String perf = "17/02/07 18:26:27 INFO log.PerfLogger: <PERFLOG method=compile from=org.apache.hadoop.hive.ql.Driver>";
        assertThat(HiveProgress.progress(List.of(perf))).as("test_0_progress").isZero();
        assertThat(HiveProgress.progress(List.of(TOTAL))).as("test_number_of_jobs_progress").isZero();
        assertThat(HiveProgress.progress(List.of(TOTAL, LAUNCH_1))).as("test_job_1_launched_progress").isZero();
        assertThat(HiveProgress.progress(List.of(TOTAL, LAUNCH_1, stage(1, 0, 0)))).as("test_job_1_launched_stage_1").isZero();
        assertThat(HiveProgress.progress(List.of(TOTAL, LAUNCH_1, stage(1, 0, 0), stage(1, 40, 0))))
                .as("test_job_1_launched_stage_1_map_40_progress").isEqualTo(10);
        assertThat(HiveProgress.progress(List.of(TOTAL, LAUNCH_1, stage(1, 0, 0), stage(1, 40, 0), stage(1, 80, 40))))
                .as("test_job_1_launched_stage_1_map_80_reduce_40_progress").isEqualTo(30);
        assertThat(HiveProgress.progress(List.of(TOTAL, LAUNCH_1, stage(1, 0, 0), stage(1, 40, 0), stage(1, 80, 40), stage(2, 0, 0),
                stage(1, 100, 0)))).as("test_job_1_launched_stage_2_stages_progress").isEqualTo(12);
        assertThat(HiveProgress.progress(List.of(TOTAL, LAUNCH_1, stage(1, 100, 0), LAUNCH_2, stage(1, 0, 0), stage(1, 40, 0))))
                .as("test_job_2_launched_stage_2_stages_progress").isEqualTo(60);
    }

    @Test
    void readsTheLogIncrementallyThroughTheDriver() throws Exception {
        LoggingStatement driver = new LoggingStatement();
        java.sql.Statement statement = (java.sql.Statement) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {java.sql.Statement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isWrapperFor" -> true;
                    case "unwrap" -> driver;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        HiveProgress.reset(statement);
        assertThat(HiveProgress.poll(statement)).isEmpty();
        driver.pending.addAll(List.of(TOTAL, LAUNCH_1, stage(1, 40, 0)));
        assertThat(HiveProgress.poll(statement)).hasValue(0.10);
        driver.pending.add(stage(1, 80, 40));
        assertThat(HiveProgress.poll(statement)).as("earlier lines are kept").hasValue(0.30);
        assertThat(HiveProgress.poll(statement)).hasValue(0.30);
        driver.pending.addAll(List.of(LAUNCH_2, stage(1, 40, 0)));
        assertThat(HiveProgress.poll(statement)).hasValue(0.60);
        HiveProgress.reset(statement);
        assertThat(HiveProgress.poll(statement)).as("a new statement starts from an empty log").isEmpty();
    }

    /** Stands for HiveStatement: getQueryLog() answers the lines since its last call. */
    public static final class LoggingStatement {
        final List<String> pending = new ArrayList<>();

        public List<String> getQueryLog() {
            List<String> lines = List.copyOf(pending);
            pending.clear();
            return lines;
        }
    }
}
