package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.Role;
import dev.dbspec.host.validate.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console's page and files: public, served from an allow-list under a policy that runs this server's scripts
 * only (no inline script or style), and {@code GET /api/me}, which tells the console who the token belongs to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAssetsTest {
    @TempDir
    static Path dir;

    private SecuredServer server;

    @BeforeAll
    void start() {
        server = SecuredServer.start(SecuredServer.plugins(dir), DbspecConfig.defaults().with("data.dir", dir.resolve("data")));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePageAndItsFilesComeFromAnAllowListUnderAStrictPolicy() {
        Http anonymous = server.anonymous();
        Http.Response page = anonymous.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        // this server's files, and inline only the test-db report's one style and one script, by hash (its page opens the report)
        assertThat(policy).contains("default-src 'none'", "script-src 'self' " + HtmlReport.SCRIPT_SOURCE + ";",
                "style-src 'self' " + HtmlReport.STYLE_SOURCE + ";", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(policy.split("sha256-", -1)).as("two hashes, no more").hasSize(3);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>")
                .doesNotContain("<script>", "style=", "onclick=");
        for (String file : List.of("app.js", "api.js", "dom.js", "events.js", "pages.js", "sql.js", "matrix.js", "admin.js", "csv.js")) {
            Http.Response script = anonymous.get("/console/" + file);
            assertThat(script.status()).as(file).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
            assertThat(script.body()).as(file + ": data is never parsed as HTML").doesNotContain("innerHTML", "outerHTML",
                    "insertAdjacentHTML", "document.write", "eval(");
        }
        assertThat(anonymous.get("/console/api.js").body()).contains("sessionStorage").doesNotContain("localStorage");
        assertThat(anonymous.get("/console/events.js").body()).as("the token goes in the first message, not the URL")
                .contains("send(JSON.stringify({ token: token()").doesNotContain("?token");
        assertThat(anonymous.get("/console/console.css").headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        for (String other : List.of("index.html", "Console.class", "..%2Fconsole.css", "..%2F..%2F..%2FMETA-INF%2FMANIFEST.MF", "%2E%2E")) {
            Http.Response refused = anonymous.get("/console/" + other);
            assertThat(refused.status()).as(other + ": " + refused.body()).isIn(400, 404);
            assertThat(refused.body()).doesNotContain("Manifest-Version", "import ");
        }
    }

    @Test
    void meTellsWhoTheTokenBelongsTo() {
        Http vic = server.as(server.addUser("vic", Role.VIEWER));
        Http.Response me = vic.get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("name").asText()).isEqualTo("vic");
        assertThat(me.json().path("role").asText()).isEqualTo("viewer");
        assertThat(me.json().path("roles")).hasSize(1);
        Http.Response admin = server.as(server.addUser("root", Role.ADMIN)).get("/api/me");
        assertThat(admin.json().path("roles").toString()).isEqualTo("[\"viewer\",\"analyst\",\"admin\"]");
        assertThat(server.anonymous().get("/api/me").status()).isEqualTo(401);
    }
}
