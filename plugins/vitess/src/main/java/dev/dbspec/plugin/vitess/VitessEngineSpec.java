package dev.dbspec.plugin.vitess;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpec;
import org.pf4j.Extension;

/**
 * Vitess (and PlanetScale, which runs it) through VTGate's MySQL protocol with MySQL Connector/J (not bundled), under its
 * own {@code jdbc:vitess:} prefix; port 3306. VTGate evaluates or pushes down the SQL to MySQL shards, so the grains,
 * literals and errors are {@link MysqlFamilySpec}'s (vitess.io, "MySQL Compatibility": date functions are MySQL's).
 *
 * <p>Keyspaces appear as databases. Cancellation is not claimed: Connector/J's {@code KILL QUERY} reaches one VTGate,
 * which need not be the one running the query.
 */
@Extension
public final class VitessEngineSpec extends MysqlWireFamilySpec {
    public VitessEngineSpec() {
        super(facts("vitess", "Vitess", "jdbc:vitess:")
                .aliases("planetscale")
                .withoutCapabilities(Capability.CANCEL)
                .build());
    }
}
