package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an engine's identity, declared as data in {@value EngineFacts#IDENTITY_FILE} beside its spec class, into an
 * {@link EngineFacts.Builder} ({@link EngineFacts#builder(Class)}). The keys are an allow-list: a key not listed here,
 * a key written twice, a line that is not {@code key = value}, a blank value, a repeated list item, a port that is not
 * one, bytes that are not UTF-8 or a half-declared driver artifact fail with the file's path and line, so that a typo is
 * never a fact silently missing.
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

    /**
     * The file's entries in order. Each line is {@code key = value}, split at the first {@code =} and both sides stripped;
     * a line starting with {@code #} is a comment. Unlike {@link java.util.Properties}, nothing is an escape and no line
     * continues another, so a value is taken as written (a backslash in a URL stays a backslash).
     */
    static Map<String, String> parse(String where, InputStream in) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(in.readAllBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(where + " is not UTF-8 text", e);
        }
        if (text.startsWith("\uFEFF")) { // a byte order mark some editors write: not part of the first key
            text = text.substring(1);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = where + ":" + (i + 1) + ": ";
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalStateException(at + "expected key = value, got " + line);
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (!KEYS.contains(key)) {
                throw new IllegalStateException(at + "unknown key " + key + "; the keys are " + KEYS.stream().sorted().toList());
            }
            if (value.isEmpty()) {
                throw new IllegalStateException(at + key + " is blank (leave the key out instead)");
            }
            if (entries.putIfAbsent(key, value) != null) {
                throw new IllegalStateException(at + key + " is declared twice");
            }
        }
        return entries;
    }

    private static EngineFacts.Builder apply(String where, Map<String, String> entries) {
        EngineFacts.Builder builder = EngineFacts.builder(required(where, entries, ID), required(where, entries, NAME));
        builder.identityFile = where;
        if (entries.containsKey(ALIASES)) {
            builder.aliases(list(where, entries.get(ALIASES)));
        }
        if (entries.containsKey(URL) || entries.containsKey(URL_PREFIXES)) {
            builder.url(required(where, entries, URL), list(where, required(where, entries, URL_PREFIXES)));
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

    /** A comma-separated list, each item stripped; an empty or repeated item is a typo. */
    private static String[] list(String where, String value) {
        List<String> items = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        if (items.contains("")) {
            throw new IllegalStateException(where + ": an empty item in the list " + value);
        }
        if (items.stream().distinct().count() < items.size()) {
            throw new IllegalStateException(where + ": a repeated item in the list " + value);
        }
        return items.toArray(String[]::new);
    }

    private static int port(String where, String value) {
        if (value.matches("[0-9]{1,5}")) {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
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
