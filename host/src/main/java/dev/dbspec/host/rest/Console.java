package dev.dbspec.host.rest;

import io.javalin.http.Context;
import java.util.Map;

/**
 * The web console: a single page at {@code GET /} and its files under {@code GET /console/{file}}, plain ES modules and
 * CSS kept in the host jar ({@code dev/dbspec/host/console/}). The page and its files are public (a browser cannot send a
 * bearer token when it navigates); every call the page makes sends the token the user typed, kept in the tab's session
 * storage only, so the API decides what each user sees. Only the files named in {@link #ASSETS} are served, so no request
 * path reaches the class path; the policy allows this server's scripts, styles and WebSocket only (no inline script or
 * style but the test-db report's, by hash; no other origin, no framing).
 */
final class Console {
    /**
     * The page's Content-Security-Policy; {@code connect-src 'self'} covers the same-origin WebSocket in current browsers. The
     * test-db page opens the HTML report as a document of its own made from a blob (a new window cannot send the token), and
     * such a document inherits this policy on top of the report's own: so the report's one inline style and one inline script
     * are allowed here too, by hash, and nothing else inline.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self' " + dev.dbspec.host.validate.HtmlReport.SCRIPT_SOURCE
            + "; style-src 'self' " + dev.dbspec.host.validate.HtmlReport.STYLE_SOURCE + "; img-src 'self'; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /** The files served under {@code /console/}: name to content type. */
    static final Map<String, String> ASSETS = Map.of(
            "console.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "pages.js", "text/javascript; charset=utf-8",
            "sql.js", "text/javascript; charset=utf-8",
            "events.js", "text/javascript; charset=utf-8",
            "dom.js", "text/javascript; charset=utf-8",
            "matrix.js", "text/javascript; charset=utf-8",
            "admin.js", "text/javascript; charset=utf-8",
            "csv.js", "text/javascript; charset=utf-8");

    private static final String ROOT = "dev/dbspec/host/console/";
    private static final ClassPathFiles FILES = new ClassPathFiles("/console", ASSETS, file -> ROOT + file);

    /** {@code GET /}: the page. */
    void page(Context ctx) {
        securityHeaders(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).contentType("text/html; charset=utf-8").result(FILES.open("index.html"));
    }

    /** {@code GET /console/{file}}: one of {@link #ASSETS}, else 404. */
    void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = FILES.typeOf(file);
        securityHeaders(ctx);
        ctx.header("Cache-Control", "no-cache"); // revalidated, so an upgraded server never runs old modules
        ctx.status(200).contentType(type).result(FILES.open(file));
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
