package dev.dbspec.plugin.mariadb;

import dev.dbspec.plugin.family.MysqlFamilySpec;
import java.util.Map;
import java.util.Properties;
import org.pf4j.Extension;

/** MariaDB through MariaDB Connector/J; grains, literals, errors and types from {@link MysqlFamilySpec}. */
@Extension
public final class MariadbEngineSpec extends MysqlFamilySpec {
    /**
     * Note that Connector/J 3.x allows LOAD DATA LOCAL INFILE unless told otherwise: refusing the
     * option only stops a URL from naming it, the host must pass {@code allowLocalInfile=false}.
     */
    /** Connector/J 3.x allows LOAD DATA LOCAL INFILE unless told otherwise. */
    @Override
    public Map<String, String> enforcedConnectionProperties() {
        return Map.of("allowLocalInfile", "false");
    }

    /** What the driver's own {@code Configuration.parse} reads, aliases and host blocks included. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        return MariadbOptions.read(id(), driverUrl(jdbcUrl), properties);
    }

    // ---- functions and validation ----

    public MariadbEngineSpec() {
        super(facts(MariadbEngineSpec.class)
                // MariaDB Connector/J's allow-list ({@link MariadbOptions}).
                .options(MariadbOptions.OPTIONS)
                // The family's behaviours plus file upload (batched INSERTs through a staging table, never LOAD DATA LOCAL; UploadChecks).
                .capabilities(dev.dbspec.api.Capability.FILE_UPLOAD)
                // The current database's stored functions and MariaDB's built-ins (information_schema.SQL_FUNCTIONS); the driver's
                // list is added too, as for the family.
                .functionNamesSql("SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"
                        + " AND ROUTINE_TYPE = 'FUNCTION' UNION SELECT FUNCTION FROM information_schema.SQL_FUNCTIONS", false)
                // A read-only transaction started by SQL, which the server enforces.
                .readOnlyMode(READ_ONLY_TRANSACTION)
                // not timestampsAsLocalDateTime: MariaDB Connector/J's LocalDateTime moves a time in a daylight-saving gap too
                .decimalsAsText()
                .build());
    }
}
