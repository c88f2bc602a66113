package dev.dbspec.plugin.azure.synapse;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.plugin.family.MssqlJdbcOptions;
import dev.dbspec.plugin.family.PrefixRewrite;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import java.util.Map;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Azure Synapse Analytics SQL pools through mssql-jdbc (not bundled), under its own {@code jdbc:synapse:} prefix handed to
 * the driver as {@code jdbc:sqlserver:}, so a workspace endpoint is not taken for a SQL Server: the T-SQL family's grains
 * ({@code DATEADD}/{@code DATEDIFF} from a fixed Monday, whatever {@code DATEFIRST} says), {@code TOP n}, brackets and
 * {@code DATETIME2}/{@code TIME} literals, and mssql-jdbc's option allow-list. Facts from learn.microsoft.com: "Table data
 * types in Synapse SQL" (date, datetime2, time, datetimeoffset), the T-SQL reference's "Applies to: Azure Synapse Analytics"
 * for DATEADD, DATEDIFF and CAST, and "Connection strings for dedicated SQL pool" (port 1433, {@code *.sql.azuresynapse.net}).
 *
 * <p>Not claimed: cancellation (mssql-jdbc's attention signal is unverified against a pool) and a zoned literal
 * ({@code DATETIMEOFFSET} columns exist, but no check here has compared its text forms on Synapse).
 */
@Extension
public final class AzureSynapseEngineSpec extends TsqlFamilySpec {
    private static final PrefixRewrite PREFIX = new PrefixRewrite("jdbc:synapse:", "jdbc:sqlserver:");

    public AzureSynapseEngineSpec() {
        super(facts("azure_synapse", "Azure Synapse Analytics", "DATETIME2", "TIME")
                .url(PREFIX.urlTemplate("//{host}:{port};databaseName={database}"), PREFIX.prefix())
                .port(1433)
                .driver("com.microsoft.sqlserver.jdbc.SQLServerDriver", new DriverArtifact("com.microsoft.sqlserver:mssql-jdbc:13.2.1.jre11", "MIT", false))
                .options(MssqlJdbcOptions.OPTIONS)
                .withoutCapabilities(Capability.CANCEL)
                .maxColumnNameLength(128)
                .build());
    }

    @Override
    public String driverUrl(String jdbcUrl) {
        return PREFIX.driverUrl(jdbcUrl);
    }

    /** mssql-jdbc's options, read from the URL as the driver gets it ({@link MssqlJdbcOptions#read}). */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        return MssqlJdbcOptions.read(this, jdbcUrl, properties);
    }
}
