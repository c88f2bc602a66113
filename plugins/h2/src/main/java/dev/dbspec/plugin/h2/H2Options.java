package dev.dbspec.plugin.h2;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.UnsafeUrlException;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.h2.engine.ConnectionInfo;
import org.h2.util.StringUtils;

/**
 * H2's connection settings (its {@code ConnectionInfo} known settings and {@code DbSettings}), every one
 * allowed with a rule or refused with the reason, and what H2 reads from a URL: its own
 * {@link ConnectionInfo}, which un-escapes {@code IN\IT} and upper-cases {@code ınıt} (dotless i) to
 * {@code INIT}, so the allow-list sees the names H2 acts on. A separate class so that H2's classes load
 * only when a URL is vetted.
 */
final class H2Options {
    private static final OptionRule BOOL = OptionRule.bool();
    private static final OptionRule COUNT = OptionRule.integer(0, Integer.MAX_VALUE);
    private static final String CLASS = "loads and runs a Java class named in the URL";
    private static final String FILES = "reads or writes files of the host outside the database (traces, recovery, clusters)";

    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("MODE", OptionRule.oneOf("REGULAR", "STRICT", "LEGACY", "DB2", "Derby", "HSQLDB", "MSSQLServer", "MariaDB",
                    "MySQL", "Oracle", "PostgreSQL"))
            .allow("DB_CLOSE_DELAY", OptionRule.integer(-1, 86_400))
            .allow("ACCESS_MODE_DATA", OptionRule.oneOf("r", "rw"))
            .allow("DEFAULT_NULL_ORDERING", OptionRule.oneOf("LOW", "HIGH", "FIRST", "LAST"))
            .allow("LOCK_MODE", OptionRule.oneOf("0", "3"))
            .allow(OptionRule.text(256), "NON_KEYWORDS", "SCHEMA", "SCHEMA_SEARCH_PATH", "TIME ZONE", "CATALOG", "COLLATION")
            .allow(BOOL, "DB_CLOSE_ON_EXIT", "IFEXISTS", "FORBID_CREATION", "AUTOCOMMIT", "IGNORECASE", "IGNORE_CATALOGS",
                    "DATABASE_TO_UPPER", "DATABASE_TO_LOWER", "CASE_INSENSITIVE_IDENTIFIERS", "LAZY_QUERY_EXECUTION",
                    "OLD_INFORMATION_SCHEMA", "REFERENTIAL_INTEGRITY", "TRUNCATE_LARGE_LENGTH", "VARIABLE_BINARY",
                    "ZERO_BASED_ENUMS", "DEFAULT_ESCAPE", "DROP_RESTRICT", "OPTIMIZE_REUSE_RESULTS", "QUERY_STATISTICS",
                    "BUILTIN_ALIAS_OVERRIDE", "ANALYZE_AUTO", "OPTIMIZE_DISTINCT", "OPTIMIZE_EVALUATABLE_SUBQUERIES",
                    "OPTIMIZE_INSERT_FROM_SELECT", "OPTIMIZE_IN_LIST", "OPTIMIZE_IN_SELECT", "OPTIMIZE_OR",
                    "OPTIMIZE_SIMPLE_SINGLE_ROW_SUBQUERIES", "OPTIMIZE_TWO_EQUALS", "RECOMPILE_ALWAYS", "REUSE_SPACE",
                    "COMPRESS", "DEFRAG_ALWAYS", "MV_STORE")
            .allow(COUNT, "LOCK_TIMEOUT", "DEFAULT_LOCK_TIMEOUT", "QUERY_TIMEOUT", "MAX_QUERY_TIMEOUT", "MAX_MEMORY_ROWS",
                    "MAX_MEMORY_UNDO", "MAX_OPERATION_MEMORY", "MAX_LENGTH_INPLACE_LOB", "CACHE_SIZE", "QUERY_STATISTICS_MAX_ENTRIES",
                    "QUERY_CACHE_SIZE", "ANALYZE_SAMPLE", "ESTIMATED_FUNCTION_TABLE_ROWS", "LOB_TIMEOUT", "MAX_COMPACT_TIME",
                    "AUTO_COMPACT_FILL_RATE", "RETENTION_TIME", "WRITE_DELAY", "THROTTLE", "MAX_LOG_SIZE", "PAGE_SIZE",
                    "NETWORK_TIMEOUT", "ALLOW_LITERALS")
            .refuse("runs SQL from the URL when connecting (RUNSCRIPT, CREATE ALIAS with Java code)", "INIT")
            .refuse(CLASS, "DATABASE_EVENT_LISTENER", "JAVA_OBJECT_SERIALIZER", "DEFAULT_TABLE_ENGINE", "AUTHENTICATOR",
                    "DEFAULT_TABLE_TYPE")
            .refuse("opens a TCP server on the host's network interfaces for other processes", "AUTO_SERVER", "AUTO_SERVER_PORT")
            .refuse(FILES, "TRACE_LEVEL_FILE", "TRACE_MAX_FILE_SIZE", "RECOVER", "RECOVER_TEST", "CLUSTER", "FILE_LOCK",
                    "CACHE_TYPE", "REDO_LOG_BINARY")
            .refuse("writes to the host's standard output", "TRACE_LEVEL_SYSTEM_OUT")
            .refuse("registers management beans in the host's JVM", "JMX")
            .refuse("lets the engine reconnect and replay inside a request, or open a fresh database over an open one",
                    "AUTO_RECONNECT", "OPEN_NEW", "EXCLUSIVE")
            .refuse("encrypts the database file with a key from the URL, which the host does not manage as a secret",
                    "CIPHER", "PASSWORD_HASH")
            .refuse("external authentication realms configured on the host", "AUTHREALM", "AUTHZPWD")
            .refuse("reuses the host's own default connection inside linked tables", "DEFAULT_CONNECTION", "SHARE_LINKED_CONNECTIONS")
            .refuse("changes how H2 reads the rest of the URL", "IGNORE_UNKNOWN_SETTINGS", "@", "CREATE", "CREATE_BUILD",
                    "NO_UPGRADE", "READONLY")
            .build();

    /** A file system prefix of H2 ({@code zip:}, {@code split:}, {@code nio:}...), two letters or more. */
    private static final java.util.regex.Pattern FILE_SYSTEM_PREFIX = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9]+):");
    private static final java.util.Set<String> PLAIN_PREFIXES = java.util.Set.of("mem", "file", "tcp", "ssl");

    private H2Options() {
    }

    /** The settings H2 itself reads from {@code jdbcUrl} and {@code properties}, by H2's names. */
    static Map<String, String> read(String engineId, String jdbcUrl, Properties properties) {
        if (!jdbcUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return Map.of(); // not an H2 URL: the driver refuses to connect to it
        }
        String database = jdbcUrl.substring(8);
        java.util.regex.Matcher prefix = FILE_SYSTEM_PREFIX.matcher(database);
        if (prefix.lookingAt() && !PLAIN_PREFIXES.contains(prefix.group(1).toLowerCase(java.util.Locale.ROOT))) {
            throw UnsafeUrlException.url(engineId, "H2's '" + prefix.group(1) + ":' file system reads or writes files in ways the"
                    + " host cannot confine; use mem:, file: (or a plain path), tcp: or ssl:");
        }
        refuseBeforeH2Reads(engineId, jdbcUrl, properties);
        Properties copy = new Properties();
        copy.putAll(properties);
        Object user = copy.remove("user");
        Object password = copy.remove("password");
        ConnectionInfo info;
        try {
            info = new ConnectionInfo(jdbcUrl, copy, user == null ? null : user.toString(), password == null ? null : password.toString());
        } catch (RuntimeException e) {
            throw UnsafeUrlException.url(engineId, "H2 cannot read it: " + firstLine(e.getMessage()));
        }
        Map<String, String> options = new LinkedHashMap<>();
        try {
            Field field = ConnectionInfo.class.getDeclaredField("prop");
            field.setAccessible(true);
            Properties read = (Properties) field.get(info);
            for (String name : read.stringPropertyNames()) {
                options.put(name, read.getProperty(name));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read H2's connection settings", e);
        }
        if (user != null) {
            options.put("user", user.toString());
        }
        if (password != null) {
            options.put("password", password.toString());
        }
        // H2 reads \ as an escape (PASSWORD=a\;b is one value): other readers of the URL, masking included, would cut it
        // elsewhere. A refused setting keeps its own reason; otherwise the escape itself is refused.
        if (jdbcUrl.indexOf('\\') >= 0 && options.keySet().stream().noneMatch(name -> OPTIONS.refusal(name).isPresent())) {
            throw UnsafeUrlException.url(engineId, "a backslash escapes characters in H2's settings, which other readers of the URL"
                    + " cut differently; give such a value (a password) in the password field instead");
        }
        return options;
    }

    /**
     * Refuses a refused setting before H2's {@link ConnectionInfo} reads it: it acts on some settings while it parses
     * and then removes them (RECOVER_TEST starts H2's recovery tester, PASSWORD_HASH and CIPHER change how passwords
     * are read), so they would never reach the allow-list; others fail on their value before their reason is given.
     * Names are read as H2 reads them: split at unescaped ';' with backslashes dropped, upper-cased in English.
     */
    private static void refuseBeforeH2Reads(String engineId, String jdbcUrl, Properties properties) {
        java.util.List<String> names = new java.util.ArrayList<>(properties.stringPropertyNames());
        int semicolon = jdbcUrl.indexOf(';');
        if (semicolon >= 0) {
            for (String setting : StringUtils.arraySplit(jdbcUrl.substring(semicolon + 1), ';', false)) {
                int equals = setting.indexOf('=');
                if (equals > 0) {
                    names.add(setting.substring(0, equals));
                }
            }
        }
        for (String name : names) {
            String setting = StringUtils.toUpperEnglish(name);
            java.util.Optional<String> reason = OPTIONS.refusal(setting);
            if (reason.isPresent()) {
                throw new UnsafeUrlException(engineId, setting, reason.get());
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        // H2 quotes the offending setting; keep it short and never echo a value.
        int equals = line.indexOf('=');
        return equals < 0 ? line : line.substring(0, equals) + "...";
    }
}
