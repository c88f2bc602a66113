package dev.dbspec.plugin.sqlserver;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.TemporalType;
import dev.dbspec.plugin.family.MssqlJdbcOptions;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import java.util.Map;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Microsoft SQL Server (and Azure SQL) through mssql-jdbc, spec only; grains, {@code TOP n} and errors from
 * {@link TsqlFamilySpec}, with {@code DATETIME2}/{@code DATETIMEOFFSET} literals.
 */
@Extension
public final class SqlServerEngineSpec extends TsqlFamilySpec {
    /** mssql-jdbc's options, read as the driver reads them ({@link MssqlJdbcOptions#read}). */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        return MssqlJdbcOptions.read(this, jdbcUrl, properties);
    }

    public SqlServerEngineSpec() {
        super(facts("sqlserver", "Microsoft SQL Server", "DATETIME2", "TIME")
                .aliases("mssql")
                .url("jdbc:sqlserver://{host}:{port};databaseName={database}", "jdbc:sqlserver:")
                .port(1433)
                .driver("com.microsoft.sqlserver.jdbc.SQLServerDriver", new DriverArtifact("com.microsoft.sqlserver:mssql-jdbc:13.2.1.jre11", "MIT", false))
                .options(MssqlJdbcOptions.OPTIONS)
                .literals(literals("DATETIME2", "TIME").toBuilder()
                            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS DATETIMEOFFSET)", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                            .build())
                .maxColumnNameLength(128)
                .build());
    }
}
