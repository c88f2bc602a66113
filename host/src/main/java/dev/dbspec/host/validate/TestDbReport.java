package dev.dbspec.host.validate;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.SupersetScore;
import java.util.List;

/**
 * Everything {@code dbspec test-db} found, as written to the JSON report.
 *
 * @param engineId      the engine spec used
 * @param engineName    its display name
 * @param plugin        the plugin that provides it, with version
 * @param pluginLocation where the plugin was loaded from
 * @param url           the JDBC URL, with secrets masked
 * @param startedAt     ISO-8601 instant
 * @param scorecard     the static diagnosis
 * @param checks        the live checks, in order
 * @param passed        checks passed
 * @param failed        checks failed
 * @param skipped       checks skipped (not checkable here: never counted as passed)
 * @param supersetScore Superset's score: grains and features verified live, claimed, and the maximum (201)
 */
public record TestDbReport(String engineId, String engineName, String plugin, String pluginLocation, String url,
                           String startedAt, Scorecard scorecard, List<CheckResult> checks, int passed, int failed,
                           int skipped, SupersetScore supersetScore) {
    public TestDbReport {
        requireNonNull(engineId, "engineId is null");
        checks = List.copyOf(checks);
    }

    public static TestDbReport of(EngineSpec spec, String plugin, String location, String url,
                                  String startedAt, List<CheckResult> checks) {
        Scorecard scorecard = Scorecard.of(spec);
        int passed = (int) checks.stream().filter(c -> c.status() == CheckResult.Status.PASSED).count();
        int failed = (int) checks.stream().filter(c -> c.status() == CheckResult.Status.FAILED).count();
        int skipped = checks.size() - passed - failed;
        return new TestDbReport(spec.id(), spec.displayName(), plugin, location, url, startedAt, scorecard, checks, passed, failed, skipped,
                SupersetScore.of(spec, checks));
    }

    /** True when every claimed capability passed. */
    public boolean success() {
        return failed == 0;
    }
}
