package com.example.dbspec;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.EngineSpecConformance;
import dev.dbspec.testdb.TestDatabase;
import java.util.Optional;
import java.util.UUID;

/** The dbspec conformance kit, pointed at an in-memory ExampleDB. */
class ExampleDbConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new ExampleDbEngineSpec();
    }

    @Override
    protected TestDatabase database() {
        String url = "jdbc:exampledb:mem:example_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return new TestDatabase("exampledb", url, Optional.empty(), Optional.empty(), "embedded");
    }
}
