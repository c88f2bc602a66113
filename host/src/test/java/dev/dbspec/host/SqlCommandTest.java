package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {
    @TempDir
    static Path plugins;

    @TempDir
    static Path dir;

    @BeforeAll
    static void plugins() {
        TestPluginJars.copyBuiltPlugins(plugins);
    }

    @Test
    void limitKeepsTheUsersTextAndPutsTheLimitBeforeATrailingComment() throws Exception {
        Path file = Files.writeString(dir.resolve("q.sql"), "select  o.id   FROM orders o -- newest first\n");
        CliRunner.Run run = CliRunner.run(plugins, "sql", "limit", "--engine", "postgres", "--limit", "10", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("select  o.id   FROM orders o -- newest first\nLIMIT 10\n");
        Path limited = Files.writeString(dir.resolve("l.sql"), "SELECT * FROM t LIMIT 5");
        assertThat(CliRunner.run(plugins, "sql", "limit", "-e", "h2", "-n", "100", limited.toString()).out()).isEqualTo("SELECT * FROM t LIMIT 5\n");
        assertThat(CliRunner.run(plugins, "sql", "limit", "-e", "h2", "-n", "3", "--force", limited.toString()).out()).isEqualTo("SELECT * FROM t LIMIT 3\n");
    }

    @Test
    void inspectReportsKindsLimitsTablesAndReadOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("s.sql"),
                "WITH c AS (SELECT * FROM sales.orders) SELECT * FROM c JOIN customers ON 1 = 1 LIMIT 20;\nDELETE FROM audit;\n");
        CliRunner.Run run = CliRunner.run(plugins, "sql", "inspect", "--engine", "postgresql", "--json", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("readOnly").asBoolean()).isFalse();
        JsonNode first = json.get("statements").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("query");
        assertThat(first.get("limit").asLong()).isEqualTo(20);
        assertThat(first.get("tables").toString()).contains("\"schema\":\"sales\",\"table\":\"orders\"", "\"table\":\"customers\"")
                .doesNotContain("\"table\":\"c\"");
        JsonNode second = json.get("statements").get(1);
        assertThat(second.get("kind").asText()).isEqualTo("mutating");
        assertThat(second.get("limit").isNull()).isTrue();
    }

    @Test
    void sqlTooComplexExitsWithThreeAndSaysWhichLimit() throws Exception {
        Path file = Files.writeString(dir.resolve("deep.sql"), "SELECT 1;\nSELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ";\n");
        CliRunner.Run run = CliRunner.run(plugins, "sql", "inspect", "-e", "postgresql", file.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("deep.sql: postgresql: SQL too complex: more than 200 levels of nesting at line 2, column 208",
                "sql.max-nesting").doesNotContain("StackOverflowError", "cannot parse");
    }

    @Test
    void aParseErrorExitsWithThreeAndSaysWhere() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.sql"), "SELECT 1;\nSELECT FROM WHERE;\n");
        CliRunner.Run run = CliRunner.run(plugins, "sql", "inspect", "-e", "postgresql", file.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("postgresql: line 2, column 8:");
        CliRunner.Run unknown = CliRunner.run(plugins, "sql", "limit", "-e", "nosuch", "-n", "1", file.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
    }
}
