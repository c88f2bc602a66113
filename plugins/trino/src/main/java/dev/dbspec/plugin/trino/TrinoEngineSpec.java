package dev.dbspec.plugin.trino;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.OptionRule;
import dev.dbspec.plugin.family.DriverOptionRules;
import dev.dbspec.plugin.family.PrestoFamilySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.pf4j.Extension;

/**
 * Trino through trino-jdbc (not bundled); all 21 grains, literals and errors from {@link PrestoFamilySpec},
 * grains over the column as it is so {@code timestamp(6..12)} values are never rounded.
 */
@Extension
public final class TrinoEngineSpec extends PrestoFamilySpec {
    /**
     * trino-jdbc 484's options ({@code TrinoDriver.getPropertyInfo}): the family's, plus catalog, schema, path,
     * roles, time zone and the like; TLS verification only FULL (CA skips the host name, NONE everything).
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .addAll(CLIENT_OPTIONS)
            .allow(OptionRule.bool(), "assumeLiteralNamesInMetadataCallsForNonConformingClients",
                    "assumeLiteralUnderscoreInMetadataCallsForNonConformingClients", "assumeNullCatalogMeansCurrentCatalog",
                    "explicitPrepare", "validateConnection", "SSLUseSystemTrustStore", "disallowLocalRedirect")
            .allow(OptionRule.text(128), "catalog", "schema", "source", "sessionUser", "traceToken", "locale", "timezone")
            .allow(OptionRule.text(512), "clientInfo", "path", "roles", "resourceEstimates")
            .allow("encoding", OptionRule.text(64))
            .allow("timeout", DriverOptionRules.duration())
            .allow("hostnameInCertificate", OptionRule.hostNames())
            .allow("SSLVerification", DriverOptionRules.oneOfRefusing(Map.of(
                    "NONE", "it switches off certificate verification, so anyone between this server and Trino could read the password",
                    "CA", "it skips the host name check, so any certificate of a trusted authority would do for a man in the middle"),
                    "FULL"))
            .refuse("makes the driver instantiate a class named in the URL", "dnsResolver")
            .refuse("passes URL values to a DNS resolver class named in the URL", "dnsResolverContext")
            .refuse("presents this host's system key store, authenticating as this host", "SSLUseSystemKeyStore")
            .refuse("BASIC and above log requests, HEADERS and BODY log the password and tokens, into this server's log",
                    "httpLoggingLevel")
            .refuse("makes the driver send an OAuth client secret to a URL named in the connection, fetched from this server",
                    "oauth2TokenEndpoint")
            .refuse("delegates this JVM's own Kerberos credentials, authenticating as this host",
                    "KerberosDelegation", "KerberosConstrainedDelegation")
            .build();

    @Override
    public String id() {
        return "trino";
    }

    @Override
    public String displayName() {
        return "Trino";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:trino:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:trino://{host}:{port}/{catalog}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(8080);
    }

    @Override
    public String driverClassName() {
        return "io.trino.jdbc.TrinoDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("io.trino:trino-jdbc:484", "Apache-2.0", false));
    }

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    /**
     * trino-jdbc's {@code sessionUser} ({@code ConnectionProperties.SESSION_USER}): the login user authenticates, the
     * queries run as the session user, which Trino's access control must let the login user impersonate. Names are kept to
     * letters, digits and {@code . _ @ + -} (they travel in an HTTP header), at most 128 characters like the option.
     */
    static final dev.dbspec.api.Impersonation IMPERSONATION = dev.dbspec.api.Impersonation.connectionProperties(
            Map.of("sessionUser", dev.dbspec.api.Impersonation.NAME), java.util.regex.Pattern.compile("[A-Za-z0-9._@+\\-]{1,128}"), 128);

    @Override
    public dev.dbspec.api.Impersonation impersonation() {
        return IMPERSONATION;
    }

    /**
     * The family's, partitions and the latest one of Hive-connector tables ({@code $partitions}), and {@code sessionUser}
     * impersonation: claimed from the docs, not checked live here (no live Trino in the kit).
     */
    @Override
    public java.util.Set<dev.dbspec.api.Capability> capabilities() {
        java.util.Set<dev.dbspec.api.Capability> capabilities = java.util.EnumSet.copyOf(super.capabilities());
        capabilities.add(dev.dbspec.api.Capability.EXTRA_TABLE_METADATA);
        capabilities.add(dev.dbspec.api.Capability.LATEST_PARTITION);
        capabilities.add(dev.dbspec.api.Capability.USER_IMPERSONATION);
        capabilities.add(dev.dbspec.api.Capability.EXPAND_DATA); // spec-only: NestedTypes.presto, NestedValues (unit tests)
        return capabilities;
    }
}
