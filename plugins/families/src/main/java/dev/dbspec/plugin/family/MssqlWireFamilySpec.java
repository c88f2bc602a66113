package dev.dbspec.plugin.family;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineFacts;
import java.util.Map;
import java.util.Properties;

/**
 * An engine that speaks SQL Server's TDS protocol through mssql-jdbc (not bundled) under a JDBC prefix of its own, so URL
 * resolution never confuses it with SQL Server: {@code jdbc:<engine>://host:1433;databaseName=db} is handed to mssql-jdbc
 * as {@code jdbc:sqlserver://...}, with mssql-jdbc's allow-list ({@link MssqlJdbcOptions}) read as the driver reads it.
 * Subclasses name the prefix, the precise timestamp and time types and what differs.
 */
public abstract class MssqlWireFamilySpec extends TsqlFamilySpec {
    private static final String MSSQL_JDBC_PREFIX = "jdbc:sqlserver:";

    protected MssqlWireFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /** The T-SQL family's facts served under {@code ownPrefix} (for example {@code jdbc:synapse:}) through mssql-jdbc, port 1433. */
    public static EngineFacts.Builder facts(String id, String displayName, String ownPrefix, String timestampType, String timeType) {
        return facts(id, displayName, timestampType, timeType)
                .url(new PrefixRewrite(ownPrefix, MSSQL_JDBC_PREFIX).urlTemplate("//{host}:{port};databaseName={database}"), ownPrefix)
                .port(1433)
                .driver("com.microsoft.sqlserver.jdbc.SQLServerDriver", new DriverArtifact("com.microsoft.sqlserver:mssql-jdbc:13.2.1.jre11", "MIT", false))
                .options(MssqlJdbcOptions.OPTIONS);
    }

    @Override
    public String driverUrl(String jdbcUrl) {
        return new PrefixRewrite(urlPrefixes().get(0), MSSQL_JDBC_PREFIX).driverUrl(jdbcUrl);
    }

    /** mssql-jdbc's options, read from the URL as the driver gets it ({@link MssqlJdbcOptions#read}). */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        return MssqlJdbcOptions.read(this, jdbcUrl, properties);
    }
}
