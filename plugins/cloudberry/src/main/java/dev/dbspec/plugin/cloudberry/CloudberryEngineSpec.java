package dev.dbspec.plugin.cloudberry;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgWireFamilySpec;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.pf4j.Extension;

/**
 * Apache Cloudberry (incubating), the MPP database forked from Greenplum on a PostgreSQL 14 kernel, through pgjdbc (not
 * bundled), under its own {@code jdbc:cloudberry:} prefix; the coordinator listens on 5432. Everything from
 * {@link PostgresFamilySpec}: Cloudberry's {@code DATE_TRUNC}, interval arithmetic and literals are PostgreSQL 14's
 * (cloudberry.apache.org, "SQL Reference", which defers to PostgreSQL's date/time functions).
 *
 * <p>Queries are cancelled with PostgreSQL's cancel request, which the coordinator forwards to its segments.
 */
@Extension
public final class CloudberryEngineSpec extends PgWireFamilySpec {
    public CloudberryEngineSpec() {
        super(facts("cloudberry", "Apache Cloudberry", "jdbc:cloudberry:")
                .aliases("cbdb")
                .port(5432)
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA, Capability.CANCEL)
                .maxColumnNameLength(63)
                .build());
    }
}
