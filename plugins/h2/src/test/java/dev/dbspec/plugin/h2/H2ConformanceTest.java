package dev.dbspec.plugin.h2;

import static java.util.Map.entry;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.testdb.EngineSpecConformance;
import java.util.Map;

class H2ConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new H2EngineSpec();
    }

    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("VARCHAR(10)", GenericType.STRING), entry("CHAR(3)", GenericType.STRING), entry("CLOB", GenericType.STRING),
                entry("INTEGER", GenericType.INTEGER), entry("BIGINT", GenericType.INTEGER), entry("SMALLINT", GenericType.INTEGER),
                entry("NUMERIC(10,2)", GenericType.DECIMAL), entry("DOUBLE PRECISION", GenericType.FLOAT), entry("REAL", GenericType.FLOAT),
                entry("BOOLEAN", GenericType.BOOLEAN), entry("DATE", GenericType.DATE), entry("TIME", GenericType.TIME),
                entry("TIMESTAMP", GenericType.TIMESTAMP), entry("TIMESTAMP WITH TIME ZONE", GenericType.TIMESTAMP),
                entry("VARBINARY(8)", GenericType.BINARY), entry("BLOB", GenericType.BINARY), entry("JSON", GenericType.JSON),
                entry("UUID", GenericType.STRING));
    }

}
