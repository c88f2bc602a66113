package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A JDBC prefix an engine serves, handed to its driver under the prefix the driver accepts: an engine that speaks
 * another engine's protocol declares a prefix of its own, so URL resolution never confuses the two, and
 * {@link #driverUrl} rewrites it for the driver, for example {@code jdbc:cockroachdb://h:26257/db} to
 * {@code jdbc:postgresql://h:26257/db}. The methods are the spec's {@code urlPrefixes}, {@code urlTemplate} and
 * {@code driverUrl} for such an engine.
 *
 * @param prefix the prefix the engine serves, for example {@code jdbc:cockroachdb:}
 * @param driverPrefix the prefix the driver accepts, for example {@code jdbc:postgresql:}
 */
public record PrefixRewrite(String prefix, String driverPrefix) {
    public PrefixRewrite {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(driverPrefix, "driverPrefix is null");
    }

    /** The served prefix, alone. */
    public List<String> urlPrefixes() {
        return List.of(prefix);
    }

    /** The served prefix followed by {@code rest}, for example {@code //{host}:{port}/{database}}. */
    public String urlTemplate(String rest) {
        return prefix + rest;
    }

    /** {@code jdbcUrl} with the served prefix replaced by the driver's; any other URL as it is. */
    public String driverUrl(String jdbcUrl) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        return jdbcUrl.startsWith(prefix) ? driverPrefix + jdbcUrl.substring(prefix.length()) : jdbcUrl;
    }
}
