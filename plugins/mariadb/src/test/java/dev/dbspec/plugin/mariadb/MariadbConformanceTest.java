package dev.dbspec.plugin.mariadb;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.testdb.EngineSpecConformance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MariadbConformanceTest extends EngineSpecConformance {
    @Override
    protected EngineSpec spec() {
        return new MariadbEngineSpec();
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("allowLocalInfile");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:mariadb://db.example.com:3306/sales?useSSL=true");
    }

    /** The spec vets what the MariaDB driver's own parser reads from the URL and the properties. */
    @Override
    protected boolean readsOptionsWithTheDriversParser() {
        return true;
    }

    /** The MariaDB driver reads connectionCollation as a collation name. */
    @Override
    protected java.util.Optional<String> sampleValue(String option) {
        return option.equals("connectionCollation") ? java.util.Optional.of("utf8mb4_general_ci") : super.sampleValue(option);
    }

    @Override
    protected Map<String, GenericType> typeSamples() {
        return Map.ofEntries(
                entry("VARCHAR(10)", GenericType.STRING), entry("TEXT", GenericType.STRING), entry("CHAR(2)", GenericType.STRING),
                entry("ENUM('a', 'b')", GenericType.STRING), entry("INT", GenericType.INTEGER), entry("BIGINT", GenericType.INTEGER),
                entry("SMALLINT", GenericType.INTEGER), entry("TINYINT", GenericType.INTEGER), entry("BIGINT UNSIGNED", GenericType.INTEGER),
                entry("YEAR", GenericType.INTEGER), entry("DECIMAL(10,2)", GenericType.DECIMAL), entry("DOUBLE", GenericType.FLOAT),
                entry("FLOAT", GenericType.FLOAT), entry("BOOLEAN", GenericType.BOOLEAN), entry("DATE", GenericType.DATE),
                entry("TIME", GenericType.TIME), entry("DATETIME(3)", GenericType.TIMESTAMP), entry("TIMESTAMP NULL", GenericType.TIMESTAMP),
                entry("BLOB", GenericType.BINARY), entry("VARBINARY(8)", GenericType.BINARY), entry("JSON", GenericType.JSON));
    }

    @Test
    void localInfileIsSwitchedOffEvenWhenTheUserAsksForIt() throws Exception {
        java.util.Properties asked = new java.util.Properties();
        asked.setProperty("allowLocalInfile", "true");
        asked.putAll(spec().enforcedConnectionProperties());
        asked.setProperty("user", "root");
        try (java.sql.Connection connection = spec().loadDriver().connect(spec().driverUrl(database().jdbcUrl()), asked);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE dbspec_infile (line TEXT)");
            assertThatThrownBy(() -> statement.execute("LOAD DATA LOCAL INFILE '/etc/hostname' INTO TABLE dbspec_infile"))
                    .isInstanceOf(java.sql.SQLException.class);
        }
    }
}
