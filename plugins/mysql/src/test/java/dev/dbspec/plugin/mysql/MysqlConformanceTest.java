package dev.dbspec.plugin.mysql;

import static java.util.Map.entry;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.testdb.EngineSpecConformance;
import java.util.List;
import java.util.Map;
import java.util.Set;

class MysqlConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new MysqlEngineSpec();
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("allowLoadLocalInfile");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:mysql://db.example.com:3306/sales?useSSL=true");
    }

    /** The spec vets what Connector/J's own parser reads from the URL and the properties. */
    @Override
    protected boolean readsOptionsWithTheDriversParser() {
        return true;
    }

    /** No JSON sample: the local server may be MariaDB, where JSON is LONGTEXT and reported so through Connector/J. */
    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("VARCHAR(10)", GenericType.STRING), entry("TEXT", GenericType.STRING), entry("CHAR(2)", GenericType.STRING),
                entry("ENUM('a', 'b')", GenericType.STRING), entry("INT", GenericType.INTEGER), entry("BIGINT", GenericType.INTEGER),
                entry("SMALLINT", GenericType.INTEGER), entry("TINYINT", GenericType.INTEGER), entry("BIGINT UNSIGNED", GenericType.INTEGER),
                entry("YEAR", GenericType.INTEGER), entry("DECIMAL(10,2)", GenericType.DECIMAL), entry("DOUBLE", GenericType.FLOAT),
                entry("FLOAT", GenericType.FLOAT), entry("BOOLEAN", GenericType.BOOLEAN), entry("DATE", GenericType.DATE),
                entry("TIME", GenericType.TIME), entry("DATETIME(3)", GenericType.TIMESTAMP), entry("TIMESTAMP NULL", GenericType.TIMESTAMP),
                entry("BLOB", GenericType.BINARY), entry("VARBINARY(8)", GenericType.BINARY));
    }
}
