package ${package};

import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.EngineSpecConformance;

/**
 * The dbspec conformance kit against a live ${engineName}: set DBSPEC_TEST_${engine.toUpperCase()}_URL (with _USER and _PASSWORD
 * when needed). Without it every check is skipped with that message; DBSPEC_TESTDB_REQUIRE=${engine} makes it a failure.
 */
class ${className}ConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new ${className}EngineSpec();
    }
}
