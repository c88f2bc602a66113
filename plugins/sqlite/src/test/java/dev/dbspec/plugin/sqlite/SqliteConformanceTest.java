package dev.dbspec.plugin.sqlite;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.EngineSpecConformance;

class SqliteConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new SqliteEngineSpec();
    }

    @Override
    protected String timestampColumnType() {
        return "TEXT";
    }
}
