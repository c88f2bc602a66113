package dev.dbspec.plugin.family;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.UnsafeUrlException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The connection options of MySQL Connector/J 9 ({@code com.mysql.cj.jdbc.Driver}), every one its
 * {@code Driver.getPropertyInfo} lists either allowed with a rule or refused with the reason, and how
 * Connector/J reads a URL: through its own {@code ConnectionUrl}, which decodes percent-encoded names
 * ({@code allowLoad%4CocalInfile}) and reads options inside host blocks
 * ({@code address=(host=h)(allowLoadLocalInfile=true)}, {@code (host=h,queryInterceptors=...)}); every
 * host's options are vetted.
 */
public final class ConnectorJOptions {
    private static final OptionRule YES_NO = OptionRule.oneOf("true", "false", "yes", "no");
    private static final String CLASS = "makes the driver instantiate a class or provider named in the URL";
    private static final String KEY_STORE = "reads a key store from a local file or URL named in the URL";
    private static final String DIAGNOSTICS = "driver diagnostics that write statements, data or timings into the host's log";
    private static final String FAILOVER = "multi-host failover, load balancing or replication: dbspec pools one server per"
            + " registration and a reconnect inside a request would drop its read-only transaction";
    private static final String SESSION_SHORTCUT = "the driver skips statements it believes the session already ran, which the"
            + " host's read-only transaction relies on";

    /** Connector/J's options. */
    public static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("host", OptionRule.hostNames())
            .allow("port", OptionRule.integer(1, 65_535))
            .allow("dbname", OptionRule.text(256))
            .secret("password1", "password2", "password3")
            .allow(YES_NO,
                    "noAccessToProcedureBodies", "ignoreNonTxTables", "trackSessionState", "allowNanAndInf", "pedantic",
                    "strictUpdates", "functionsNeverReturnBlobs", "treatMysqlDatetimeAsTimestamp", "scrollTolerantForwardOnly",
                    "rollbackOnPooledClose", "tinyInt1isBit", "dontCheckOnDuplicateKeyUpdateInSQL", "useOnlyServerErrorMessages",
                    "tcpNoDelay", "cacheResultSetMetadata", "cacheDefaultTimeZone", "paranoid",
                    "populateInsertRowWithDefaultValues", "enableEscapeProcessing", "transformedBitIsBoolean",
                    "forceConnectionTimeZoneToSession", "compensateOnDuplicateKeyUpdateCounts", "emulateLocators",
                    "emulateUnsupportedPstmts", "queryTimeoutKillsConnection", "disconnectOnExpiredPasswords",
                    "allowPublicKeyRetrieval", "blobsAreStrings", "interactiveClient", "sendFractionalSeconds",
                    "alwaysSendSetIsolation", "cachePrepStmts", "noDatetimeStringSync", "treatUtilDateAsTimestamp",
                    "useReadAheadInput", "useCursorFetch", "useOldAliasMetadataBehavior", "clobberStreamingResults",
                    "cacheCallableStmts", "rewriteBatchedStatements", "useHostsInPrivileges", "ultraDevHack",
                    "useColumnNamesInFindColumn", "yearIsDateType", "processEscapeCodesForPrepStmts", "padCharsWithSpace",
                    "holdResultsOpenOverStatementClose", "preserveInstants", "autoClosePStmtStreams",
                    "getProceduresReturnsFunctions", "useAffectedRows", "useCompression", "detectCustomCollations",
                    "useInformationSchema", "jdbcCompliantTruncation", "enableQueryTimeouts", "continueBatchOnError",
                    "useUnbufferedInput", "useStreamLengthsInPrepStmts", "maintainTimeStats",
                    "overrideSupportsIntegrityEnhancementFacility", "fipsCompliantJsse", "cacheServerConfiguration",
                    "tcpKeepAlive", "nullDatabaseMeansCurrent", "sendFractionalSecondsForTime", "useServerPrepStmts",
                    "dontTrackOpenResources", "emptyStringsConvertToZero", "generateSimpleParameterMetadata",
                    "useSSL", "requireSSL", "verifyServerCertificate", "fallbackToSystemTrustStore", "readOnlyPropagatesToServer")
            .allow(OptionRule.integer(0, Integer.MAX_VALUE), "resultSetSizeThreshold", "locatorFetchBufferSize", "defaultFetchSize",
                    "metadataCacheSize", "callableStmtCacheSize", "tcpRcvBuf", "blobSendChunkSize", "maxRows", "maxAllowedPacket",
                    "largeRowSizeThreshold", "tcpSndBuf", "maxByteArrayAsHex", "connectTimeout", "tcpTrafficClass",
                    "prepStmtCacheSqlLimit", "netTimeoutForStreamingResults", "socketTimeout", "prepStmtCacheSize")
            .allow("sslMode", OptionRule.oneOf("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY"))
            .allow("databaseTerm", OptionRule.oneOf("CATALOG", "SCHEMA"))
            .allow("zeroDateTimeBehavior", OptionRule.oneOf("EXCEPTION", "ROUND", "CONVERT_TO_NULL", "convertToNull"))
            .allow(OptionRule.text(256), "characterEncoding", "connectionCollation", "connectionTimeZone", "characterSetResults",
                    "passwordCharacterEncoding", "clobCharacterEncoding", "tlsVersions", "tlsCiphersuites")
            .allow("connectionAttributes", OptionRule.text(1024))
            .allow("serverRSAPublicKeyFile", OptionRule.localPath())
            .refuse(DriverRefusals.LOCAL_INFILE, "allowLoadLocalInfile", "allowLoadLocalInfileInPath",
                    "allowUrlInLocalInfile")
            .refuse("deserializes Java objects read from BLOB columns, which can run code", "autoDeserialize")
            .refuse(CLASS, "logger", "profilerEventHandler", "clientInfoProvider", "queryInfoCacheFactory", "serverConfigCacheFactory",
                    "loadBalanceExceptionChecker", "ha.loadBalanceStrategy", "socketFactory", "propertiesTransform",
                    "authenticationPlugins", "defaultAuthenticationPlugin", "disabledAuthenticationPlugins",
                    "connectionLifecycleInterceptors", "queryInterceptors", "statementInterceptors", "exceptionInterceptors",
                    "authenticationOpenidConnectCallbackHandler", "authenticationWebAuthnCallbackHandler", "sslContextProvider",
                    "trustManagerFactoryProvider", "KeyManagerFactoryProvider", "keyStoreProvider", "customCharsetMapping",
                    "haLoadBalanceStrategy", "parseInfoCacheFactory")
            .refuse("reads a local file named in the URL", "idTokenFile")
            .refuse("opens a local file or named pipe for reading and writing (Connector/J reads namedPipePath as path)",
                    "namedPipePath", "path")
            .allow("protocol", OptionRule.oneOf("tcp"))
            .allow("type", OptionRule.oneOf("source", "replica", "master", "slave"))
            .allow("priority", OptionRule.integer(0, 100))
            .refuse(KEY_STORE, "trustCertificateKeyStoreUrl", "trustCertificateKeyStoreType", "trustCertificateKeyStorePassword",
                    "clientCertificateKeyStoreUrl", "clientCertificateKeyStoreType", "clientCertificateKeyStorePassword")
            .refuse(DriverRefusals.SYSTEM_KEY_STORE, "fallbackToSystemKeyStore")
            .refuse("reads an OCI configuration file of the host", "ociConfigFile", "ociConfigProfile")
            .refuse(DriverRefusals.MULTI_STATEMENTS, "allowMultiQueries")
            .refuse(SESSION_SHORTCUT, "useLocalSessionState", "useLocalTransactionState", "elideSetAutoCommits")
            .refuse("reconnects silently inside a transaction, dropping the host's read-only transaction", "autoReconnect",
                    "autoReconnectForPools")
            .refuse(DriverRefusals.SESSION_VARIABLES, "sessionVariables")
            .refuse(DriverRefusals.CREATE_DATABASE, "createDatabaseIfNotExist")
            .refuse("loads bundles of driver settings that are not vetted one by one", "useConfigs")
            .refuse(DIAGNOSTICS, "traceProtocol", "enablePacketDebug", "packetDebugBufferSize", "profileSQL", "logSlowQueries",
                    "explainSlowQueries", "autoSlowLog", "slowQueryThresholdMillis", "slowQueryThresholdNanos", "gatherPerfMetrics",
                    "reportMetricsIntervalMillis", "useUsageAdvisor", "dumpQueriesOnException", "logXaCommands", "maxQuerySizeToLog",
                    "autoGenerateTestcaseScript", "includeThreadNamesAsStatementComment", "useNanosForElapsedTime",
                    "includeInnodbStatusInDeadlockExceptions", "includeThreadDumpInDeadlockExceptions", "openTelemetry")
            .refuse(FAILOVER, "loadBalanceBlocklistTimeout", "loadBalanceConnectionGroup", "loadBalanceValidateConnectionOnSwapServer",
                    "loadBalanceHostRemovalGracePeriod", "loadBalanceAutoCommitStatementRegex", "loadBalanceSQLStateFailover",
                    "loadBalanceSQLExceptionSubclassFailover", "loadBalancePingTimeout", "loadBalanceAutoCommitStatementThreshold",
                    "failOverReadOnly", "retriesAllDown", "maxReconnects", "initialTimeout", "queriesBeforeRetrySource",
                    "secondsBeforeRetrySource", "allowSourceDownConnections", "allowReplicaDownConnections",
                    "readFromSourceWhenNoReplicas", "replicationConnectionGroup", "serverAffinityOrder",
                    "selfDestructOnPingMaxOperations", "selfDestructOnPingSecondsLifetime", "reconnectAtTxEnd", "ha.enableJMX",
                    "dnsSrv", "pinGlobalTxToPhysicalConnection")
            .refuse("routes the connection through a SOCKS proxy or a network interface of the host", "socksProxyHost",
                    "socksProxyPort", "socksProxyRemoteDns", "localSocketAddress")
            .refuse("LDAP/SASL and cloud-resource authentication with settings of the host", "ldapServerHostname", "resourceId")
            .build();

    private ConnectorJOptions() {
    }

    /**
     * The options Connector/J reads from {@code driverUrl} and {@code properties}, every host's included,
     * through its own {@code ConnectionUrl} when the driver is installed in {@code spec}'s plugin, else
     * through the strict canonical parser (which refuses host blocks).
     */
    public static Map<String, String> read(EngineSpec spec, String driverUrl, Properties properties) {
        Optional<Method> parse = DriverParser.staticMethod(spec, "com.mysql.cj.conf.ConnectionUrl", "getConnectionUrlInstance",
                String.class, Properties.class);
        if (parse.isEmpty()) {
            return spec.connectionOptions().parseStrictly(spec.id(), driverUrl, properties);
        }
        Object url = DriverParser.invoke(spec, parse.get(), null, driverUrl, properties);
        try {
            Object type = url.getClass().getMethod("getType").invoke(url);
            if (!"SINGLE_CONNECTION".equals(String.valueOf(type))) {
                throw UnsafeUrlException.url(spec.id(), "Connector/J reads it as a " + type + " (several hosts, failover, load"
                        + " balancing or replication): dbspec pools one server per registration, and a switch of server inside a"
                        + " request would leave its read-only transaction");
            }
        } catch (ReflectiveOperationException e) {
            throw UnsafeUrlException.url(spec.id(), "the driver cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> options = new LinkedHashMap<>();
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> global = (Map<String, String>) url.getClass().getMethod("getOriginalProperties").invoke(url);
            merge(spec, options, global);
            for (Object host : (List<?>) url.getClass().getMethod("getHostsList").invoke(url)) {
                @SuppressWarnings("unchecked")
                Map<String, String> hostProperties = (Map<String, String>) host.getClass().getMethod("getHostProperties").invoke(host);
                merge(spec, options, hostProperties);
                options.merge("host", String.valueOf(host.getClass().getMethod("getHost").invoke(host)), (a, b) -> a + "," + b);
            }
        } catch (ReflectiveOperationException e) {
            throw UnsafeUrlException.url(spec.id(), "the driver cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        return options;
    }

    private static void merge(EngineSpec spec, Map<String, String> options, Map<String, String> more) {
        for (Map.Entry<String, String> option : more.entrySet()) {
            String name = option.getKey();
            if (name.equalsIgnoreCase("host")) {
                continue;
            }
            String before = options.putIfAbsent(name, option.getValue());
            if (before != null && !before.equals(option.getValue())) {
                throw new UnsafeUrlException(spec.id(), name, "it is given with different values for different hosts");
            }
        }
    }
}
