package dev.dbspec.plugin.oceanbase;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpec;
import org.pf4j.Extension;

/**
 * OceanBase in MySQL mode over the MySQL protocol with MySQL Connector/J (not bundled; OceanBase's docs name it for
 * MySQL-mode tenants, beside their own {@code com.oceanbase:oceanbase-client}), under its own {@code jdbc:oceanbase:}
 * prefix; port 2881 (an OBServer; 2883 through the ODP proxy). Grains, literals and errors from {@link MysqlFamilySpec}:
 * MySQL mode's date functions and DATETIME(6) are MySQL's (en.oceanbase.com/docs, "Date and time functions" and
 * "Date and time types" of MySQL mode). Oracle-mode tenants speak another dialect and are not served by this engine.
 *
 * <p>Cancellation is not claimed: through ODP, Connector/J's {@code KILL QUERY} on a second connection names a
 * session id that the proxy must map to the right OBServer, which is not verified here.
 */
@Extension
public final class OceanbaseEngineSpec extends MysqlWireFamilySpec {
    public OceanbaseEngineSpec() {
        super(facts("oceanbase", "OceanBase (MySQL mode)", "jdbc:oceanbase:")
                .port(2881)
                .withoutCapabilities(Capability.CANCEL)
                .build());
    }
}
