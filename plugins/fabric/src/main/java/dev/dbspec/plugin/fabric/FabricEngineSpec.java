package dev.dbspec.plugin.fabric;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.MssqlWireFamilySpec;
import org.pf4j.Extension;

/**
 * Microsoft Fabric Data Warehouse (and a lakehouse's SQL analytics endpoint) through mssql-jdbc (not bundled), under its
 * own {@code jdbc:fabric:} prefix; port 1433, {@code <id>.datawarehouse.fabric.microsoft.com}, Microsoft Entra
 * authentication. Facts from learn.microsoft.com, "Data types in Fabric Data Warehouse" ({@code date}, {@code datetime2}
 * up to 6 digits, {@code time}; no {@code datetimeoffset} columns) and "T-SQL surface area in Fabric Data Warehouse"
 * ({@code DATEADD}, {@code DATEDIFF}, {@code TOP}): the T-SQL family's grains, {@code TOP n}, brackets,
 * {@code DATETIME2}/{@code TIME} literals.
 *
 * <p>Not claimed: cancellation (the attention signal is unverified against a warehouse).
 */
@Extension
public final class FabricEngineSpec extends MssqlWireFamilySpec {
    public FabricEngineSpec() {
        super(facts("fabric", "Microsoft Fabric Warehouse", "jdbc:fabric:", "DATETIME2", "TIME")
                .withoutCapabilities(Capability.CANCEL)
                .maxColumnNameLength(128)
                .build());
    }
}
