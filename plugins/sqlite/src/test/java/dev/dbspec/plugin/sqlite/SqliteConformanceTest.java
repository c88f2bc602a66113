package dev.dbspec.plugin.sqlite;

import static java.util.Map.entry;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.testdb.EngineSpecConformance;
import java.util.Map;

class SqliteConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new SqliteEngineSpec();
    }

    @Override
    protected String timestampColumnType() {
        return "TEXT";
    }

    /** SQLite reports the declared type name, so the mapping is checked on the names people declare. */
    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("TEXT", GenericType.STRING), entry("VARCHAR(10)", GenericType.STRING), entry("INTEGER", GenericType.INTEGER),
                entry("BIGINT", GenericType.INTEGER), entry("REAL", GenericType.FLOAT), entry("DOUBLE", GenericType.FLOAT),
                entry("NUMERIC", GenericType.DECIMAL), entry("DECIMAL(10,2)", GenericType.DECIMAL), entry("BOOLEAN", GenericType.BOOLEAN),
                entry("DATE", GenericType.DATE), entry("DATETIME", GenericType.TIMESTAMP), entry("TIMESTAMP", GenericType.TIMESTAMP),
                entry("BLOB", GenericType.BINARY), entry("JSON", GenericType.JSON));
    }

}
