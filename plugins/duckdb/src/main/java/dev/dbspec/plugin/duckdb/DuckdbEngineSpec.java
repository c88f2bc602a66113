package dev.dbspec.plugin.duckdb;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.plugin.family.DuckdbFamilySpec;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/** DuckDB in process through duckdb_jdbc (native library inside the jar); facts from {@link DuckdbFamilySpec}. */
@Extension
public final class DuckdbEngineSpec extends DuckdbFamilySpec {
    @Override
    public String id() {
        return "duckdb";
    }

    @Override
    public String displayName() {
        return "DuckDB";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:duckdb:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:duckdb:{file}";
    }

    @Override
    public String driverClassName() {
        return "org.duckdb.DuckDBDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.duckdb:duckdb_jdbc:1.4.4.0", "MIT", true));
    }
}
