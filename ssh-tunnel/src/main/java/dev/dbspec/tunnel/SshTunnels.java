package dev.dbspec.tunnel;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.ConnectionParameters;
import dev.dbspec.api.ConnectionUrl;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Which engines a tunnel can serve, and how their URLs go through one. A tunnel replaces the host and the port of the
 * database's URL: so an engine can be tunnelled only when its connection parameters ({@link EngineSpec#connectionParameters},
 * read from its URL template) have a {@code host} and a {@code port}; embedded and file engines cannot. The URL is read
 * into parameters ({@link EngineSpec#parametersFromUrl}), the host and port set to the tunnel's local end and the URL
 * built again ({@link EngineSpec#buildUrl}, which vets it), never edited as text.
 *
 * <p>This is how the host decides {@link dev.dbspec.api.Capability#SSH_TUNNELING} ({@link #claimed}): a host feature, claimed
 * for every engine {@link #supports} says yes to; specs need not declare it.
 */
public final class SshTunnels {
    private SshTunnels() {
    }

    /** The database's host and port, as the SSH server reaches them. */
    public record Target(String host, int port) {
        public Target {
            requireNonNull(host, "host is null");
        }
    }

    /** Why {@code spec} cannot be tunnelled, or empty when it can. */
    public static Optional<String> unsupportedReason(EngineSpec spec) {
        requireNonNull(spec, "spec is null");
        Optional<ConnectionParameters> parameters;
        try {
            parameters = spec.connectionParameters();
        } catch (RuntimeException e) {
            parameters = Optional.empty();
        }
        if (parameters.isEmpty()) {
            return Optional.of("engine " + spec.id() + " has no connection parameters, so no host and port a tunnel could replace");
        }
        boolean host = false;
        boolean port = false;
        for (ParameterSpec parameter : parameters.get().parameters()) {
            host |= parameter.name().equals("host");
            port |= parameter.name().equals("port");
        }
        if (!host || !port) {
            return Optional.of("engine " + spec.id() + " is embedded or has no host and port in its URL (" + spec.urlTemplate()
                    + "): nothing to tunnel to");
        }
        return Optional.empty();
    }

    /** Whether a tunnel can serve {@code spec} ({@link #unsupportedReason} is empty). */
    public static boolean supports(EngineSpec spec) {
        return unsupportedReason(spec).isEmpty();
    }

    /**
     * Whether {@link dev.dbspec.api.Capability#SSH_TUNNELING} is claimed for {@code spec}: the host claims it for every engine
     * it {@link #supports}, and a spec declaring it itself claims it too (an honest declaration only when supported: the
     * conformance kit fails one that is not).
     */
    public static boolean claimed(EngineSpec spec) {
        return spec.has(dev.dbspec.api.Capability.SSH_TUNNELING) || supports(spec);
    }

    /**
     * The host and port of {@code jdbcUrl}.
     *
     * @throws IllegalArgumentException when the engine cannot be tunnelled or the URL does not follow its template
     */
    public static Target target(EngineSpec spec, String jdbcUrl, Properties properties) {
        Map<String, Object> parameters = parameters(spec, jdbcUrl, properties);
        Object host = parameters.get("host");
        Object port = parameters.get("port");
        if (!(host instanceof String name) || !(port instanceof Number number)) {
            throw new IllegalArgumentException("the URL names no host and port for an SSH tunnel to reach");
        }
        return new Target(name, number.intValue());
    }

    /**
     * {@code jdbcUrl} and {@code properties} with the host and port replaced by {@code 127.0.0.1:localPort}, built by the
     * spec ({@link EngineSpec#buildUrl}); the properties are the given ones with those the spec builds laid over them.
     * For an engine checking the server's TLS certificate against the host name, the name is now {@code 127.0.0.1}.
     *
     * @throws IllegalArgumentException when the engine cannot be tunnelled or the URL does not follow its template
     */
    public static ConnectionUrl through(EngineSpec spec, String jdbcUrl, Properties properties, int localPort) {
        Map<String, Object> parameters = new LinkedHashMap<>(parameters(spec, jdbcUrl, properties));
        parameters.put("host", SshTunnel.LOOPBACK);
        parameters.put("port", (long) localPort);
        ConnectionUrl built = spec.buildUrl(parameters);
        Map<String, String> merged = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> merged.put(name, properties.getProperty(name)));
        merged.putAll(built.properties());
        return new ConnectionUrl(built.url(), merged);
    }

    private static Map<String, Object> parameters(EngineSpec spec, String jdbcUrl, Properties properties) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        Optional<String> refusal = unsupportedReason(spec);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException("no SSH tunnel: " + refusal.get());
        }
        return spec.parametersFromUrl(jdbcUrl, properties).orElseThrow(() -> new IllegalArgumentException(
                "no SSH tunnel: the URL does not follow " + spec.id() + "'s template " + spec.urlTemplate()
                        + ", so its host and port cannot be replaced"));
    }
}
