package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Swagger UI on {@code /api/openapi.json}, at {@code GET /api/docs}: the page and its assets are public (a browser
 * cannot send a bearer token when it navigates), the description is not: the page asks for a token, keeps it in
 * the tab's session storage only, and sends it on every request the UI makes. The assets come from the
 * {@code org.webjars:swagger-ui} jar on the class path (no download at run time); only the files named in
 * {@link #ASSETS} are served, so no request path reaches the class path. The page allows scripts and styles from
 * this server only (Swagger UI sets style attributes, hence {@code 'unsafe-inline'} for styles, never for scripts).
 */
final class ApiDocs {
    /** The page's Content-Security-Policy: its own scripts, no inline script, no other origin, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /** The files served under {@code /api/docs/}: name to content type. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui.css", "text/css; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "dbspec-docs.js", "text/javascript; charset=utf-8");

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String OWN = "dev/dbspec/host/rest/";

    private final ClassPathFiles files;

    private ApiDocs(String webjarRoot) {
        this.files = new ClassPathFiles("/api/docs", ASSETS, file -> (file.equals("dbspec-docs.js") ? OWN : webjarRoot) + file);
    }

    /** The docs of the Swagger UI webjar on the class path; fails at startup, not on the first request, when it is missing. */
    static ApiDocs fromClassPath() {
        Properties properties = new Properties();
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = requireNonNull(properties.getProperty("version"), "the swagger-ui webjar names no version");
        return new ApiDocs(WEBJAR + version + "/");
    }

    /** {@code GET /api/docs}: the page. */
    void page(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).contentType("text/html; charset=utf-8").result(PAGE);
    }

    /** {@code GET /api/docs/{file}}: one of {@link #ASSETS}, else 404. */
    void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = files.typeOf(file);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.status(200).contentType(type).result(files.open(file));
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>dbspec REST API</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="stylesheet" href="/api/docs/swagger-ui.css">
            <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
            </head>
            <body>
            <form id="login" style="max-width:40rem;margin:2rem auto;font-family:sans-serif">
            <h1>dbspec REST API</h1>
            <p>The description and every call need a token (<code>dbspec users add</code> prints one). It is kept in this tab only.</p>
            <label for="token">API token</label>
            <input id="token" name="token" type="password" autocomplete="off" required style="width:100%;margin:.5rem 0">
            <button id="open" type="submit">Open the API</button>
            <p id="message" role="alert"></p>
            </form>
            <div id="swagger-ui"></div>
            <script src="/api/docs/swagger-ui-bundle.js"></script>
            <script src="/api/docs/dbspec-docs.js"></script>
            </body>
            </html>
            """;
}
