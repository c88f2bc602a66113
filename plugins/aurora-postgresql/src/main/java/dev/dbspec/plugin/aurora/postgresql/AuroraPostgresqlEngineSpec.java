package dev.dbspec.plugin.aurora.postgresql;

import dev.dbspec.plugin.family.PgWireFamilySpec;
import org.pf4j.Extension;

/**
 * Amazon Aurora PostgreSQL-Compatible Edition through pgjdbc (not bundled), under its own {@code jdbc:aurora-postgresql:}
 * prefix, so a cluster endpoint is registered as Aurora and not as a plain PostgreSQL server: the PostgreSQL family's
 * facts as they are (all 21 grains, typed literals, {@code TIMESTAMP 'epoch'} epochs, pgjdbc's option allow-list).
 * Aurora PostgreSQL runs PostgreSQL's SQL engine on AWS storage and is reached with pgjdbc
 * (docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraPostgreSQL.html; "Connecting to an Amazon Aurora
 * PostgreSQL DB cluster"). AWS's own wrapper ({@code jdbc:aws-wrapper:postgresql:}, software.amazon.jdbc) is not what this
 * spec drives: its plugins load classes and credentials by URL options this allow-list has not judged. Cancellation is
 * not claimed (no check here ran it on Aurora).
 */
@Extension
public final class AuroraPostgresqlEngineSpec extends PgWireFamilySpec {
    public AuroraPostgresqlEngineSpec() {
        super(facts("aurora_postgresql", "Amazon Aurora PostgreSQL", "jdbc:aurora-postgresql:")
                .build());
    }
}
