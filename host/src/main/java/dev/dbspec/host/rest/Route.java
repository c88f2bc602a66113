package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

import dev.dbspec.host.security.Role;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One route of the REST API as the server registers it: every route is declared with who may call it,
 * so a route cannot be added without an access rule, and tests iterate {@link RestServer#routes()}.
 *
 * @param method   the HTTP method
 * @param path     the path template ({@code {name}} marks a path parameter)
 * @param access   who may call it
 * @param jsonBody whether it reads a JSON body ({@code Content-Type: application/json} required, else 415)
 */
public record Route(String method, String path, Access access, boolean jsonBody) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE");

    /** Who may call a route. Authentication is required for all but {@link #PUBLIC}. */
    public enum Access {
        /** Anyone, without a token ({@code GET /api/health} only). */
        PUBLIC,
        /** Any authenticated user. */
        VIEWER,
        /** Analysts and admins; which databases and tasks the handler decides (grants, ownership). */
        ANALYST,
        /** Admins only. */
        ADMIN;

        /** The least role allowed, empty for {@link #PUBLIC}. */
        public Optional<Role> role() {
            return switch (this) {
                case PUBLIC -> Optional.empty();
                case VIEWER -> Optional.of(Role.VIEWER);
                case ANALYST -> Optional.of(Role.ANALYST);
                case ADMIN -> Optional.of(Role.ADMIN);
            };
        }
    }

    public Route {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(access, "access is null");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported method " + method);
        }
        boolean console = path.equals("/") || path.startsWith("/console/");
        if (!path.startsWith("/api/") && !(console && method.equals("GET") && access == Access.PUBLIC)) {
            throw new IllegalArgumentException("routes live under /api/ (but the web console's public page and files, GET / and "
                    + "GET /console/...): " + method + " " + path);
        }
    }

    /** Whether {@code requestPath} is an instance of this route's template (one segment per parameter). */
    public boolean matches(String requestPath) {
        String regex = Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
        String normalised = requestPath.length() > 1 && requestPath.endsWith("/") ? requestPath.substring(0, requestPath.length() - 1) : requestPath;
        return normalised.matches(regex);
    }

    /** The path with every parameter replaced by {@code value} (for tests and messages). */
    public String samplePath(String value) {
        return path.replaceAll("\\{[^}/]+}", value);
    }
}
