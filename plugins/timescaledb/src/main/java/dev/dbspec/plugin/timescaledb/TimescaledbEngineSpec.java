package dev.dbspec.plugin.timescaledb;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.pf4j.Extension;

/**
 * TimescaleDB (PostgreSQL with the timescaledb extension, self-hosted or Timescale Cloud) through pgjdbc (not bundled),
 * under its own {@code jdbc:timescaledb:} prefix so that it is told apart from plain PostgreSQL: everything from
 * {@link PostgresFamilySpec} (all 21 grains; docs.timescale.com: hypertables are PostgreSQL tables and keep its SQL).
 *
 * <p>The grains stay PostgreSQL's {@code DATE_TRUNC} and interval arithmetic rather than {@code time_bucket}: on a
 * {@code timestamptz} {@code time_bucket} buckets in UTC, where {@code DATE_TRUNC} follows the session's time zone as
 * PostgreSQL's other engines here do. Cancellation is PostgreSQL's cancel request, which the extension leaves alone.
 */
@Extension
public final class TimescaledbEngineSpec extends PgWireFamilySpec {
    public TimescaledbEngineSpec() {
        super(facts("timescaledb", "TimescaleDB", "jdbc:timescaledb:")
                .aliases("timescale")
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA, Capability.CANCEL)
                .maxColumnNameLength(63)
                .build());
    }
}
