package dev.dbspec.plugin.h2;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.EngineSpecConformance;

class H2ConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new H2EngineSpec();
    }
}
