package dev.dbspec.plugin.mariadb;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.DriverRefusals;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;

/**
 * The connection options of MariaDB Connector/J 3.5, every one its {@code Driver.getPropertyInfo} lists
 * either allowed with a rule or refused with the reason, and what the driver reads from a URL: its own
 * {@link Configuration#parse}, compared field by field with the configuration of a bare URL, so aliases
 * ({@code trustCertificateKeyStoreUrl} is {@code trustStore}), any spelling the driver accepts and
 * options in host blocks ({@code address=(host=h)(pipe=...)}) all show under the driver's own name.
 * A separate class so that the driver's classes load only when a URL is vetted.
 */
final class MariadbOptions {
    private static final OptionRule BOOL = OptionRule.bool();
    private static final String KEY_STORE = "reads a key store or certificate from a local file named in the URL";
    private static final String FAILOVER = "failover, replication or pooling inside the driver: dbspec pools one server per"
            + " registration and a replayed or redirected transaction would leave the host's read-only transaction";
    private static final String DIAGNOSTICS = "driver diagnostics that write statements or data into the host's log";

    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("host", OptionRule.hostNames())
            .allow("database", OptionRule.text(256))
            .allow(OptionRule.text(256), "timezone", "connectionTimeZone", "connectionCollation", "enabledSslCipherSuites",
                    "enabledSslProtocolSuites", "geometryDefaultType")
            .allow("connectionAttributes", OptionRule.text(1024))
            .allow(BOOL, "forceConnectionTimeZoneToSession", "preserveInstants", "autocommit", "useMysqlMetadata",
                    "nullDatabaseMeansCurrent", "returnMultiValuesGeneratedIds", "jdbcCompliantTruncation",
                    "oldModeNoPrecisionTimestamp", "permitNoResults", "tcpKeepAlive", "uuidAsString", "tcpAbortiveClose",
                    "useReadAheadInput", "fallbackToSystemTrustStore", "rewriteBatchedStatements", "useCompression",
                    "useAffectedRows", "useBulkStmts", "useBulkStmtsForInserts", "disablePipeline", "cachePrepStmts",
                    "useServerPrepStmts", "disconnectOnExpiredPasswords", "blankTableNameMeta", "tinyInt1isBit",
                    "transformedBitIsBoolean", "yearIsDateType", "allowPublicKeyRetrieval", "useSsl", "useSSL")
            .allow(OptionRule.integer(0, Integer.MAX_VALUE), "defaultFetchSize", "connectTimeout", "tcpKeepIdle", "tcpKeepCount",
                    "tcpKeepInterval", "socketTimeout", "prepStmtCacheSize", "maxAllowedPacket")
            .allow("useCatalogTerm", OptionRule.oneOf("CATALOG", "SCHEMA", "UseCatalog", "UseSchema"))
            .allow("metaExportedKeys", OptionRule.oneOf("Auto", "UseInformationSchema", "UseShowCreate"))
            .allow("sslMode", OptionRule.oneOf("DISABLE", "TRUST", "VERIFY_CA", "VERIFY_FULL"))
            .allow("transactionIsolation", OptionRule.oneOf("READ_UNCOMMITTED", "READ_COMMITTED", "REPEATABLE_READ", "SERIALIZABLE"))
            .allow("restrictedAuth", OptionRule.text(256))
            .allow(OptionRule.localPath(), "serverSslCert", "serverRsaPublicKeyFile")
            .refuse("runs SQL from the URL on every connect", "initSql")
            .refuseClassFromUrl("socketFactory", "tlsSocketType")
            .refuse("opens a local named pipe or unix socket of the host", "pipe", "localSocket")
            .refuse(DriverRefusals.LOCAL_SOCKET_ADDRESS, "localSocketAddress")
            .refuse("takes credentials from the host's environment, system properties or cloud identity", "credentialType",
                    "credentialPlugin", "servicePrincipalName")
            .refuse(KEY_STORE, "keyStore", "trustStore", "keyStorePassword", "trustStorePassword", "keyPassword", "keyStoreType",
                    "trustStoreType")
            .refuse(DriverRefusals.SYSTEM_KEY_STORE, "fallbackToSystemKeyStore")
            .refuse(DriverRefusals.LOCAL_INFILE, "allowLocalInfile")
            .refuse(DriverRefusals.MULTI_STATEMENTS, "allowMultiQueries")
            .refuse(DriverRefusals.SESSION_VARIABLES, "sessionVariables")
            .refuse(DriverRefusals.CREATE_DATABASE, "createDatabaseIfNotExist")
            .refuse("the driver skips statements it believes the session already ran, which the host's read-only transaction"
                    + " relies on", "useLocalSessionState")
            .refuse(DIAGNOSTICS, "dumpQueriesOnException", "includeInnodbStatusInDeadlockExceptions",
                    "includeThreadDumpInDeadlockExceptions", "maxQuerySizeToLog")
            .refuse(FAILOVER, "haMode", "retriesAllDown", "galeraAllowedState", "transactionReplay", "transactionReplaySize",
                    "permitRedirect", "pinGlobalTxToPhysicalConnection", "pool", "poolName", "maxPoolSize", "minPoolSize",
                    "maxIdleTime", "registerJmxPool", "poolValidMinDelay", "useResetConnection")
            .build();

    /** Accessors of Configuration that are not options. */
    private static final Set<String> NOT_OPTIONS = Set.of("addresses", "codecs", "initialUrl", "nonMappedOptions", "toBuilder",
            "toString", "hashCode", "havePrimaryHostOnly", "getClass");

    private MariadbOptions() {
    }

    static Map<String, String> read(String engineId, String jdbcUrl, Properties properties) {
        // The driver reads escapes and non-ASCII in its own way: refuse them before it does.
        Map<String, String> inTheUrl = OPTIONS.parseStrictly(engineId,
                jdbcUrl.replaceAll("%[0-9A-Fa-f]{2}", "_").replaceAll("\\([^()]*\\)", "_"), new Properties());
        // Refused names before the driver parses: it fails on some of their values first, hiding the reason.
        java.util.Set<String> names = new java.util.TreeSet<>(inTheUrl.keySet());
        names.addAll(properties.stringPropertyNames());
        for (String name : names) {
            java.util.Optional<String> reason = OPTIONS.refusal(name);
            if (reason.isPresent()) {
                throw new UnsafeUrlException(engineId, name, reason.get());
            }
        }
        Configuration bare;
        Configuration configuration;
        try {
            bare = Configuration.parse("jdbc:mariadb://localhost/", new Properties());
            configuration = Configuration.parse(jdbcUrl, properties);
        } catch (SQLException | RuntimeException e) {
            throw UnsafeUrlException.url(engineId, "the MariaDB driver cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        if (configuration == null) {
            throw UnsafeUrlException.url(engineId, "the MariaDB driver does not read this URL");
        }
        // Options the caller wrote, also when they repeat the driver's default (allowLocalInfile=true is one).
        java.util.Set<String> written = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        written.addAll(properties.stringPropertyNames());
        int query = jdbcUrl.indexOf('?');
        if (query >= 0) {
            for (String pair : jdbcUrl.substring(query + 1).split("&")) {
                written.add(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair);
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Method accessor : Configuration.class.getMethods()) {
            if (accessor.getParameterCount() != 0 || Modifier.isStatic(accessor.getModifiers())
                    || accessor.getDeclaringClass() != Configuration.class || NOT_OPTIONS.contains(accessor.getName())) {
                continue;
            }
            try {
                Object value = accessor.invoke(configuration);
                if (written.contains(accessor.getName()) || !Objects.deepEquals(value, accessor.invoke(bare))) {
                    options.put(accessor.getName(), value == null ? "" : String.valueOf(value));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read MariaDB configuration " + accessor.getName(), e);
            }
        }
        StringBuilder hosts = new StringBuilder();
        for (HostAddress address : configuration.addresses()) {
            if (address.pipe != null) {
                options.put("pipe", address.pipe);
            }
            if (address.localSocket != null) {
                options.put("localSocket", address.localSocket);
            }
            if (address.sslMode != null) {
                options.put("sslMode", address.sslMode.name());
            }
            if (address.host != null) {
                hosts.append(hosts.length() == 0 ? "" : ",").append(address.host);
            }
        }
        if (hosts.length() > 0) {
            options.put("host", hosts.toString());
        }
        configuration.nonMappedOptions().stringPropertyNames().forEach(name ->
                options.put(name, configuration.nonMappedOptions().getProperty(name)));
        return options;
    }
}
