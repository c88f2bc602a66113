package dev.dbspec.host;

import dev.dbspec.host.rest.Route;

/** A path that reaches a route's handler, for tests that call every route of the table. */
final class RouteSamples {
    private RouteSamples() {
    }

    /** {@code route}'s path with {@code parameter} for its parameters; Swagger UI's and the console's files are allow-lists, so one of them. */
    static String path(Route route, String parameter) {
        return switch (route.path()) {
            case "/api/docs/{file}" -> "/api/docs/swagger-ui.css";
            case "/console/{file}" -> "/console/app.js";
            default -> route.samplePath(parameter);
        };
    }
}
