package dev.dbspec.plugin.doltdb;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpec;
import org.pf4j.Extension;

/**
 * Dolt (the version-controlled SQL database, {@code dolt sql-server}) over the MySQL protocol with MySQL Connector/J (not
 * bundled), under its own {@code jdbc:doltdb:} prefix; port 3306. Grains from {@link MysqlFamilySpec}: Dolt implements
 * MySQL's {@code DATE}, {@code DATE_ADD}/{@code DATE_SUB}, {@code DAYOFWEEK}, {@code MAKEDATE} and {@code QUARTER}
 * (docs.dolthub.com, "SQL Language Support", supported functions). Literals are casts to DATETIME(6), which Dolt
 * documents, rather than {@code STR_TO_DATE} with {@code %f}.
 *
 * <p>Branches appear as databases ({@code db/branch}); cancellation is not claimed, since no check here has shown
 * Connector/J's {@code KILL QUERY} stop a Dolt query.
 */
@Extension
public final class DoltdbEngineSpec extends MysqlWireFamilySpec {
    public DoltdbEngineSpec() {
        super(facts("doltdb", "Dolt", "jdbc:doltdb:")
                .aliases("dolt")
                .literals(castLiterals("DATETIME(6)"))
                .withoutCapabilities(Capability.CANCEL)
                .build());
    }
}
