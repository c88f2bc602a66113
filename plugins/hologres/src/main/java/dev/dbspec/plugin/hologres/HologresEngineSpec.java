package dev.dbspec.plugin.hologres;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.pf4j.Extension;

/**
 * Alibaba Cloud Hologres through pgjdbc (not bundled; Hologres's documentation connects JDBC clients with the PostgreSQL
 * driver), under its own {@code jdbc:hologres:} prefix; instance endpoints listen on port 80. Hologres is compatible with
 * PostgreSQL 11: grains from {@link PostgresFamilySpec} ({@code DATE_TRUNC} second to year, ISO weeks, interval
 * arithmetic on timestamps, all listed in Hologres's "Date and time functions").
 *
 * <p>Databases sit above schemas as in PostgreSQL. Cancellation is not claimed: no check here has shown pgjdbc's cancel
 * request stop a Hologres query.
 */
@Extension
public final class HologresEngineSpec extends PgWireFamilySpec {
    public HologresEngineSpec() {
        super(facts("hologres", "Hologres", "jdbc:hologres:")
                .port(80)
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA)
                .build());
    }
}
