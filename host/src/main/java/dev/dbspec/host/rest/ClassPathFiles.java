package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Files served from the class path by an allow-list of names (Swagger UI's and the console's): a request names one
 * of {@code types}' keys or gets 404, so no request path ever reaches the class path.
 *
 * @param where      the route's folder, for the 404 message
 * @param types      file name to content type
 * @param resourceOf file name to its class-path resource
 */
record ClassPathFiles(String where, Map<String, String> types, UnaryOperator<String> resourceOf) {
    ClassPathFiles {
        requireNonNull(where, "where is null");
        types = Map.copyOf(requireNonNull(types, "types is null"));
        requireNonNull(resourceOf, "resourceOf is null");
    }

    /** The content type of {@code file}; 404 naming the files there are when it is not one of them. */
    String typeOf(String file) {
        String type = types.get(file);
        if (type == null) {
            throw new ApiError(404, "not_found", "no file " + file + " in " + where + "; it serves " + String.join(", ", new TreeSet<>(types.keySet())));
        }
        return type;
    }

    /** The bytes of {@code file} (a name of {@link #types}, or a fixed name the caller owns, such as a page). */
    InputStream open(String file) {
        String resource = resourceOf.apply(file);
        InputStream in = ClassPathFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the class path has no " + resource);
        }
        return in;
    }
}
