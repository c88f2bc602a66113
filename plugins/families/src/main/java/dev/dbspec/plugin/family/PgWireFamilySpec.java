package dev.dbspec.plugin.family;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineFacts;

/**
 * An engine that speaks PostgreSQL's wire protocol through pgjdbc (not bundled) under a JDBC prefix of
 * its own, so URL resolution never confuses it with PostgreSQL: {@code jdbc:<engine>://host:port/db} is
 * handed to pgjdbc as {@code jdbc:postgresql://host:port/db}. Subclasses declare the prefix and what differs.
 */
public abstract class PgWireFamilySpec extends PostgresFamilySpec {
    private static final String PGJDBC_PREFIX = "jdbc:postgresql:";

    protected PgWireFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /**
     * The family's facts served under {@code ownPrefix} (for example {@code jdbc:cockroachdb:}) through pgjdbc, on PostgreSQL's
     * port 5432 unless the engine declares its own.
     */
    public static EngineFacts.Builder facts(String id, String displayName, String ownPrefix) {
        return PostgresFamilySpec.facts(id, displayName)
                .port(5432)
                .url(new PrefixRewrite(ownPrefix, PGJDBC_PREFIX).urlTemplate("//{host}:{port}/{database}"), ownPrefix)
                .driver("org.postgresql.Driver", new DriverArtifact("org.postgresql:postgresql:42.7.8", "BSD-2-Clause", false));
    }

    @Override
    public String driverUrl(String jdbcUrl) {
        return new PrefixRewrite(urlPrefixes().get(0), PGJDBC_PREFIX).driverUrl(jdbcUrl);
    }
}
