package dev.dbspec.plugin.kustosql;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.TemporalType;
import dev.dbspec.plugin.family.MssqlJdbcOptions;
import dev.dbspec.plugin.family.PrefixRewrite;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import java.util.Map;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Azure Data Explorer (Kusto) through its SQL Server emulation: mssql-jdbc (not bundled) against the cluster's TDS
 * endpoint, under its own {@code jdbc:kustosql:} prefix handed to the driver as {@code jdbc:sqlserver:} (port 1433,
 * {@code <cluster>.kusto.windows.net}, Microsoft Entra authentication). Facts from learn.microsoft.com, "SQL Server
 * emulation in Azure Data Explorer" and "Query data using T-SQL": only data query statements run, translated to KQL;
 * the T-SQL family's grains ({@code DATEADD}/{@code DATEDIFF} from a fixed Monday, as Superset's KustoSQL spec also
 * counts from an anchor), {@code TOP n} and brackets.
 *
 * <p>Kusto has no time-of-day type (its {@code timespan} is a duration), so the TIME literal is left out. Not claimed:
 * cancellation (the TDS attention signal is unverified against a cluster).
 */
@Extension
public final class KustosqlEngineSpec extends TsqlFamilySpec {
    private static final PrefixRewrite PREFIX = new PrefixRewrite("jdbc:kustosql:", "jdbc:sqlserver:");

    public KustosqlEngineSpec() {
        super(facts("kustosql", "KustoSQL (Azure Data Explorer)", "DATETIME2", "TIME")
                .url(PREFIX.urlTemplate("//{host}:{port};databaseName={database}"), PREFIX.prefix())
                .port(1433)
                .driver("com.microsoft.sqlserver.jdbc.SQLServerDriver", new DriverArtifact("com.microsoft.sqlserver:mssql-jdbc:13.2.1.jre11", "MIT", false))
                .options(MssqlJdbcOptions.OPTIONS)
                .literals(literals("DATETIME2", "TIME").toBuilder().remove(TemporalType.TIME).build())
                .withoutCapabilities(Capability.CANCEL)
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
