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
 * Trino through trino-jdbc (bundled); all 21 grains, literals and errors from {@link PrestoFamilySpec},
 * grains over the column as it is so {@code timestamp(6..12)} values are never rounded. Validated live against
 * Trino 483's testing server with the memory connector ({@code .ci/engines/start}).
 */
@Extension
public final class TrinoEngineSpec extends PrestoFamilySpec {
    /**
     * trino-jdbc 483's options ({@code TrinoDriver.getPropertyInfo}): the family's, plus catalog, schema, path,
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
            // Options of trino-jdbc 483 that only tune a refused mechanism, or bypass the login checks.
            .refuse("tunes Kerberos, which authenticates with this host's own tickets, as this host",
                    "KerberosServicePrincipalPattern", "KerberosUseCanonicalHostname")
            .refuse("belongs to a client key store read from this host's file system (SSLKeyStorePath is refused)",
                    "SSLKeyStorePassword", "SSLKeyStoreType")
            .refuse("tunes external authentication, which needs a person at this host (externalAuthentication is refused)",
                    "externalAuthenticationTimeout", "externalAuthenticationTokenCache")
            .refuse("sends any HTTP headers, X-Trino-User among them, so a connection could run as another user than its login",
                    "extraHeaders")
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
        return Optional.of(new DriverArtifact("io.trino:trino-jdbc:483", "Apache-2.0", true));
    }

    @Override
    public ConnectionOptions connectionOptions() {
        return OPTIONS;
    }

    /**
     * trino-jdbc's {@code sessionUser} ({@code ConnectionProperties.SESSION_USER}): the login user authenticates, the
     * queries run as the session user, which Trino's access control must let the login user impersonate. Names are kept to
     * letters, digits and {@code . _ @ + -} (they travel in an HTTP header), at most 128 characters like the option.
     * {@code current_user} answers the session user (checked live: the kit opens a connection as another user).
     */
    static final dev.dbspec.api.Impersonation IMPERSONATION = new dev.dbspec.api.Impersonation(
            dev.dbspec.api.Impersonation.Kind.CONNECTION_PROPERTIES, List.of(), List.of(), Optional.of("SELECT current_user"),
            Map.of("sessionUser", dev.dbspec.api.Impersonation.NAME), 128, java.util.regex.Pattern.compile("[A-Za-z0-9._@+\\-]{1,128}"),
            Optional.empty());

    @Override
    public dev.dbspec.api.Impersonation impersonation() {
        return IMPERSONATION;
    }

    /**
     * The family's, partitions and the latest one of Hive-connector tables ({@code $partitions}), and {@code sessionUser}
     * impersonation. Measured on Trino 483: ORDER BY takes a select alias before a source column of the same name.
     */
    @Override
    public java.util.Set<dev.dbspec.api.Capability> capabilities() {
        java.util.Set<dev.dbspec.api.Capability> capabilities = java.util.EnumSet.copyOf(super.capabilities());
        capabilities.add(dev.dbspec.api.Capability.ALIAS_TO_SOURCE_COLUMN);
        capabilities.add(dev.dbspec.api.Capability.EXTRA_TABLE_METADATA);
        capabilities.add(dev.dbspec.api.Capability.LATEST_PARTITION);
        capabilities.add(dev.dbspec.api.Capability.USER_IMPERSONATION);
        capabilities.add(dev.dbspec.api.Capability.EXPAND_DATA); // NestedTypes.presto, NestedValues: checked live
        return capabilities;
    }

    /** Trino has no key constraints: {@code CREATE TABLE} refuses {@code PRIMARY KEY}. */
    @Override
    public boolean primaryKeys() {
        return false;
    }

    /** Trino's names: {@code VARBINARY} takes no length, {@code DOUBLE} (there is no {@code DOUBLE PRECISION}). */
    @Override
    public String columnTypeFor(dev.dbspec.api.GenericType type) {
        return switch (type) {
            case BINARY -> "VARBINARY";
            case FLOAT -> "DOUBLE";
            default -> super.columnTypeFor(type);
        };
    }

    /** trino-jdbc does not implement {@code DatabaseMetaData.getFunctions}; {@code SHOW FUNCTIONS} lists every one by name. */
    @Override
    public Optional<String> functionNamesSql() {
        return Optional.of("SHOW FUNCTIONS");
    }

    /** A trillion-row cross join of generated sequences: busy for far longer than any check waits. */
    @Override
    public Optional<String> longRunningQuery() {
        return Optional.of("SELECT count(*) FROM UNNEST(sequence(1, 10000)) a(x) CROSS JOIN UNNEST(sequence(1, 10000)) b(y)"
                + " CROSS JOIN UNNEST(sequence(1, 10000)) c(z)");
    }

    /**
     * The family's partition facts (Hive-connector tables) and, for every table, Trino's own {@code SHOW CREATE TABLE}:
     * its columns with the connector's table properties (format, location, partitioning...). Empty for a table that does
     * not exist. A memory-connector table has no partitions, so the statement is what the live check sees.
     */
    @Override
    public Map<String, Object> extraTableMetadata(java.sql.Connection connection, dev.dbspec.api.TableName table)
            throws java.sql.SQLException {
        StringBuilder name = new StringBuilder();
        table.catalog().ifPresent(catalog -> name.append(identifierQuoting().quote(catalog)).append('.'));
        table.schema().ifPresent(schema -> name.append(identifierQuoting().quote(schema)).append('.'));
        name.append(identifierQuoting().quote(table.name()));
        String createStatement;
        try (java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + name)) {
            if (!rs.next()) {
                return Map.of();
            }
            createStatement = rs.getString(1);
        } catch (java.sql.SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            return Map.of(); // no such table
        }
        Map<String, Object> extra = new java.util.LinkedHashMap<>(super.extraTableMetadata(connection, table));
        extra.put("createStatement", createStatement);
        return extra;
    }
}
