package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What keeps a browser from driving the API for a web page: the {@code Host} header must name this
 * server (a DNS-rebinding page sends its own name: 421), a browser's {@code Origin} must be this server
 * or one of {@code http.cors-origins} (403 otherwise), CORS headers are sent only to those configured
 * origins, and JSON routes accept {@code application/json} bodies only (415), which no cross-origin form
 * or simple request can send.
 */
final class BrowserGuard {
    private final Set<String> defaultNames;
    private final Set<String> exactHosts;
    private final Set<String> hostNames;
    private final Set<String> corsOrigins;

    private BrowserGuard(Set<String> defaultNames, Set<String> exactHosts, Set<String> hostNames, Set<String> corsOrigins) {
        this.defaultNames = Set.copyOf(defaultNames);
        this.exactHosts = Set.copyOf(exactHosts);
        this.hostNames = Set.copyOf(hostNames);
        this.corsOrigins = Set.copyOf(corsOrigins);
    }

    /**
     * The guard of a server bound to {@code bind}: the bind address, {@code localhost}, {@code 127.0.0.1}
     * and {@code [::1]} with the server's port, plus {@code configuredHosts} ({@code name} for that name on
     * any port, {@code name:port} exactly); {@code corsOrigins} are exact {@code scheme://host[:port]}.
     *
     * @throws IllegalArgumentException for a wildcard or malformed entry
     */
    static BrowserGuard of(String bind, List<String> configuredHosts, List<String> corsOrigins) {
        requireNonNull(bind, "bind is null");
        Set<String> defaults = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        String bindHost = (bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind).toLowerCase(Locale.ROOT);
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("[::]")) {
            defaults.add(bindHost);
        }
        Set<String> exact = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (String entry : configuredHosts) {
            String host = entry.trim().toLowerCase(Locale.ROOT);
            if (host.isEmpty() || host.contains("*") || host.contains("/") || host.contains(" ")) {
                throw new IllegalArgumentException("http.allowed-hosts takes host names or host:port, without wildcards: " + entry);
            }
            if (port(host) != null) {
                exact.add(host);
            } else {
                names.add(host);
            }
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : corsOrigins) {
            String value = origin.trim();
            if (!value.matches("https?://[^/\\s*]+")) {
                throw new IllegalArgumentException("http.cors-origins takes exact origins such as https://app.example.com, without "
                        + "paths or wildcards: " + origin);
            }
            origins.add(value.toLowerCase(Locale.ROOT));
        }
        return new BrowserGuard(defaults, exact, names, origins);
    }

    /** The port of a {@code host[:port]} value, or null. */
    private static String port(String host) {
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.endsWith("]")) {
            return null;
        }
        String port = host.substring(colon + 1);
        return port.matches("[0-9]{1,5}") ? port : null;
    }

    private static String name(String host) {
        return port(host) == null ? host : host.substring(0, host.lastIndexOf(':'));
    }

    /** The Host values accepted on {@code port}, for messages. */
    String describeHosts(int port) {
        Set<String> all = new TreeSet<>();
        defaultNames.forEach(name -> all.add(name + ":" + port));
        all.addAll(exactHosts);
        hostNames.forEach(name -> all.add(name + "[:port]"));
        return String.join(", ", all);
    }

    /** Whether {@code host} (a Host header) names this server, listening on {@code port}. */
    boolean allowsHost(String host, int port) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        String name = name(value);
        String givenPort = port(value);
        if (defaultNames.contains(name) && (Integer.toString(port).equals(givenPort) || (givenPort == null && port == 80))) {
            return true;
        }
        return exactHosts.contains(value) || hostNames.contains(name);
    }

    /** 421 unless the Host header names this server. */
    void checkHost(Context ctx) {
        int port = ctx.req().getLocalPort();
        if (!allowsHost(ctx.header("Host"), port)) {
            throw new ApiError(421, "misdirected_request", "this server does not answer for that Host; allowed: " + describeHosts(port)
                    + " (add names with http.allowed-hosts)");
        }
    }

    /**
     * Checks a browser's {@code Origin} and adds CORS headers for a configured origin.
     *
     * @return whether the origin is a configured cross-origin one (a preflight may then be answered)
     * @throws ApiError 403 for an origin that is neither this server nor configured
     */
    boolean checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false; // not a browser, or a same-origin GET
        }
        String value = origin.trim().toLowerCase(Locale.ROOT);
        if (corsOrigins.contains(value)) {
            ctx.header("Access-Control-Allow-Origin", origin.trim());
            ctx.header("Vary", "Origin");
            ctx.header("Access-Control-Expose-Headers", "Location, X-Dbspec-Query-Id, X-Dbspec-Cache, WWW-Authenticate");
            return true;
        }
        String host = ctx.header("Host");
        if (host != null && (value.equals("http://" + host.trim().toLowerCase(Locale.ROOT))
                || value.equals("https://" + host.trim().toLowerCase(Locale.ROOT)))) {
            return false; // same origin
        }
        throw new ApiError(403, "origin_not_allowed", "requests from browser origin " + origin.trim()
                + " are refused; allow it with http.cors-origins");
    }

    /** Answers a CORS preflight of a configured origin with the methods of the path. */
    static void answerPreflight(Context ctx, List<String> methods) {
        ctx.header("Access-Control-Allow-Methods", String.join(", ", methods));
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    /** 415 unless the body is declared {@code application/json} (a charset parameter is allowed, UTF-8 only). */
    static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type != null) {
            String[] parts = type.split(";");
            boolean json = parts[0].trim().equalsIgnoreCase("application/json");
            boolean charsetOk = true;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("charset=")) {
                    String charset = parameter.substring("charset=".length()).replace("\"", "");
                    charsetOk &= charset.equals("utf-8") || charset.equals("utf8");
                } else if (!parameter.isEmpty()) {
                    charsetOk = false;
                }
            }
            if (json && charsetOk) {
                return;
            }
        }
        throw new ApiError(415, "unsupported_media_type", "the body must be JSON sent with Content-Type: application/json");
    }
}
