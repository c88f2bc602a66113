package dev.dbspec.plugin.trino;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.OptionRule;
import dev.dbspec.plugin.family.DriverOptionRules;
import dev.dbspec.plugin.family.PrestoFamilySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            .refuseClassFromUrl("dnsResolver")
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

    public TrinoEngineSpec() {
        super(coordinatorFacts("trino", "Trino", "jdbc:trino:")
                .driver("io.trino.jdbc.TrinoDriver", new DriverArtifact("io.trino:trino-jdbc:483", "Apache-2.0", true))
                .options(OPTIONS)
                .impersonation(IMPERSONATION)
                // Measured on Trino 483: ORDER BY takes a select alias before a source column of the same name. Partitions
                // of Hive-connector tables ($partitions); nested data (NestedTypes.presto, NestedValues): checked live.
                .capabilities(Capability.ALIAS_TO_SOURCE_COLUMN, Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION,
                        Capability.USER_IMPERSONATION, Capability.EXPAND_DATA)
                // No key constraints: CREATE TABLE refuses PRIMARY KEY.
                .withoutPrimaryKeys()
                // VARBINARY takes no length; DOUBLE (there is no DOUBLE PRECISION).
                .columnType(GenericType.BINARY, "VARBINARY")
                .columnType(GenericType.FLOAT, "DOUBLE")
                // trino-jdbc does not implement DatabaseMetaData.getFunctions; SHOW FUNCTIONS lists every one by name.
                .functionNamesSql("SHOW FUNCTIONS", true)
                // A trillion-row cross join of generated sequences: busy for far longer than any check waits.
                .longRunningQuery("SELECT count(*) FROM UNNEST(sequence(1, 10000)) a(x) CROSS JOIN UNNEST(sequence(1, 10000)) b(y)"
                        + " CROSS JOIN UNNEST(sequence(1, 10000)) c(z)")
                .build());
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
