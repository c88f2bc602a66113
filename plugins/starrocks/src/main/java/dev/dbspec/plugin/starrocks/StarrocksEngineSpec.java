package dev.dbspec.plugin.starrocks;

import dev.dbspec.api.GenericType;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpec;
import org.pf4j.Extension;

/**
 * StarRocks over the MySQL protocol with MySQL Connector/J (not bundled); grains and errors from
 * {@link MysqlFamilySpec}. Literals are casts (DATETIME keeps microseconds); StarRocks has no TIME columns.
 */
@Extension
public final class StarrocksEngineSpec extends MysqlWireFamilySpec {
    public StarrocksEngineSpec() {
        super(dorisLineageFacts("starrocks", "StarRocks", "jdbc:starrocks:", "DATETIME")
                // StarRocks' DATETIME takes no precision and keeps microseconds.
                .columnType(GenericType.TIMESTAMP, "DATETIME")
                .build());
    }
}
