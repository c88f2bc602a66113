package dev.dbspec.plugin.hive;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.HiveFamilySpec;
import dev.dbspec.plugin.family.HivePartitions;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Apache Hive 3+ through HiveServer2 and hive-jdbc (not bundled): all 21 grains from {@link HiveFamilySpec},
 * exact because Hive 3's TIMESTAMP is a zone-less wall clock (on Hive 2 it is read in the JVM's zone).
 */
@Extension
public final class HiveEngineSpec extends HiveFamilySpec {
    private static final String PREFIX = "jdbc:hive2://";
    private static final String HIVECONF = "hiveconf.";
    private static final String HIVEVAR = "hivevar.";
    private static final String HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}])(?::[0-9]{1,5})?";
    private static final Pattern HOSTS = Pattern.compile(HOST + "(?:," + HOST + ")*");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_]{0,128}");
    private static final String HOST_IDENTITY = "signs in with Kerberos using the server host's own credentials (its ticket cache"
            + " or JAAS subject) instead of credentials given with the database";

    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("transportMode", OptionRule.oneOf("binary", "http"))
            .allow("httpPath", OptionRule.text(256))
            .allow("ssl", OptionRule.bool())
            .allow("sslTrustStore", OptionRule.localPath())
            .allow("trustStoreType", OptionRule.oneOf("JKS", "PKCS12", "BCFKS"))
            .allow("trustManagerFactoryAlgorithm", OptionRule.oneOf("PKIX", "SunX509"))
            .allow("saslQop", OptionRule.oneOf("auth", "auth-int", "auth-conf"))
            // Absent: user and password (SASL PLAIN). delegationToken and browser are refused: the host's tokens, a browser.
            .allow("auth", OptionRule.oneOf("noSasl", "jwt"))
            .allow("retries", OptionRule.integer(0, 10))
            .allow("retryInterval", OptionRule.integer(0, 300))
            .allow("socketTimeout", OptionRule.integer(0, 86_400_000))
            .allow("fetchSize", OptionRule.integer(0, 1_000_000))
            .allow("fetchThreads", OptionRule.integer(1, 64))
            .allow("thrift.client.max.message.size", OptionRule.integer(1, Integer.MAX_VALUE))
            .allow("cookieAuth", OptionRule.bool())
            .allow("cookieName", OptionRule.text(64))
            .allow("requestTrack", OptionRule.bool())
            .allow("wmPool", OptionRule.text(128))
            .allow("serviceDiscoveryMode", OptionRule.oneOf("zooKeeper", "zooKeeperHA"))
            .allow("zooKeeperNamespace", OptionRule.text(128))
            .allow("zooKeeperSSLEnable", OptionRule.bool())
            .allow("zooKeeperTruststoreLocation", OptionRule.localPath())
            .allow("zooKeeperTruststoreType", OptionRule.oneOf("JKS", "PKCS12", "BCFKS"))
            .allow(OptionRule.text(128), HIVECONF + "mapreduce.job.queuename", HIVECONF + "tez.queue.name")
            .secret("trustStorePassword", "zooKeeperTruststorePassword", "jwt")
            .refuse("reads a local file and runs the SQL statements in it", "initFile")
            .refuseLocalKeyStore("sslKeyStore",
                    "zooKeeperKeystoreLocation")
            .refuse("reads key store passwords from a local credential provider file", "storePasswordPath")
            .refuse("switches off verification of the TLS certificate in browser sign-in, so a man in the middle can take the"
                    + " session", "browserDisableSslCheck")
            .refuse(DriverRefusals.BROWSER_LISTENER, "browserResponsePort")
            .refuse(HOST_IDENTITY, "principal", "kerberosAuthType")
            .build();

    /**
     * What hive-jdbc reads from {@code jdbc:hive2://host:port[,host:port]/db;session?hiveconf#hivevar} and from the
     * properties ({@code user}, {@code password}, {@code hiveconf:NAME}, {@code hivevar:NAME}): session variables by
     * name, Hive settings as {@code hiveconf.NAME}, Hive variables as {@code hivevar.NAME}. hive-jdbc reads the URL
     * through {@link java.net.URI}, which decodes percent-escapes, and splits options with a greedy pattern, so
     * escapes, percent signs, a second {@code =} in an option and an empty host part (an embedded HiveServer2 in
     * this process) are refused.
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        if (!jdbcUrl.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw UnsafeUrlException.url(id(), "it does not start with " + PREFIX);
        }
        for (int i = 0; i < jdbcUrl.length(); i++) {
            char c = jdbcUrl.charAt(i);
            if (c <= 0x20 || c > 0x7e || "\\%(){}@\"'`<>|^".indexOf(c) >= 0) {
                throw UnsafeUrlException.url(id(), "it contains a character hive-jdbc reads through java.net.URI (escapes, percent-"
                        + "encoding, user information, spaces or non-ASCII); write the URL in plain ASCII");
            }
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !HOSTS.matcher(rest.substring(0, slash)).matches()) {
            throw UnsafeUrlException.url(id(), "write host:port pairs separated by commas, then '/' and the database"
                    + " (an empty host part starts an embedded HiveServer2 inside this process)");
        }
        String path = rest.substring(slash + 1);
        int hash = path.indexOf('#');
        String variables = hash < 0 ? "" : path.substring(hash + 1);
        path = hash < 0 ? path : path.substring(0, hash);
        int query = path.indexOf('?');
        String settings = query < 0 ? "" : path.substring(query + 1);
        path = query < 0 ? path : path.substring(0, query);
        int semicolon = path.indexOf(';');
        if (!DATABASE.matcher(semicolon < 0 ? path : path.substring(0, semicolon)).matches() || (variables + settings).indexOf('?') >= 0
                || variables.indexOf('#') >= 0) {
            throw UnsafeUrlException.url(id(), "write jdbc:hive2://host:port/database;session-options?hiveconf-options#hivevar-options"
                    + " with a plain database name and each part once");
        }
        Map<String, String> options = new LinkedHashMap<>();
        readOptions(semicolon < 0 ? "" : path.substring(semicolon + 1), "", options);
        readOptions(settings, HIVECONF, options);
        readOptions(variables, HIVEVAR, options);
        for (String name : properties.stringPropertyNames()) {
            // hive-jdbc moves hiveconf: and hivevar: properties into those maps; it ignores other names but user and
            // password, which are vetted like session variables all the same.
            String key = name.regionMatches(true, 0, "hiveconf:", 0, 9) ? HIVECONF + name.substring(9)
                    : name.regionMatches(true, 0, "hivevar:", 0, 8) ? HIVEVAR + name.substring(8) : name;
            put(key, properties.getProperty(name), options);
        }
        if ("jwt".equalsIgnoreCase(options.getOrDefault(valueKey(options, "auth"), "")) && valueKey(options, "jwt") == null) {
            throw new UnsafeUrlException(id(), "auth", "auth=jwt without a jwt option makes hive-jdbc read the JWT environment"
                    + " variable of this server; give the token as the jwt option");
        }
        return options;
    }

    private void readOptions(String text, String prefix, Map<String, String> options) {
        for (String option : text.split(";", -1)) {
            if (option.isEmpty()) {
                continue;
            }
            int equals = option.indexOf('=');
            if (equals <= 0 || option.indexOf('=', equals + 1) >= 0) {
                throw UnsafeUrlException.url(id(), "each option must be written name=value with one '=' (hive-jdbc splits at the last)");
            }
            put(prefix + option.substring(0, equals), option.substring(equals + 1), options);
        }
    }

    private void put(String name, String value, Map<String, String> options) {
        if (valueKey(options, name) != null) {
            throw new UnsafeUrlException(id(), name, "it is given twice (drivers differ on which one wins)");
        }
        options.put(name, value);
    }

    /** The name under which {@code name} (any case) was read, or null. */
    private static String valueKey(Map<String, String> options, String name) {
        return options.keySet().stream().filter(key -> key.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    /**
     * HiveServer2's proxy user ({@code hive.server2.proxy.user}, with {@code hive.server2.enable.doAs}): the login user
     * authenticates and the session runs as the proxy user, which Hadoop's proxy-user rules must let it impersonate. hive-jdbc
     * reads it from the URL's session part only ({@link #impersonatedUrl}), so there is no property; names are letters,
     * digits and {@code . _ @ -}, which no URL delimiter of hive-jdbc can hide in.
     */
    static final dev.dbspec.api.Impersonation IMPERSONATION = dev.dbspec.api.Impersonation.connectionProperties(
            Map.of(), Pattern.compile("[A-Za-z0-9._@\\-]{1,128}"), 128);

    /** The session option hive-jdbc reads the proxy user from. */
    static final String PROXY_USER = "hive.server2.proxy.user";

    @Override
    public dev.dbspec.api.Impersonation impersonation() {
        return IMPERSONATION;
    }

    /**
     * The family's, partitions and the latest one ({@code SHOW PARTITIONS}), and proxy-user impersonation: claimed from the
     * docs, not checked live here (no live HiveServer2 in the kit).
     */
    @Override
    public java.util.Set<dev.dbspec.api.Capability> capabilities() {
        java.util.Set<dev.dbspec.api.Capability> capabilities = java.util.EnumSet.copyOf(super.capabilities());
        capabilities.add(dev.dbspec.api.Capability.EXTRA_TABLE_METADATA);
        capabilities.add(dev.dbspec.api.Capability.LATEST_PARTITION);
        capabilities.add(dev.dbspec.api.Capability.USER_IMPERSONATION);
        return capabilities;
    }

    /**
     * {@code jdbc:hive2://host:port/db;session?hiveconf#hivevar} with {@code ;hive.server2.proxy.user=user} at the end of the
     * session part (before {@code ?} and {@code #}); a URL that already names a proxy user is refused (the vetted URL never
     * does: the option is not on the allow-list).
     *
     * @throws IllegalArgumentException for a name {@link #IMPERSONATION} does not allow
     */
    @Override
    public String impersonatedUrl(String jdbcUrl, String user) {
        if (!IMPERSONATION.namePattern().matcher(user).matches()) {
            throw new IllegalArgumentException("hive cannot put this user name in a URL");
        }
        if (jdbcUrl.toLowerCase(java.util.Locale.ROOT).contains(PROXY_USER)) {
            throw UnsafeUrlException.url(id(), "it already names " + PROXY_USER);
        }
        int end = jdbcUrl.length();
        for (char delimiter : new char[] {'?', '#'}) {
            int at = jdbcUrl.indexOf(delimiter, PREFIX.length());
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String session = jdbcUrl.substring(0, end);
        return session + (session.endsWith(";") ? "" : ";") + PROXY_USER + "=" + user + jdbcUrl.substring(end);
    }

    public HiveEngineSpec() {
        super(facts(HiveEngineSpec.class)
                // hive-jdbc's session variables (its {@code Utils.JdbcConnectionParams}, 4.2.1), and a few Hive settings.
                .options(OPTIONS)
                // A double counts seconds since the epoch in UTC (integers would count milliseconds under Hive's default
                // {@code hive.int.timestamp.conversion.in.seconds=false}).
                .epochSeconds("CAST(CAST({col} AS DOUBLE) AS TIMESTAMP)")
                // The metastore's column-name limit (Superset's value).
                .maxColumnNameLength(767)
                // SHOW PARTITIONS: the partitions, the greatest row as the latest one, and both as extra metadata.
                .partitions((connection, spec, table) -> HivePartitions.partitions(connection, spec.identifierQuoting(), table),
                        (connection, spec, table) -> HivePartitions.latestPartition(connection, spec.identifierQuoting(), table))
                .extraTableMetadata((connection, spec, table) -> HivePartitions.extraTableMetadata(connection, spec.identifierQuoting(), table))
                .build());
    }
}
