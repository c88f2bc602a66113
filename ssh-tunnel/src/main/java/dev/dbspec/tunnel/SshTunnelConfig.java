package dev.dbspec.tunnel;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and how to open an SSH tunnel to a database (Superset's {@code ssh_tunnel}): the SSH server, the account, one
 * credential (a password, or a private key in PEM with an optional passphrase) and the server's pinned host key, which is
 * required: a tunnel never trusts a host key on first use. {@link #toString()} and {@link #masked()} never show the
 * password, the private key or the passphrase.
 *
 * @param host       the SSH server's host name or IP address
 * @param port       its port (22 by default in {@link #fromMap})
 * @param user       the SSH user
 * @param password   the SSH password, or empty when a private key is given
 * @param privateKey the private key in PEM (OpenSSH {@code BEGIN OPENSSH PRIVATE KEY}, PKCS#8 or PKCS#1), or empty
 * @param passphrase the private key's passphrase, if it is encrypted
 * @param hostKey    the pinned host key: a public key as in {@code known_hosts} or {@code authorized_keys}
 *                   ({@code ssh-ed25519 AAAA...}, host names before it allowed) or its {@code SHA256:} fingerprint
 */
public record SshTunnelConfig(String host, int port, String user, Optional<String> password, Optional<String> privateKey,
                              Optional<String> passphrase, String hostKey) {
    /** The fields of the registration's {@code "sshTunnel"} object. */
    public static final Set<String> FIELDS = Set.of("host", "port", "user", "password", "privateKey", "passphrase", "hostKey");
    /** The fields whose values are secret. */
    public static final Set<String> SECRET_FIELDS = Set.of("password", "privateKey", "passphrase");
    /** What a secret's value is shown as. */
    public static final String MASK = "********";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]{2,45}]?");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}");

    public SshTunnelConfig {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        password = requireNonNull(password, "password is null").filter(value -> !value.isEmpty());
        privateKey = requireNonNull(privateKey, "privateKey is null").filter(value -> !value.isBlank());
        passphrase = requireNonNull(passphrase, "passphrase is null").filter(value -> !value.isEmpty());
        requireNonNull(hostKey, "hostKey is null");
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("sshTunnel.host must be a host name or an IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("sshTunnel.port must be an integer from 1 to 65535");
        }
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("sshTunnel.user must be 1 to 64 letters, digits, '_', '.', '@' or '-'");
        }
        if (password.isPresent() == privateKey.isPresent()) {
            throw new IllegalArgumentException("sshTunnel needs exactly one of 'password' and 'privateKey'");
        }
        if (passphrase.isPresent() && privateKey.isEmpty()) {
            throw new IllegalArgumentException("sshTunnel.passphrase goes with a 'privateKey'");
        }
        if (hostKey.isBlank()) {
            throw new IllegalArgumentException("sshTunnel.hostKey is required: the SSH server's public key (known_hosts line) or its SHA256 fingerprint;"
                    + " a tunnel never trusts a host key on first use");
        }
        HostKeyPin.parse(hostKey); // refuses a malformed pin now, not at the first connection
    }

    /**
     * The configuration in a JSON object's shape ({@link #FIELDS}); {@code port} may be a number or a numeric string.
     *
     * @throws IllegalArgumentException naming the refused field (never quoting a secret)
     */
    public static SshTunnelConfig fromMap(Map<String, ?> fields) {
        requireNonNull(fields, "fields is null");
        for (String field : fields.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("sshTunnel has no field '" + field + "' (fields: host, port, user, password or privateKey,"
                        + " passphrase, hostKey)");
            }
        }
        int port = 22;
        Object portValue = fields.get("port");
        if (portValue instanceof Number number && number.doubleValue() == number.intValue()) {
            port = number.intValue();
        } else if (portValue instanceof String text && text.matches("[0-9]{1,5}")) {
            port = Integer.parseInt(text);
        } else if (portValue != null) {
            throw new IllegalArgumentException("sshTunnel.port must be an integer from 1 to 65535");
        }
        return new SshTunnelConfig(text(fields, "host", true), port, text(fields, "user", true),
                Optional.ofNullable(text(fields, "password", false)), Optional.ofNullable(text(fields, "privateKey", false)),
                Optional.ofNullable(text(fields, "passphrase", false)), String.valueOf(fields.get("hostKey") == null ? "" : text(fields, "hostKey", false)));
    }

    private static String text(Map<String, ?> fields, String name, boolean required) {
        Object value = fields.get(name);
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("sshTunnel." + name + " is required");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("sshTunnel." + name + " must be a string");
        }
        return text;
    }

    /** Every field, secrets in clear: for the sealed store only. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("host", host);
        map.put("port", port);
        map.put("user", user);
        password.ifPresent(value -> map.put("password", value));
        privateKey.ifPresent(value -> map.put("privateKey", value));
        passphrase.ifPresent(value -> map.put("passphrase", value));
        map.put("hostKey", hostKey);
        return map;
    }

    /** For answers: host, port, user, the host key, which credential is given, secrets as {@link #MASK}. */
    public Map<String, Object> masked() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("host", host);
        map.put("port", port);
        map.put("user", user);
        map.put("auth", password.isPresent() ? "password" : "privateKey");
        password.ifPresent(value -> map.put("password", MASK));
        privateKey.ifPresent(value -> map.put("privateKey", MASK));
        passphrase.ifPresent(value -> map.put("passphrase", MASK));
        map.put("hostKey", hostKey);
        map.put("hostKeyFingerprint", HostKeyPin.parse(hostKey).fingerprint());
        return map;
    }

    /** The secret values (password, private key, passphrase), for masking wherever they could be echoed. */
    public Set<String> secretValues() {
        Set<String> values = new java.util.HashSet<>();
        password.ifPresent(values::add);
        privateKey.ifPresent(key -> {
            values.add(key);
            // a PEM body's lines, each of which alone reveals part of the key
            key.lines().map(String::trim).filter(line -> line.length() >= 16 && !line.startsWith("-----")).forEach(values::add);
        });
        passphrase.ifPresent(values::add);
        return values;
    }

    @Override
    public String toString() {
        return "SshTunnelConfig[" + user + "@" + host + ":" + port + ", auth=" + (password.isPresent() ? "password" : "privateKey")
                + ", hostKey=" + HostKeyPin.parse(hostKey).fingerprint() + "]";
    }
}
