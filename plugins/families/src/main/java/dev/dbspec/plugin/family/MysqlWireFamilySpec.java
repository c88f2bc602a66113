package dev.dbspec.plugin.family;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DriverArtifact;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An engine that speaks MySQL's protocol through MySQL Connector/J (not bundled) under a JDBC prefix of
 * its own, so URL resolution never confuses it with MySQL: {@code jdbc:<engine>://host:port/db} is handed
 * to Connector/J as {@code jdbc:mysql://host:port/db}. Subclasses name the prefix and what differs.
 */
public abstract class MysqlWireFamilySpec extends MysqlFamilySpec {
    private static final String CONNECTOR_J_PREFIX = "jdbc:mysql:";

    /** The engine's own prefix, for example {@code jdbc:starrocks:}. */
    protected abstract String ownPrefix();

    private PrefixRewrite prefixRewrite() {
        return new PrefixRewrite(ownPrefix(), CONNECTOR_J_PREFIX);
    }

    @Override
    public List<String> urlPrefixes() {
        return prefixRewrite().urlPrefixes();
    }

    @Override
    public String urlTemplate() {
        return prefixRewrite().urlTemplate("//{host}:{port}/{database}");
    }

    @Override
    public String driverUrl(String jdbcUrl) {
        return prefixRewrite().driverUrl(jdbcUrl);
    }

    @Override
    public String driverClassName() {
        return "com.mysql.cj.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.mysql:mysql-connector-j:9.4.0", "GPL-2.0-only WITH Universal-FOSS-exception-1.0", false));
    }

    /**
     * MySQL's, without what rests on MySQL's own catalog and EXPLAIN output ({@code EXPLAIN FORMAT=JSON},
     * {@code information_schema.PARTITIONS} and {@code TABLES} columns), which these engines answer differently and no
     * live check here has proven.
     */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(super.capabilities());
        capabilities.removeAll(Set.of(Capability.SQL_VALIDATION, Capability.COST_ESTIMATION, Capability.EXTRA_TABLE_METADATA,
                Capability.LATEST_PARTITION));
        return capabilities;
    }
}
