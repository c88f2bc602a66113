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
 * read from its URL template) have a {@code host} and a {@code port}, or when it names the network form of an embedded
 * engine ({@link EngineSpec#serverUrlTemplate}: H2's TCP server, HSQLDB's server, Derby's Network Server); file-only
 * engines cannot, nor can an embedded URL of the others. The URL is read into parameters by that template, the host and
 * port set to the tunnel's local end and the URL built again and vetted ({@link EngineSpec#buildUrl}, or the same
 * vetting for the server form), never edited as text.
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

    /**
     * The parameters a tunnel reads a URL of {@code spec} with: its {@link EngineSpec#connectionParameters} when they
     * have a {@code host} and a {@code port}, else those of its {@link EngineSpec#serverUrlTemplate} (the network form of
     * an embedded engine) when that has both; empty when neither does.
     */
    public static Optional<ConnectionParameters> tunnelParameters(EngineSpec spec) {
        requireNonNull(spec, "spec is null");
        Optional<ConnectionParameters> parameters;
        try {
            parameters = spec.connectionParameters();
        } catch (RuntimeException e) {
            parameters = Optional.empty();
        }
        if (parameters.isPresent() && hasHostAndPort(parameters.get())) {
            return parameters;
        }
        Optional<String> server;
        try {
            server = spec.serverUrlTemplate();
        } catch (RuntimeException e) {
            server = Optional.empty();
        }
        return server.flatMap(template -> ConnectionParameters.fromTemplate(spec.id(), spec.displayName(), template, spec.defaultPort(),
                spec.connectionOptions())).filter(SshTunnels::hasHostAndPort);
    }

    private static boolean hasHostAndPort(ConnectionParameters parameters) {
        boolean host = false;
        boolean port = false;
        for (ParameterSpec parameter : parameters.parameters()) {
            host |= parameter.name().equals("host");
            port |= parameter.name().equals("port");
        }
        return host && port;
    }

    /** Why {@code spec} cannot be tunnelled, or empty when it can. */
    public static Optional<String> unsupportedReason(EngineSpec spec) {
        requireNonNull(spec, "spec is null");
        if (tunnelParameters(spec).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("engine " + spec.id() + " is embedded or has no host and port in its URL (" + spec.urlTemplate()
                + ") and no network server form: nothing to tunnel to");
    }

    /**
     * Whether {@code jdbcUrl} follows the form a tunnel reads ({@link #tunnelParameters}): for an engine with an embedded
     * and a network form, only a URL of the network form has a host and a port to replace.
     */
    public static boolean follows(EngineSpec spec, String jdbcUrl, Properties properties) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        return tunnelParameters(spec).flatMap(schema -> schema.parse(jdbcUrl, properties)).isPresent();
    }

    /** The URL template a tunnel reads URLs of {@code spec} with, for messages; empty when it cannot be tunnelled. */
    public static Optional<String> template(EngineSpec spec) {
        Optional<ConnectionParameters> tunnel = tunnelParameters(spec);
        if (tunnel.isEmpty()) {
            return Optional.empty();
        }
        Optional<ConnectionParameters> own;
        try {
            own = spec.connectionParameters();
        } catch (RuntimeException e) {
            own = Optional.empty();
        }
        return Optional.of(own.isPresent() && hasHostAndPort(own.get()) ? spec.urlTemplate() : spec.serverUrlTemplate().orElseThrow());
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
        ConnectionParameters schema = schema(spec);
        Map<String, Object> parameters = new LinkedHashMap<>(parameters(spec, jdbcUrl, properties));
        parameters.put("host", SshTunnel.LOOPBACK);
        parameters.put("port", (long) localPort);
        ConnectionUrl built;
        if (spec.connectionParameters().filter(SshTunnels::hasHostAndPort).isPresent()) {
            built = spec.buildUrl(parameters);
        } else {
            // The network form of an embedded engine: built by its own template, vetted as buildUrl vets.
            built = schema.build(parameters);
            spec.vetConnection(built.url(), built.toProperties(), Optional.empty());
        }
        Map<String, String> merged = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> merged.put(name, properties.getProperty(name)));
        merged.putAll(built.properties());
        return new ConnectionUrl(built.url(), merged);
    }

    private static ConnectionParameters schema(EngineSpec spec) {
        return tunnelParameters(spec).orElseThrow(() -> new IllegalArgumentException("no SSH tunnel: " + unsupportedReason(spec).orElse("")));
    }

    private static Map<String, Object> parameters(EngineSpec spec, String jdbcUrl, Properties properties) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        Optional<String> refusal = unsupportedReason(spec);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException("no SSH tunnel: " + refusal.get());
        }
        return schema(spec).parse(jdbcUrl, properties).orElseThrow(() -> new IllegalArgumentException(
                "no SSH tunnel: the URL does not follow " + spec.id() + "'s template " + template(spec).orElse(spec.urlTemplate())
                        + ", so its host and port cannot be replaced"));
    }
}
