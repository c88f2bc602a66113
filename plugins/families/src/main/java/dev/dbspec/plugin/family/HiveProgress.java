package dev.dbspec.plugin.family;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hive query's progress from its operation log, as Superset's {@code HiveEngineSpec.progress(log_lines)}
 * ({@code superset/db_engine_specs/hive.py}): the job being run out of the total ({@code Launching Job 2 out of 3},
 * {@code Total jobs = 3}) and, within it, the mean of its stages' {@code (map % + reduce %) / 2}
 * ({@code Stage-1 map = 50%,  reduce = 0%}); progress = {@code 100 * (current_job - 1) / total_jobs + stage_progress /
 * total_jobs}, truncated to a whole percent. The lines come from Hive JDBC's {@code HiveStatement.getQueryLog()}, which
 * returns the lines logged since its previous call and may be called from another thread while the statement runs; it is
 * read reflectively since the driver is not bundled (spec-only).
 */
public final class HiveProgress {
    private static final Pattern JOBS_STATS = Pattern.compile(".*INFO.*Total jobs = (?<maxJobs>[0-9]+)");
    private static final Pattern LAUNCHING_JOB = Pattern.compile(".*INFO.*Launching Job (?<jobNumber>[0-9]+) out of (?<maxJobs>[0-9]+)");
    private static final Pattern STAGE_PROGRESS = Pattern.compile(
            ".*INFO.*Stage-(?<stageNumber>[0-9]+).*map = (?<mapProgress>[0-9]+)%.*reduce = (?<reduceProgress>[0-9]+)%.*");

    /** The lines read so far, by driver statement (weakly: a closed statement goes). */
    private static final Map<Object, List<String>> LINES = Collections.synchronizedMap(new WeakHashMap<>());

    private HiveProgress() {
    }

    /** Superset's percentage (0 to 100) for the log lines so far. */
    public static int progress(List<String> logLines) {
        int totalJobs = 1; // assuming there's at least one job
        int currentJob = 1;
        Map<Integer, Double> stages = new LinkedHashMap<>();
        for (String line : logLines) {
            Matcher match = JOBS_STATS.matcher(line);
            if (match.matches()) {
                totalJobs = Math.max(1, Integer.parseInt(match.group("maxJobs")));
            }
            match = LAUNCHING_JOB.matcher(line);
            if (match.matches()) {
                currentJob = Integer.parseInt(match.group("jobNumber"));
                totalJobs = Math.max(1, Integer.parseInt(match.group("maxJobs")));
                stages.clear();
            }
            match = STAGE_PROGRESS.matcher(line);
            if (match.matches()) {
                int map = Integer.parseInt(match.group("mapProgress"));
                int reduce = Integer.parseInt(match.group("reduceProgress"));
                stages.put(Integer.parseInt(match.group("stageNumber")), (map + reduce) / 2.0);
            }
        }
        double stageProgress = stages.isEmpty() ? 0 : stages.values().stream().mapToDouble(Double::doubleValue).sum() / stages.size();
        return (int) (100.0 * (currentJob - 1) / totalJobs + stageProgress / totalJobs);
    }

    /** Forgets the lines of an earlier statement run on {@code statement}. */
    static void reset(Statement statement) throws SQLException {
        LINES.remove(driverStatement(statement));
    }

    /** Reads the new log lines and gives Superset's progress as a fraction; empty before any line was logged or without the driver's method. */
    static OptionalDouble poll(Statement statement) throws SQLException {
        Object target = driverStatement(statement);
        Method getQueryLog;
        try {
            getQueryLog = target.getClass().getMethod("getQueryLog");
        } catch (NoSuchMethodException e) {
            return OptionalDouble.empty();
        }
        Object lines;
        try {
            lines = getQueryLog.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new SQLException("cannot read the query's log: " + e.getCause(), e);
        }
        List<String> seen = LINES.computeIfAbsent(target, key -> Collections.synchronizedList(new ArrayList<>()));
        if (lines instanceof List<?> list) {
            list.forEach(line -> seen.add(String.valueOf(line)));
        }
        if (seen.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<String> copy;
        synchronized (seen) {
            copy = List.copyOf(seen);
        }
        return OptionalDouble.of(Math.min(100, progress(copy)) / 100.0);
    }

    private static Object driverStatement(Statement statement) throws SQLException {
        return statement.isWrapperFor(Statement.class) ? statement.unwrap(Statement.class) : statement;
    }
}
