package dev.dbspec.plugin.postgresql;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.EngineSpecConformance;

class PostgresqlConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new PostgresqlEngineSpec();
    }
}
