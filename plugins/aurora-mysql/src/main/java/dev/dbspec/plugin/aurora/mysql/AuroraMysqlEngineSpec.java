package dev.dbspec.plugin.aurora.mysql;

import dev.dbspec.plugin.family.MysqlWireFamilySpec;
import org.pf4j.Extension;

/**
 * Amazon Aurora MySQL-Compatible Edition through MySQL Connector/J (not bundled), under its own {@code jdbc:aurora-mysql:}
 * prefix: the MySQL family's facts as they are (all 21 grains from {@code DATE()} and interval arithmetic,
 * {@code STR_TO_DATE} literals, Connector/J's option allow-list). Aurora MySQL version 3 is wire- and SQL-compatible with
 * MySQL 8.0 and is reached with Connector/J (docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMySQL.html;
 * "Connecting to an Amazon Aurora MySQL DB cluster"). AWS's wrapper ({@code jdbc:aws-wrapper:mysql:}) is not what this spec
 * drives. As for every MySQL-wire engine, validation, cost estimates and partition metadata (MySQL's catalog and
 * {@code EXPLAIN FORMAT=JSON}) are not claimed until a live check proves them on Aurora.
 */
@Extension
public final class AuroraMysqlEngineSpec extends MysqlWireFamilySpec {
    public AuroraMysqlEngineSpec() {
        super(facts("aurora_mysql", "Amazon Aurora MySQL", "jdbc:aurora-mysql:")
                .port(3306)
                .build());
    }
}
