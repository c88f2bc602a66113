package dev.dbspec.plugin.mysql;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.api.GenericType;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/** MySQL through MySQL Connector/J; grains, literals, errors and types from {@link MysqlFamilySpec}. */
@Extension
public final class MysqlEngineSpec extends MysqlFamilySpec {
    @Override
    public String id() {
        return "mysql";
    }

    @Override
    public String displayName() {
        return "MySQL";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:mysql:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:mysql://{host}:{port}/{database}";
    }

    @Override
    public String driverClassName() {
        return "com.mysql.cj.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.mysql:mysql-connector-j:9.4.0", "GPL-2.0-only WITH Universal-FOSS-exception-1.0", true));
    }


    /**
     * Without JSON: jdbc:mysql: URLs reach MariaDB servers too, where a JSON column is a LONGTEXT
     * and Connector/J reports it so (MySQL itself reports JSON, which maps to JSON).
     */
    @Override
    public Set<GenericType> storableTypes() {
        Set<GenericType> types = EnumSet.copyOf(super.storableTypes());
        types.remove(GenericType.JSON);
        return types;
    }

    /** A read-only transaction started by SQL, which the server enforces ({@link #READ_ONLY_TRANSACTION}). */
    @Override
    public ReadOnlyMode readOnlyMode(String jdbcUrl) {
        return READ_ONLY_TRANSACTION;
    }

    /** Partitions and table properties from {@code information_schema} ({@link dev.dbspec.plugin.family.MysqlPartitions}). */
    @Override
    public Set<dev.dbspec.api.Capability> capabilities() {
        Set<dev.dbspec.api.Capability> capabilities = EnumSet.copyOf(super.capabilities());
        capabilities.add(dev.dbspec.api.Capability.EXTRA_TABLE_METADATA);
        capabilities.add(dev.dbspec.api.Capability.LATEST_PARTITION);
        return capabilities;
    }

    // ---- partitions and extra table metadata (MysqlPartitions) ----

    /** {@value dev.dbspec.plugin.family.MysqlPartitions#PARTITIONS_SQL} ({@link dev.dbspec.plugin.family.MysqlPartitions#partitions}). */
    @Override
    public Optional<dev.dbspec.api.TablePartitions> partitions(java.sql.Connection connection, dev.dbspec.api.TableName table) throws java.sql.SQLException {
        return dev.dbspec.plugin.family.MysqlPartitions.partitions(connection, this, table);
    }

    /**
     * {@value dev.dbspec.plugin.family.MysqlPartitions#PARTITIONS_SQL}; {@value dev.dbspec.plugin.family.MysqlPartitions#COLUMNS_SQL}; then {@code SELECT 1 FROM `db`.`t` PARTITION (`p`) LIMIT 1}
     * from the last partition down ({@link dev.dbspec.plugin.family.MysqlPartitions#latestPartition}).
     */
    @Override
    public Optional<dev.dbspec.api.LatestPartition> latestPartition(java.sql.Connection connection, dev.dbspec.api.TableName table) throws java.sql.SQLException {
        return dev.dbspec.plugin.family.MysqlPartitions.latestPartition(connection, this, table);
    }

    /** {@value dev.dbspec.plugin.family.MysqlPartitions#TABLE_SQL} and {@link #partitions} ({@link dev.dbspec.plugin.family.MysqlPartitions#extraTableMetadata}). */
    @Override
    public java.util.Map<String, Object> extraTableMetadata(java.sql.Connection connection, dev.dbspec.api.TableName table) throws java.sql.SQLException {
        return dev.dbspec.plugin.family.MysqlPartitions.extraTableMetadata(connection, this, table);
    }
}
