package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads an engine's identity, declared as data in {@value EngineFacts#IDENTITY_FILE} beside its spec class, into an
 * {@link EngineFacts.Builder} ({@link EngineFacts#builder(Class)}). The keys are an allow-list: a key not listed here,
 * a key written twice, a blank value, bytes that are not UTF-8 or a half-declared driver artifact fail with the file's
 * name, so that a typo is never a fact silently missing.
 */
final class IdentityFile {
    static final String ID = "id";
    static final String NAME = "name";
    static final String ALIASES = "aliases";
    static final String URL = "url";
    static final String URL_PREFIXES = "url.prefixes";
    static final String SERVER_URL = "server.url";
    static final String PORT = "port";
    static final String DRIVER = "driver";
    static final String DRIVER_ARTIFACT = "driver.artifact";
    static final String DRIVER_LICENSE = "driver.license";
    static final String DRIVER_BUNDLED = "driver.bundled";
    static final Set<String> KEYS = Set.of(ID, NAME, ALIASES, URL, URL_PREFIXES, SERVER_URL, PORT, DRIVER, DRIVER_ARTIFACT,
            DRIVER_LICENSE, DRIVER_BUNDLED);

    private IdentityFile() {
    }

    static EngineFacts.Builder read(Class<? extends EngineSpec> spec) {
        requireNonNull(spec, "spec is null");
        String where = spec.getPackageName().replace('.', '/') + "/" + EngineFacts.IDENTITY_FILE;
        try (InputStream in = spec.getResourceAsStream(EngineFacts.IDENTITY_FILE)) {
            if (in == null) {
                throw new IllegalStateException(where + " is missing: " + spec.getName()
                        + " declares its identity there (id, name, url, url.prefixes, driver, ...)");
            }
            return read(where, in);
        } catch (IOException e) {
            throw new IllegalStateException(where + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The builder {@code in}'s entries start; {@code where} names the file in errors. */
    static EngineFacts.Builder read(String where, InputStream in) throws IOException {
        return apply(where, parse(where, in));
    }

    /** The file's entries in order; a repeated key fails rather than letting the last one win unseen. */
    static Map<String, String> parse(String where, InputStream in) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        Properties strict = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (entries.putIfAbsent((String) key, ((String) value).strip()) != null) {
                    throw new IllegalStateException(where + ": " + key + " is declared twice");
                }
                return null;
            }
        };
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            strict.load(reader);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(where + " is not UTF-8 text", e);
        }
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (!KEYS.contains(entry.getKey())) {
                throw new IllegalStateException(where + ": unknown key " + entry.getKey() + "; the keys are " + KEYS.stream().sorted().toList());
            }
            if (entry.getValue().isEmpty()) {
                throw new IllegalStateException(where + ": " + entry.getKey() + " is blank (leave the key out instead)");
            }
        }
        return entries;
    }

    private static EngineFacts.Builder apply(String where, Map<String, String> entries) {
        EngineFacts.Builder builder = EngineFacts.builder(required(where, entries, ID), required(where, entries, NAME));
        if (entries.containsKey(ALIASES)) {
            builder.aliases(list(where, entries.get(ALIASES)).toArray(String[]::new));
        }
        if (entries.containsKey(URL) || entries.containsKey(URL_PREFIXES)) {
            builder.url(required(where, entries, URL), list(where, required(where, entries, URL_PREFIXES)).toArray(String[]::new));
        }
        if (entries.containsKey(SERVER_URL)) {
            builder.serverUrl(entries.get(SERVER_URL));
        }
        if (entries.containsKey(PORT)) {
            builder.port(port(where, entries.get(PORT)));
        }
        boolean artifact = entries.containsKey(DRIVER_ARTIFACT) || entries.containsKey(DRIVER_LICENSE) || entries.containsKey(DRIVER_BUNDLED);
        if (artifact) {
            builder.driver(required(where, entries, DRIVER), new DriverArtifact(required(where, entries, DRIVER_ARTIFACT),
                    required(where, entries, DRIVER_LICENSE), bool(where, required(where, entries, DRIVER_BUNDLED))));
        } else if (entries.containsKey(DRIVER)) {
            builder.driver(entries.get(DRIVER));
        }
        return builder;
    }

    private static String required(String where, Map<String, String> entries, String key) {
        String value = entries.get(key);
        if (value == null) {
            throw new IllegalStateException(where + ": " + key + " is missing");
        }
        return value;
    }

    /** A comma-separated list, each item stripped; an empty item is a typo. */
    private static List<String> list(String where, String value) {
        List<String> items = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        if (items.contains("")) {
            throw new IllegalStateException(where + ": an empty item in the list " + value);
        }
        return items;
    }

    private static int port(String where, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(where + ": port " + value + " is not a TCP port (1 to 65535)");
    }

    private static boolean bool(String where, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException(where + ": driver.bundled is " + value + ", not true or false");
        };
    }
}
