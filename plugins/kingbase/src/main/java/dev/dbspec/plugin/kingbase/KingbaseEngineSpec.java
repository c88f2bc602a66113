package dev.dbspec.plugin.kingbase;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgjdbcOptions;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.pf4j.Extension;

/**
 * KingbaseES (Kingbase V8/V9) through Kingbase's JDBC driver {@code kingbase8} (a pgjdbc derivative, not bundled) and its
 * {@code jdbc:kingbase8:} URLs; port 54321. KingbaseES is PostgreSQL-based: in its default PostgreSQL-compatible mode
 * {@code DATE_TRUNC} (second to year, ISO weeks), interval arithmetic and the SQL-standard literals are PostgreSQL's
 * (KingbaseES "SQL Language" reference, date/time functions), so those facts come from {@link PostgresFamilySpec}.
 *
 * <p>Options: pgjdbc's allow-list ({@link PgjdbcOptions}), read strictly; Kingbase's own additions are refused as not on
 * the list. Cancellation is not claimed (unverified here).
 */
@Extension
public final class KingbaseEngineSpec extends PostgresFamilySpec {
    public KingbaseEngineSpec() {
        super(facts(KingbaseEngineSpec.class)
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA)
                .maxColumnNameLength(63)
                .build());
    }
}
