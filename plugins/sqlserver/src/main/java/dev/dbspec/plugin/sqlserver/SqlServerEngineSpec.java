package dev.dbspec.plugin.sqlserver;

import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.TemporalType;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Microsoft SQL Server (and Azure SQL) through mssql-jdbc, spec only; grains, {@code TOP n} and errors from
 * {@link TsqlFamilySpec}, with {@code DATETIME2}/{@code DATETIMEOFFSET} literals.
 */
@Extension
public final class SqlServerEngineSpec extends TsqlFamilySpec {
    @Override
    public String id() {
        return "sqlserver";
    }

    @Override
    public String displayName() {
        return "Microsoft SQL Server";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mssql");
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:sqlserver:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:sqlserver://{host}:{port};databaseName={database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(1433);
    }

    @Override
    public String driverClassName() {
        return "com.microsoft.sqlserver.jdbc.SQLServerDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.microsoft.sqlserver:mssql-jdbc:13.2.1.jre11", "MIT", false));
    }

    @Override
    protected String timestampType() {
        return "DATETIME2";
    }

    @Override
    protected String timeType() {
        return "TIME";
    }

    @Override
    public DatetimeLiterals datetimeLiterals() {
        return super.datetimeLiterals().toBuilder()
                .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS DATETIMEOFFSET)", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                .build();
    }

    @Override
    public Map<String, String> forbiddenUrlOptions() {
        String instantiates = "makes the driver instantiate a class named in the URL";
        String reads = "reads key material from the server's local file system";
        return Map.of(
                "socketfactoryclass", instantiates,
                "socketfactoryconstructorarg", "passes a URL value to a socket factory class named in the URL",
                "trustmanagerclass", instantiates,
                "trustmanagerconstructorarg", "passes a URL value to a trust manager class named in the URL",
                "accesstokencallbackclass", instantiates,
                "keystorelocation", reads,
                "clientcertificate", reads,
                "clientkey", reads);
    }

    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(128);
    }
}
