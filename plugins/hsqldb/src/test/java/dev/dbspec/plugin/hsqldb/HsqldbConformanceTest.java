package dev.dbspec.plugin.hsqldb;

import static java.util.Map.entry;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.testdb.EngineSpecConformance;
import java.util.Map;
import java.util.Set;

class HsqldbConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new HsqldbEngineSpec();
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("textdb.allow_full_path");
    }

    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("VARCHAR(10)", GenericType.STRING), entry("CHAR(3)", GenericType.STRING), entry("CLOB", GenericType.STRING),
                entry("LONGVARCHAR", GenericType.STRING), entry("UUID", GenericType.STRING), entry("INTEGER", GenericType.INTEGER),
                entry("BIGINT", GenericType.INTEGER), entry("SMALLINT", GenericType.INTEGER), entry("TINYINT", GenericType.INTEGER),
                entry("NUMERIC(10,2)", GenericType.DECIMAL), entry("DECIMAL(10,2)", GenericType.DECIMAL), entry("DOUBLE", GenericType.FLOAT),
                entry("REAL", GenericType.FLOAT), entry("BOOLEAN", GenericType.BOOLEAN), entry("DATE", GenericType.DATE),
                entry("TIME", GenericType.TIME), entry("TIME WITH TIME ZONE", GenericType.TIME), entry("TIMESTAMP", GenericType.TIMESTAMP),
                entry("TIMESTAMP WITH TIME ZONE", GenericType.TIMESTAMP), entry("VARBINARY(8)", GenericType.BINARY),
                entry("BLOB", GenericType.BINARY), entry("LONGVARBINARY", GenericType.BINARY));
    }
}
