package dev.dbspec.plugin.postgresql;

import static java.util.Map.entry;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.testdb.EngineSpecConformance;
import java.util.Map;

class PostgresqlConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new PostgresqlEngineSpec();
    }

    /** The spec vets what pgjdbc's own parser reads from the URL and the properties. */
    @Override
    protected boolean readsOptionsWithTheDriversParser() {
        return true;
    }

    /** pgjdbc's options that load classes named in the URL, or read the host's files. */
    @Override
    protected java.util.Set<String> refusedByName() {
        return java.util.Set.of("socketFactory", "sslfactory", "sslhostnameverifier", "sslpasswordcallback", "authenticationPluginClassName",
                "service");
    }

    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("VARCHAR(10)", GenericType.STRING), entry("TEXT", GenericType.STRING), entry("CHAR(2)", GenericType.STRING),
                entry("UUID", GenericType.STRING), entry("INTEGER", GenericType.INTEGER), entry("BIGINT", GenericType.INTEGER),
                entry("SMALLINT", GenericType.INTEGER), entry("NUMERIC(10,2)", GenericType.DECIMAL),
                entry("DOUBLE PRECISION", GenericType.FLOAT), entry("REAL", GenericType.FLOAT), entry("BOOLEAN", GenericType.BOOLEAN),
                entry("DATE", GenericType.DATE), entry("TIME", GenericType.TIME), entry("TIMESTAMP", GenericType.TIMESTAMP),
                entry("TIMESTAMPTZ", GenericType.TIMESTAMP), entry("BYTEA", GenericType.BINARY), entry("JSON", GenericType.JSON),
                entry("JSONB", GenericType.JSON));
    }

}
