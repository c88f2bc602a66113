package dev.dbspec.plugin.doris;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpec;
import org.pf4j.Extension;

/**
 * Apache Doris over the MySQL protocol with MySQL Connector/J (not bundled); grains and errors from
 * {@link MysqlFamilySpec}. Literals are casts to DATETIME(6) (DATETIME alone has whole seconds); Doris
 * has no TIME columns.
 */
@Extension
public final class DorisEngineSpec extends MysqlWireFamilySpec {
    public DorisEngineSpec() {
        super(dorisLineageFacts("doris", "Apache Doris", "jdbc:doris:", "DATETIME(6)")
                // Doris has catalogs (internal and external) above databases, switchable per query.
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_CATALOG)
                .build());
    }
}
