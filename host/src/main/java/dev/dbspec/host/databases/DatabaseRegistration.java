package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import dev.dbspec.host.secrets.Redactor;
import dev.dbspec.tunnel.SshTunnelConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A registered database. {@link #toString()} masks the secret, the URL's credentials and secret options.
 *
 * @param id       changes whenever a database is registered again, so caches and workers notice
 * @param name     the user's name for it: letters, digits, {@code _} and {@code -}
 * @param jdbcUrl  the JDBC URL, vetted by the engine spec
 * @param user     the user name, if any
 * @param secret   the password, if any
 * @param options  extra driver properties
 * @param readOnly whether mutating statements are refused
 * @param engineId the engine resolved from the URL
 * @param impersonate whether each request runs as the requesting user's database user (the engine's
 *                    {@link dev.dbspec.api.Impersonation}); only for engines with {@link dev.dbspec.api.Capability#USER_IMPERSONATION}
 * @param sshTunnel   the SSH tunnel connections go through, if any (its password, private key and passphrase are secrets:
 *                    sealed with the password, masked in {@link #toString()} and answers)
 * @param catalogs    the other catalogs a request may name ({@code "catalog"} on a query, {@code ?catalog=} on metadata) beside
 *                    the one its URL connects to, which is always allowed; {@link #ANY_CATALOG} allows every catalog the login
 *                    user reaches. Empty by default: on PostgreSQL another database is a boundary the SQL itself cannot cross,
 *                    and a grant to this database must not become one to every database of the server.
 */
public record DatabaseRegistration(String id, String name, String jdbcUrl, Optional<String> user, Secret secret,
                                   Map<String, String> options, boolean readOnly, String engineId, boolean impersonate,
                                   Optional<SshTunnelConfig> sshTunnel, List<String> catalogs) {
    /** In {@link #catalogs()}: every catalog the login user reaches. */
    public static final String ANY_CATALOG = "*";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,63}");

    /** A registration whose requests run as its login user. */
    public DatabaseRegistration(String id, String name, String jdbcUrl, Optional<String> user, Secret secret,
                                Map<String, String> options, boolean readOnly, String engineId) {
        this(id, name, jdbcUrl, user, secret, options, readOnly, engineId, false);
    }

    /** A registration without an SSH tunnel, allowing no catalog but its own. */
    public DatabaseRegistration(String id, String name, String jdbcUrl, Optional<String> user, Secret secret,
                                Map<String, String> options, boolean readOnly, String engineId, boolean impersonate) {
        this(id, name, jdbcUrl, user, secret, options, readOnly, engineId, impersonate, Optional.empty(), List.of());
    }

    /** A registration allowing no catalog but its own. */
    public DatabaseRegistration(String id, String name, String jdbcUrl, Optional<String> user, Secret secret,
                                Map<String, String> options, boolean readOnly, String engineId, boolean impersonate,
                                Optional<SshTunnelConfig> sshTunnel) {
        this(id, name, jdbcUrl, user, secret, options, readOnly, engineId, impersonate, sshTunnel, List.of());
    }

    /** A registration without an SSH tunnel. */
    public DatabaseRegistration(String id, String name, String jdbcUrl, Optional<String> user, Secret secret,
                                Map<String, String> options, boolean readOnly, String engineId, boolean impersonate,
                                List<String> catalogs) {
        this(id, name, jdbcUrl, user, secret, options, readOnly, engineId, impersonate, Optional.empty(), catalogs);
    }

    public DatabaseRegistration {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        Secret.require(secret);
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(engineId, "engineId is null");
        requireNonNull(sshTunnel, "sshTunnel is null");
        catalogs = List.copyOf(requireNonNull(catalogs, "catalogs is null"));
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid database name '" + name
                    + "': 1 to 64 letters, digits, '_' or '-', starting with a letter or digit");
        }
    }

    /** Whether {@link #catalogs()} lists {@code catalog} or {@link #ANY_CATALOG} (the URL's own catalog is the caller's to allow). */
    public boolean allowsCatalog(String catalog) {
        return catalogs.contains(ANY_CATALOG) || catalogs.contains(catalog);
    }

    /** The URL with its secrets masked ({@link Redactor}, default secret names). */
    public String redactedUrl() {
        return redactedUrl(Set.of());
    }

    /**
     * The URL with its secrets masked, also the values of {@code specSecretOptions} (the options the engine
     * spec marks secret, beyond the default name pattern).
     */
    public String redactedUrl(Set<String> specSecretOptions) {
        return Redactor.redactUrl(jdbcUrl, specSecretOptions);
    }

    /** The options with secret values masked (default secret names). */
    public Map<String, String> redactedOptions() {
        return redactedOptions(Set.of());
    }

    /** The options with secret values masked, also those named in {@code specSecretOptions}. */
    public Map<String, String> redactedOptions(Set<String> specSecretOptions) {
        return Redactor.redactOptions(options, specSecretOptions);
    }

    /**
     * Every secret value of this registration (password, URL credentials, secret options, the SSH tunnel's password,
     * private key and passphrase), for masking by value.
     */
    public Set<String> secretValues(Set<String> specSecretOptions) {
        Set<String> values = new java.util.HashSet<>(Redactor.secretValues(jdbcUrl, secret.reveal(), options, specSecretOptions));
        sshTunnel.ifPresent(tunnel -> values.addAll(tunnel.secretValues()));
        return Set.copyOf(values);
    }

    @Override
    public String toString() {
        return "DatabaseRegistration[name=" + name + ", engine=" + engineId + ", url=" + redactedUrl()
                + ", user=" + user.orElse("") + ", secret=" + secret + ", options=" + redactedOptions()
                + ", readOnly=" + readOnly + ", impersonate=" + impersonate + sshTunnel.map(tunnel -> ", sshTunnel=" + tunnel).orElse("")
                + ", catalogs=" + catalogs + "]";
    }
}
