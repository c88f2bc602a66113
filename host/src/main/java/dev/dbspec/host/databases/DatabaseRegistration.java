package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import dev.dbspec.host.EngineRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A registered database. {@link #toString()} masks the secret and any password in the URL.
 *
 * @param id       changes whenever a database is registered again, so caches and workers notice
 * @param name     the user's name for it: letters, digits, {@code _} and {@code -}
 * @param jdbcUrl  the JDBC URL, vetted by the engine spec
 * @param user     the user name, if any
 * @param secret   the password, if any
 * @param options  extra driver properties
 * @param readOnly whether mutating statements are refused
 * @param engineId the engine resolved from the URL
 */
public record DatabaseRegistration(String id, String name, String jdbcUrl, Optional<String> user, Secret secret,
                                   Map<String, String> options, boolean readOnly, String engineId) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}");

    public DatabaseRegistration {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        Secret.require(secret);
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(engineId, "engineId is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid database name '" + name
                    + "': 1 to 64 letters, digits, '_' or '-', starting with a letter or digit");
        }
    }

    /** The URL with password-like values masked. */
    public String redactedUrl() {
        return EngineRegistry.redactUrl(jdbcUrl);
    }

    /** Options whose names look secret are masked. */
    public Map<String, String> redactedOptions() {
        Map<String, String> shown = new TreeMap<>();
        options.forEach((key, value) -> shown.put(key, key.toLowerCase(java.util.Locale.ROOT)
                .matches(".*(password|pwd|secret|token|key).*") ? "***" : value));
        return shown;
    }

    @Override
    public String toString() {
        return "DatabaseRegistration[name=" + name + ", engine=" + engineId + ", url=" + redactedUrl()
                + ", user=" + user.orElse("") + ", secret=" + secret + ", options=" + redactedOptions()
                + ", readOnly=" + readOnly + "]";
    }
}
