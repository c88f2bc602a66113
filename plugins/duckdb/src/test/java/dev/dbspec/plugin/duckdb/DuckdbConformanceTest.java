package dev.dbspec.plugin.duckdb;

import static java.util.Map.entry;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.testdb.EngineSpecConformance;
import java.util.Map;
import java.util.Set;

class DuckdbConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new DuckdbEngineSpec();
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("session_init_sql_file");
    }

    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("VARCHAR", GenericType.STRING), entry("UUID", GenericType.STRING), entry("INTEGER", GenericType.INTEGER),
                entry("BIGINT", GenericType.INTEGER), entry("HUGEINT", GenericType.INTEGER), entry("UBIGINT", GenericType.INTEGER),
                entry("UTINYINT", GenericType.INTEGER), entry("DECIMAL(10,2)", GenericType.DECIMAL), entry("DOUBLE", GenericType.FLOAT),
                entry("FLOAT", GenericType.FLOAT), entry("BOOLEAN", GenericType.BOOLEAN), entry("DATE", GenericType.DATE),
                entry("TIME", GenericType.TIME), entry("TIMESTAMP", GenericType.TIMESTAMP), entry("TIMESTAMPTZ", GenericType.TIMESTAMP),
                entry("TIMESTAMP_MS", GenericType.TIMESTAMP), entry("TIMESTAMP_NS", GenericType.TIMESTAMP), entry("BLOB", GenericType.BINARY),
                entry("JSON", GenericType.JSON), entry("INTEGER[]", GenericType.OTHER), entry("STRUCT(a INTEGER)", GenericType.OTHER),
                entry("BIT", GenericType.OTHER));
    }
}
