package dev.dbspec.plugin.azure.synapse;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.MssqlWireFamilySpec;
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
public final class AzureSynapseEngineSpec extends MssqlWireFamilySpec {
    public AzureSynapseEngineSpec() {
        super(facts("azure_synapse", "Azure Synapse Analytics", "jdbc:synapse:", "DATETIME2", "TIME")
                .withoutCapabilities(Capability.CANCEL)
                .maxColumnNameLength(128)
                .build());
    }
}
