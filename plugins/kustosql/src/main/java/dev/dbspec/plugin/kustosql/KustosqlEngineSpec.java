package dev.dbspec.plugin.kustosql;

import dev.dbspec.api.Capability;
import dev.dbspec.api.TemporalType;
import dev.dbspec.plugin.family.MssqlWireFamilySpec;
import org.pf4j.Extension;

/**
 * Azure Data Explorer (Kusto) through its SQL Server emulation: mssql-jdbc (not bundled) against the cluster's TDS
 * endpoint, under its own {@code jdbc:kustosql:} prefix (port 1433, {@code <cluster>.kusto.windows.net}, Microsoft Entra
 * authentication). Facts from learn.microsoft.com, "SQL Server emulation in Azure Data Explorer" and "Query data using
 * T-SQL": only data query statements run, translated to KQL; the T-SQL family's grains ({@code DATEADD}/{@code DATEDIFF}
 * from a fixed Monday, as Superset's KustoSQL spec also counts from an anchor), {@code TOP n} and brackets.
 *
 * <p>Kusto has no time-of-day type (its {@code timespan} is a duration), so the TIME literal is left out. Not claimed:
 * cancellation (the TDS attention signal is unverified against a cluster).
 */
@Extension
public final class KustosqlEngineSpec extends MssqlWireFamilySpec {
    public KustosqlEngineSpec() {
        super(facts("kustosql", "KustoSQL (Azure Data Explorer)", "jdbc:kustosql:", "DATETIME2", "TIME")
                .literals(literals("DATETIME2", "TIME").toBuilder().remove(TemporalType.TIME).build())
                .withoutCapabilities(Capability.CANCEL)
                .build());
    }
}
