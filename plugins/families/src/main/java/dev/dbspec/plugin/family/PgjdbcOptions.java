package dev.dbspec.plugin.family;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.UnsafeUrlException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The connection options of pgjdbc ({@code org.postgresql.Driver}, 42.7), from its {@code PGProperty}
 * list ({@code Driver.getPropertyInfo}), and how pgjdbc reads a URL: through its own
 * {@code Driver.parseURL}, which decodes percent-encoded names and values and merges the properties, so
 * {@code socket%46actory} is seen as {@code socketFactory}.
 */
public final class PgjdbcOptions {
    private static final String HOST_CREDENTIALS = "authenticates with the host's own Kerberos/GSS or JAAS credentials and"
            + " configuration, not the user's";

    /** Session settings a URL may give the server at connect time ({@code options=-c name=value ...}). */
    private static final java.util.Set<String> SESSION_SETTINGS = java.util.Set.of("search_path", "statement_timeout", "lock_timeout",
            "idle_in_transaction_session_timeout", "application_name", "timezone", "datestyle", "intervalstyle",
            "extra_float_digits", "work_mem", "geqo", "jit");

    /**
     * pgjdbc's {@code options}, sent to the server as start-up settings: only {@code -c name=value} pairs of
     * {@link #SESSION_SETTINGS}, so a URL cannot set what the host relies on ({@code default_transaction_read_only},
     * roles, logging).
     */
    private static final OptionRule SERVER_SETTINGS = OptionRule.of("-c name=value pairs of " + new java.util.TreeSet<>(SESSION_SETTINGS),
            "-c statement_timeout=60000", (value, context) -> {
                java.util.regex.Matcher pair = java.util.regex.Pattern.compile("\\s*-c\\s*([A-Za-z_]+)=([A-Za-z0-9_,.:/+\\-]{1,256})\\s*")
                        .matcher(value);
                int at = 0;
                while (at < value.length()) {
                    if (!pair.find(at) || pair.start() != at) {
                        return Optional.of("must be -c name=value pairs of " + new java.util.TreeSet<>(SESSION_SETTINGS));
                    }
                    if (!SESSION_SETTINGS.contains(pair.group(1).toLowerCase(java.util.Locale.ROOT))) {
                        return Optional.of("may set only " + new java.util.TreeSet<>(SESSION_SETTINGS) + ", not " + pair.group(1));
                    }
                    at = pair.end();
                }
                return value.isBlank() ? Optional.of("must not be empty") : Optional.empty();
            });

    /** pgjdbc's options: the ones a server needs, with their rules; the dangerous ones refused with the reason. */
    public static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("PGHOST", OptionRule.hostNames())
            .allow("PGPORT", OptionRule.of("port numbers", "5432", (value, context) -> value.matches("[0-9]{1,5}(,[0-9]{1,5})*")
                    ? Optional.empty() : Optional.of("must be port numbers separated by commas")))
            .allow("PGDBNAME", OptionRule.text(256))
            .allow(OptionRule.text(256), "ApplicationName", "currentSchema", "assumeMinServerVersion", "binaryTransferEnable",
                    "binaryTransferDisable", "maxResultBuffer")
            .allow("options", SERVER_SETTINGS)
            .allow(OptionRule.bool(), "ssl", "binaryTransfer", "cleanupSavepoints", "hideUnprivilegedObjects", "loadBalanceHosts",
                    "logUnclosedConnections", "logServerErrorDetail", "readOnly", "reWriteBatchedInserts", "tcpKeepAlive",
                    "tcpNoDelay", "adaptiveFetch", "disableColumnSanitiser", "convertBooleanToNumeric", "quoteReturningIdentifiers",
                    "groupStartupParameters", "allowEncodingChanges")
            .allow(OptionRule.integer(0, 86_400), "connectTimeout", "loginTimeout", "socketTimeout", "cancelSignalTimeout",
                    "sslResponseTimeout", "hostRecheckSeconds")
            .allow(OptionRule.integer(-1, 10_000_000), "defaultRowFetchSize", "prepareThreshold", "preparedStatementCacheQueries",
                    "preparedStatementCacheSizeMiB", "databaseMetadataCacheFields", "databaseMetadataCacheFieldsMiB",
                    "adaptiveFetchMaximum", "adaptiveFetchMinimum", "unknownLength")
            .allow(OptionRule.integer(0, 64 * 1024 * 1024), "receiveBufferSize", "sendBufferSize", "maxSendBufferSize")
            .allow("protocolVersion", OptionRule.oneOf("3", "3.0", "3.2"))
            .allow("autosave", OptionRule.oneOf("always", "never", "conservative"))
            .allow("channelBinding", OptionRule.oneOf("disable", "prefer", "require"))
            .allow("escapeSyntaxCallMode", OptionRule.oneOf("select", "callIfNoReturn", "call"))
            .allow("gssEncMode", OptionRule.oneOf("disable", "allow", "prefer", "require"))
            .allow("preferQueryMode", OptionRule.oneOf("extended", "extendedForPrepared", "extendedCacheEverything", "simple"))
            .allow("readOnlyMode", OptionRule.oneOf("ignore", "transaction", "always"))
            .allow("sslmode", OptionRule.oneOf("disable", "allow", "prefer", "require", "verify-ca", "verify-full"))
            .allow("sslNegotiation", OptionRule.oneOf("postgres", "direct"))
            .allow("stringtype", OptionRule.oneOf("unspecified", "varchar"))
            .allow("targetServerType", OptionRule.oneOf("any", "primary", "master", "slave", "secondary", "preferSlave",
                    "preferSecondary", "preferPrimary"))
            .allow(OptionRule.localPath(), "sslrootcert", "sslcert", "sslkey")
            .secret("sslpassword")
            .refuseClassFromUrl("socketFactory", "socketFactoryArg", "sslfactory", "sslfactoryarg", "sslhostnameverifier",
                    "sslpasswordcallback", "authenticationPluginClassName", "xmlFactoryFactory")
            .refuse("writes a log file to the local file system", "loggerFile")
            .refuse("turns on driver logging into the host's log, statements and connection details included", "loggerLevel")
            .refuse(HOST_CREDENTIALS, "gsslib", "gssUseDefaultCreds", "gssResponseTimeout", "jaasApplicationName", "jaasLogin",
                    "kerberosServerName", "sspiServiceClass", "useSpnego")
            .refuse("reads connection settings from a pg_service.conf file on the host", "service")
            .refuse(DriverRefusals.LOCAL_SOCKET_ADDRESS, "localSocketAddress")
            .refuse("opens a replication connection (streams the server's write-ahead log), not a query session", "replication")
            .build();

    private PgjdbcOptions() {
    }

    /**
     * The options pgjdbc reads from {@code driverUrl} and {@code properties}, through its own parser when
     * the driver is installed in {@code spec}'s plugin, else through the strict canonical parser.
     */
    public static Map<String, String> read(EngineSpec spec, String driverUrl, Properties properties) {
        Optional<Method> parseUrl = DriverParser.staticMethod(spec, "org.postgresql.Driver", "parseURL", String.class, Properties.class);
        if (parseUrl.isEmpty()) {
            return spec.connectionOptions().parseStrictly(spec.id(), driverUrl, properties);
        }
        // pgjdbc reads non-ASCII and escapes in its own way; refuse them before it does.
        Map<String, String> written = OPTIONS.parseStrictly(spec.id(), driverUrl.replaceAll("%[0-9A-Fa-f]{2}", "_"), new Properties());
        // Refused names before pgjdbc parses: it acts on some while parsing (service reads pg_service.conf on the host).
        java.util.Set<String> names = new java.util.TreeSet<>(written.keySet());
        names.addAll(properties.stringPropertyNames());
        for (String name : names) {
            Optional<String> reason = spec.connectionOptions().refusal(name);
            if (reason.isPresent()) {
                throw new UnsafeUrlException(spec.id(), name, reason.get());
            }
        }
        Properties parsed = (Properties) DriverParser.invoke(spec, parseUrl.get(), null, driverUrl, properties);
        if (parsed == null) {
            throw UnsafeUrlException.url(spec.id(), "the PostgreSQL driver does not read this URL");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String name : parsed.stringPropertyNames()) {
            options.put(name, parsed.getProperty(name));
        }
        return options;
    }

}
