package dev.dbspec.plugin.yugabytedb;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.pf4j.Extension;

/**
 * YugabyteDB's YSQL API through pgjdbc (not bundled; YugabyteDB's smart driver {@code com.yugabyte:jdbc-yugabytedb} is a
 * pgjdbc fork and takes the same URLs), under the {@code jdbc:yugabytedb:} prefix; port 5433. YSQL reuses PostgreSQL's
 * query layer (docs.yugabyte.com, "YSQL" API reference: date and time functions and operators are PostgreSQL's), so
 * everything comes from {@link PostgresFamilySpec}: all 21 grains from {@code DATE_TRUNC} and interval arithmetic.
 *
 * <p>Databases and schemas are PostgreSQL's. Cancellation is not claimed: a cancel request reaches the YB-TServer the
 * connection landed on, which no check here has shown stops a query spread over other nodes.
 */
@Extension
public final class YugabytedbEngineSpec extends PgWireFamilySpec {
    public YugabytedbEngineSpec() {
        super(facts("yugabytedb", "YugabyteDB (YSQL)", "jdbc:yugabytedb:")
                .aliases("yugabyte", "ysql")
                .port(5433)
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA)
                .maxColumnNameLength(63)
                .build());
    }
}
