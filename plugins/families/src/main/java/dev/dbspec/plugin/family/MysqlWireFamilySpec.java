package dev.dbspec.plugin.family;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.GenericType;

/**
 * An engine that speaks MySQL's protocol through MySQL Connector/J (not bundled) under a JDBC prefix of
 * its own, so URL resolution never confuses it with MySQL: {@code jdbc:<engine>://host:port/db} is handed
 * to Connector/J as {@code jdbc:mysql://host:port/db}. Subclasses name the prefix and what differs.
 */
public abstract class MysqlWireFamilySpec extends MysqlFamilySpec {
    private static final String CONNECTOR_J_PREFIX = "jdbc:mysql:";

    protected MysqlWireFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /**
     * MySQL's facts served under {@code ownPrefix} through Connector/J, without what rests on MySQL's own catalog and
     * EXPLAIN output ({@code EXPLAIN FORMAT=JSON}, {@code information_schema.PARTITIONS} and {@code TABLES} columns),
     * which these engines answer differently and no live check here has proven.
     */
    public static EngineFacts.Builder facts(String id, String displayName, String ownPrefix) {
        return MysqlFamilySpec.facts(id, displayName)
                .url(new PrefixRewrite(ownPrefix, CONNECTOR_J_PREFIX).urlTemplate("//{host}:{port}/{database}"), ownPrefix)
                .driver("com.mysql.cj.jdbc.Driver", new DriverArtifact("com.mysql:mysql-connector-j:9.4.0",
                        "GPL-2.0-only WITH Universal-FOSS-exception-1.0", false))
                .withoutCapabilities(Capability.SQL_VALIDATION, Capability.COST_ESTIMATION, Capability.EXTRA_TABLE_METADATA,
                        Capability.LATEST_PARTITION);
    }

    /**
     * The facts of the Apache Doris lineage (Doris, and StarRocks forked from it): the frontend's MySQL-protocol port 9030,
     * literals written as casts to {@code datetimeType} (they have no typed literals), and no TIME columns (TIME exists
     * only as a function result).
     */
    public static EngineFacts.Builder dorisLineageFacts(String id, String displayName, String ownPrefix, String datetimeType) {
        return facts(id, displayName, ownPrefix)
                .port(9030)
                .literals(castLiterals(datetimeType))
                .withoutStorableTypes(GenericType.TIME);
    }

    @Override
    public String driverUrl(String jdbcUrl) {
        return new PrefixRewrite(urlPrefixes().get(0), CONNECTOR_J_PREFIX).driverUrl(jdbcUrl);
    }
}
