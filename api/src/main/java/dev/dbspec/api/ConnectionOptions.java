package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The allow-list of a spec's connection options: every option the driver will read, from the URL or
 * the properties, must be {@linkplain Builder#allow allowed} with a rule for its value; options known
 * to be dangerous are {@linkplain Builder#refuse refused} with the reason; anything else is refused
 * because it is not on the list. Names are compared without regard to case ({@code SSL} and {@code ssl}
 * are one option), after the driver's own parser has read them ({@link EngineSpec#driverOptions}).
 *
 * <p>{@code user} (bounded text) and {@code password} (a secret) are allowed on every list.
 */
public final class ConnectionOptions {
    /** How options are written in the engine's JDBC URLs, for {@link #parseStrictly}. */
    public enum Syntax {
        /** {@code jdbc:x://host:port/db?name=value&name=value} (pgjdbc, Connector/J, Trino, ClickHouse...). */
        QUERY,
        /** {@code jdbc:x:db;name=value;name=value} (H2, Derby, SQL Server, Hive, DuckDB...). */
        SEMICOLON,
        /** The URL carries no options; they are given as properties only. */
        NONE
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");
    private static final ConnectionOptions NONE = builder(Syntax.NONE).build();

    private final Syntax syntax;
    private final Map<String, ConnectionOption> allowed;
    private final Map<String, String> refused;

    private ConnectionOptions(Syntax syntax, Map<String, ConnectionOption> allowed, Map<String, String> refused) {
        this.syntax = syntax;
        this.allowed = Collections.unmodifiableMap(allowed);
        this.refused = Collections.unmodifiableMap(refused);
    }

    /** A list that allows only {@code user} and {@code password}: the default of a spec that declares none. */
    public static ConnectionOptions none() {
        return NONE;
    }

    public static Builder builder(Syntax syntax) {
        return new Builder(syntax);
    }

    /** How options are written in this engine's URLs. */
    public Syntax syntax() {
        return syntax;
    }

    /** The allowed option named {@code name} (any case). */
    public Optional<ConnectionOption> allowed(String name) {
        return Optional.ofNullable(allowed.get(key(name)));
    }

    /** Why the option named {@code name} (any case) is refused, when it is refused by name. */
    public Optional<String> refusal(String name) {
        return Optional.ofNullable(refused.get(key(name)));
    }

    /** The allowed options, by lower-case name. */
    public Map<String, ConnectionOption> allowedOptions() {
        return allowed;
    }

    /** The options refused by name, lower-case name to reason. */
    public Map<String, String> refusedOptions() {
        return refused;
    }

    /** Whether the option named {@code name} holds a secret (allowed as a secret, or {@code password}). */
    public boolean isSecret(String name) {
        return allowed(name).map(ConnectionOption::secret).orElse(false);
    }

    /** Names of the secret options, lower case. */
    public Set<String> secretNames() {
        Set<String> names = new TreeSet<>();
        allowed.values().stream().filter(ConnectionOption::secret).forEach(option -> names.add(key(option.name())));
        return names;
    }

    /**
     * Checks the options the driver will read: each must be allowed and its value follow its rule.
     *
     * @param effective option name to value, as the driver reads them
     * @param legacyRefusals further refusals by lower-case name ({@link EngineSpec#forbiddenUrlOptions()})
     * @throws UnsafeUrlException naming the first refused option and why (never its value)
     */
    public void vet(String engineId, Map<String, String> effective, Map<String, String> legacyRefusals, OptionContext context) {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(effective, "effective is null");
        requireNonNull(legacyRefusals, "legacyRefusals is null");
        requireNonNull(context, "context is null");
        for (Map.Entry<String, String> option : effective.entrySet()) {
            String name = option.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new UnsafeUrlException(engineId, printable(name), "option names must be ASCII letters, digits, '_', '.' or '-'");
            }
            String reason = refused.getOrDefault(key(name), legacyRefusals.get(key(name)));
            if (reason != null) {
                throw new UnsafeUrlException(engineId, name, reason);
            }
            ConnectionOption allowedOption = allowed.get(key(name));
            if (allowedOption == null) {
                throw new UnsafeUrlException(engineId, name, "it is not on this engine's allow-list of connection options ("
                        + (allowed.size() <= 40 ? String.join(", ", new TreeSet<>(allowedNames())) : allowed.size() + " options, listed by 'dbspec engines --json' under connectionOptions") + ")");
            }
            String value = option.getValue() == null ? "" : option.getValue();
            Optional<String> refusal = allowedOption.rule().refusal(value, context);
            if (refusal.isPresent()) {
                throw new UnsafeUrlException(engineId, name, "its value " + refusal.get());
            }
        }
    }

    private Set<String> allowedNames() {
        Set<String> names = new TreeSet<>();
        allowed.values().forEach(option -> names.add(option.name()));
        return names;
    }

    /**
     * The options of {@code jdbcUrl} and {@code properties} read by a strict canonical parser, for drivers
     * whose own parser the spec cannot call: it refuses what it cannot read the one way every driver reads
     * it (escapes, percent-encoding, non-ASCII or control characters, duplicate names, options inside host
     * blocks, separators of another syntax), so the driver cannot see an option the list did not.
     *
     * @throws UnsafeUrlException for a URL or property the parser refuses
     */
    public Map<String, String> parseStrictly(String engineId, String jdbcUrl, Properties properties) {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        for (int i = 0; i < jdbcUrl.length(); i++) {
            char c = jdbcUrl.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\\') {
                throw UnsafeUrlException.url(engineId, "it contains " + describe(c)
                        + ", which drivers read in different ways; write the URL in plain ASCII without escapes");
            }
        }
        String base;
        List<String> options;
        switch (syntax) {
            case QUERY -> {
                int query = jdbcUrl.indexOf('?');
                base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
                options = query < 0 ? List.of() : List.of(jdbcUrl.substring(query + 1).split("&", -1));
                refuseIn(engineId, base, ";&()%", "before the options");
            }
            case SEMICOLON -> {
                int semicolon = jdbcUrl.indexOf(';');
                base = semicolon < 0 ? jdbcUrl : jdbcUrl.substring(0, semicolon);
                options = semicolon < 0 ? List.of() : List.of(jdbcUrl.substring(semicolon + 1).split(";", -1));
                refuseIn(engineId, base, "?&()%", "before the options");
            }
            default -> {
                base = jdbcUrl;
                options = List.of();
                refuseIn(engineId, base, "?;&()%", "in a URL of an engine whose options are given as properties only");
            }
        }
        Map<String, String> effective = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>();
        for (String option : options) {
            if (option.isEmpty() && syntax == Syntax.SEMICOLON) {
                continue; // jdbc:x:db;a=1; ends with a separator
            }
            int equals = option.indexOf('=');
            if (equals <= 0) {
                throw UnsafeUrlException.url(engineId, "option '" + printable(option.length() > 40 ? option.substring(0, 40) : option)
                        + "' is not written name=value");
            }
            String name = option.substring(0, equals);
            String value = option.substring(equals + 1);
            refuseIn(engineId, value, "?%()" + (syntax == Syntax.QUERY ? ";" : "&"), "in the value of option '" + name + "'");
            put(engineId, effective, seen, name, value);
        }
        for (String name : properties.stringPropertyNames()) {
            put(engineId, effective, seen, name, properties.getProperty(name));
        }
        return effective;
    }

    private static void put(String engineId, Map<String, String> effective, Set<String> seen, String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new UnsafeUrlException(engineId, printable(name), "option names must be ASCII letters, digits, '_', '.' or '-'");
        }
        if (!seen.add(key(name))) {
            throw new UnsafeUrlException(engineId, name, "it is given twice (drivers differ on which one wins)");
        }
        effective.put(name, value);
    }

    private static void refuseIn(String engineId, String text, String characters, String where) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                throw UnsafeUrlException.url(engineId, "'" + text.charAt(i) + "' " + where
                        + " is read differently by drivers (options in host blocks, encoded or hidden options)");
            }
        }
    }

    private static String describe(char c) {
        return c == '\\' ? "a backslash" : String.format(Locale.ROOT, "the character U+%04X", (int) c);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04X", cp));
            }
        });
        return out.toString();
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Builds a list; later entries for one name replace earlier ones. */
    public static final class Builder {
        /** The reason {@link #refuseClassFromUrl} gives. */
        public static final String CLASS_FROM_URL = "makes the driver instantiate a class named in the URL";
        /** The reason {@link #refuseLocalKeyStore} gives. */
        public static final String LOCAL_KEY_STORE = "reads a client key store from the local file system, authenticating as this host";
        /** The reason {@link #refuseLocalKeytab} gives. */
        public static final String LOCAL_KEYTAB = "reads a Kerberos keytab from the local file system, authenticating as this host";
        /** The reason {@link #refuseLogDirectory} gives. */
        public static final String LOG_DIRECTORY = "writes driver log files to a local directory";

        private final Syntax syntax;
        private final Map<String, ConnectionOption> allowed = new TreeMap<>();
        private final Map<String, String> refused = new TreeMap<>();

        private Builder(Syntax syntax) {
            this.syntax = requireNonNull(syntax, "syntax is null");
            allow("user", OptionRule.text(256));
            secret("password");
        }

        /** Allows {@code names}, each value following {@code rule}. */
        public Builder allow(OptionRule rule, String... names) {
            for (String name : names) {
                allow(name, rule);
            }
            return this;
        }

        /** Allows {@code name}, its value following {@code rule}. */
        public Builder allow(String name, OptionRule rule) {
            requireNonNull(name, "name is null");
            refused.remove(key(name));
            allowed.put(key(name), new ConnectionOption(name, rule, false));
            return this;
        }

        /** Allows {@code names} as secrets: any value, masked everywhere and encrypted at rest. */
        public Builder secret(String... names) {
            for (String name : names) {
                refused.remove(key(name));
                allowed.put(key(name), new ConnectionOption(name, OptionRule.secretValue(), true));
            }
            return this;
        }

        /** Refuses {@code names}, saying {@code reason}. */
        public Builder refuse(String reason, String... names) {
            requireNonNull(reason, "reason is null");
            for (String name : names) {
                allowed.remove(key(name));
                refused.put(key(name), reason);
            }
            return this;
        }

        /**
         * Refuses {@code names}, options that name a class for the driver to load and instantiate (a socket factory, a
         * hostname verifier, a token provider), saying {@value #CLASS_FROM_URL}.
         *
         * @since 1.7.0
         */
        public Builder refuseClassFromUrl(String... names) {
            return refuse(CLASS_FROM_URL, names);
        }

        /**
         * Refuses {@code names}, options that point the driver at a client key store on the host's file system (and its
         * password or type), saying {@value #LOCAL_KEY_STORE}.
         *
         * @since 1.7.0
         */
        public Builder refuseLocalKeyStore(String... names) {
            return refuse(LOCAL_KEY_STORE, names);
        }

        /**
         * Refuses {@code names}, options that point the driver at a Kerberos keytab on the host's file system, saying
         * {@value #LOCAL_KEYTAB}.
         *
         * @since 1.7.0
         */
        public Builder refuseLocalKeytab(String... names) {
            return refuse(LOCAL_KEYTAB, names);
        }

        /**
         * Refuses {@code names}, options that name a local directory the driver writes its log files to, saying
         * {@value #LOG_DIRECTORY}.
         *
         * @since 1.7.0
         */
        public Builder refuseLogDirectory(String... names) {
            return refuse(LOG_DIRECTORY, names);
        }

        /** Adds every entry of {@code other} (a family's list extended by one engine). */
        public Builder addAll(ConnectionOptions other) {
            other.allowed.forEach((key, option) -> {
                refused.remove(key);
                allowed.put(key, option);
            });
            other.refused.forEach((key, reason) -> {
                allowed.remove(key);
                refused.put(key, reason);
            });
            return this;
        }

        public ConnectionOptions build() {
            return new ConnectionOptions(syntax, new TreeMap<>(allowed), new TreeMap<>(refused));
        }
    }
}
