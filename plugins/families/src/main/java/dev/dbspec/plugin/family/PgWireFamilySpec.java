package dev.dbspec.plugin.family;

import dev.dbspec.api.DriverArtifact;
import java.util.List;
import java.util.Optional;

/**
 * An engine that speaks PostgreSQL's wire protocol through pgjdbc (not bundled) under a JDBC prefix of
 * its own, so URL resolution never confuses it with PostgreSQL: {@code jdbc:<engine>://host:port/db} is
 * handed to pgjdbc as {@code jdbc:postgresql://host:port/db}. Subclasses name the prefix and what differs.
 */
public abstract class PgWireFamilySpec extends PostgresFamilySpec {
    private static final String PGJDBC_PREFIX = "jdbc:postgresql:";

    /** The engine's own prefix, for example {@code jdbc:cockroachdb:}. */
    protected abstract String ownPrefix();

    private PrefixRewrite prefixRewrite() {
        return new PrefixRewrite(ownPrefix(), PGJDBC_PREFIX);
    }

    @Override
    public List<String> urlPrefixes() {
        return prefixRewrite().urlPrefixes();
    }

    @Override
    public String urlTemplate() {
        return prefixRewrite().urlTemplate("//{host}:{port}/{database}");
    }

    @Override
    public String driverUrl(String jdbcUrl) {
        return prefixRewrite().driverUrl(jdbcUrl);
    }

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.postgresql:postgresql:42.7.8", "BSD-2-Clause", false));
    }

}
