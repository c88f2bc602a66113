package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.api.TimeGrain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    static Path plugins;


    @BeforeAll
    static void plugins() {
        TestPluginJars.copyBuiltPlugins(plugins);
        TestPluginJars.engine("static-init", "dev.test.cli", "broken", "jdbc:broken:",
                "static { if (true) throw new IllegalStateException(\"boom\"); }").writeTo(plugins);
    }

    static CliRunner.Run run(String... args) {
        return CliRunner.run(plugins, args);
    }

    @Test
    void enginesJsonHasEveryField() throws Exception {
        CliRunner.Run run = run("engines", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode engines = new ObjectMapper().readTree(run.out());
        assertThat(engines.isArray()).isTrue();
        List<String> ids = new ArrayList<>();
        for (JsonNode engine : engines) {
            ids.add(engine.get("id").asText());
            assertThat(engine.fieldNames()).toIterable().containsExactly(
                    "id", "name", "plugin", "pluginVersion", "state", "reason", "limitMethod", "grains", "urlPrefixes", "connectionOptions", "validation",
                    "validatedVersion", "driver");
        }
        assertThat(ids).contains("h2", "postgresql", "sqlite", "static-init").isSorted();
        JsonNode h2 = byField(engines, "id", "h2");
        assertThat(h2.get("state").asText()).isEqualTo("STARTED");
        assertThat(h2.get("reason").isNull()).isTrue();
        assertThat(h2.at("/connectionOptions/syntax").asText()).isEqualTo("SEMICOLON");
        assertThat(h2.at("/connectionOptions/allowed/MODE").asText()).startsWith("one of");
        assertThat(h2.at("/connectionOptions/refused/init").asText()).contains("runs SQL");
        assertThat(h2.get("limitMethod").asText()).isEqualTo("FORCE_LIMIT");
        assertThat(h2.get("grains")).hasSize(TimeGrain.values().length);
        assertThat(h2.get("grains").get(0).asText()).isEqualTo("PT1S");
        assertThat(h2.get("urlPrefixes").get(0).asText()).isEqualTo("jdbc:h2:");
        assertThat(h2.at("/driver/present").asBoolean()).isTrue();
        assertThat(h2.get("validation").asText()).isEqualTo("live");
        assertThat(byField(engines, "id", "presto").get("validation").asText()).isEqualTo("spec-only");
        // the version from validated-versions.tsv, which each live plugin's kit checks against the running engine
        assertThat(h2.get("validatedVersion").asText()).isEqualTo("H2 2.3.232");
        assertThat(byField(engines, "id", "postgresql").get("validatedVersion").asText()).isEqualTo("PostgreSQL 15.x");
        assertThat(byField(engines, "id", "presto").get("validatedVersion").isNull()).isTrue();
        assertThat(h2.at("/driver/installCommand").isNull()).isTrue();
        assertThat(byField(engines, "id", "presto").at("/driver/present").asBoolean()).isFalse();
        assertThat(byField(engines, "id", "presto").at("/driver/installCommand").asText()).isEqualTo("dbspec drivers install presto");
        JsonNode broken = byField(engines, "id", "static-init");
        assertThat(broken.get("state").asText()).isEqualTo("FAILED");
        assertThat(broken.get("reason").asText()).contains("boom");
    }

    private static JsonNode byField(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.get(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    @Test
    void enginesTableShowsStatesAndReasons() {
        CliRunner.Run run = run("engines");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ID", "STATE", "postgresql", "STARTED", "FAILED", "Not started:", "static-init: ", "boom", "DRIVER")
                .containsPattern("presto\\s.*missing").containsPattern("h2\\s.*present")
                .containsPattern("Driver missing \\(install it with `dbspec drivers install ID`\\): .*presto");
    }

    @Test
    void grainsListsTemplates() throws Exception {
        CliRunner.Run run = run("grains", "--engine", "postgres", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode document = new ObjectMapper().readTree(run.out());
        assertThat(document.get("engine").asText()).isEqualTo("postgresql");
        JsonNode first = document.get("grains").get(0);
        assertThat(first.get("iso").asText()).isEqualTo("PT1S");
        assertThat(first.get("sql").asText()).isEqualTo("DATE_TRUNC('second', {col})");

        CliRunner.Run table = run("grains", "-e", "sqlite");
        assertThat(table.out()).contains("SQLite (sqlite): 21 of 21 time grains", "Week ending Sunday", "'weekday 0'");
    }

    @Test
    void driversReportsPresenceAndCoordinates() throws Exception {
        CliRunner.Run run = run("drivers", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode drivers = new ObjectMapper().readTree(run.out());
        assertThat(drivers.size()).isGreaterThanOrEqualTo(3);
        JsonNode postgresql = byField(drivers, "engine", "postgresql");
        assertThat(postgresql.get("engine").asText()).isEqualTo("postgresql");
        assertThat(postgresql.get("driverClass").asText()).isEqualTo("org.postgresql.Driver");
        assertThat(postgresql.get("present").asBoolean()).isTrue();
        assertThat(postgresql.get("bundled").asBoolean()).isTrue();
        assertThat(postgresql.get("mavenCoordinates").asText()).startsWith("org.postgresql:postgresql:");
        assertThat(run("drivers").out()).contains("ENGINE", "PRESENT", "org.sqlite.JDBC");
    }

    @Test
    void unknownEngineExitsWithTwoAndListsKnownIds() {
        CliRunner.Run run = run("grains", "--engine", "nosuchengine");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown engine 'nosuchengine'", "known: ", "h2", "postgresql", "sqlite");
    }

    @Test
    void versionAndHelpOnEveryCommand() {
        CliRunner.Run version = run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).matches("(?s)dbspec \\S+ \\(SPI " + java.util.regex.Pattern.quote(dev.dbspec.api.SpiVersion.CURRENT) + "\\).*");
        for (String command : new String[] {"engines", "grains", "drivers"}) {
            CliRunner.Run help = run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: dbspec " + command);
        }
        CliRunner.Run missingOption = run("grains");
        assertThat(missingOption.exitCode()).isEqualTo(2);
        assertThat(missingOption.err()).contains("--engine");
    }

    /**
     * A run builds only the subcommand it runs; help, a bare {@code dbspec} and an unknown command still list every one,
     * and the inherited {@code --plugins-dir} reaches the one built alone (the tests above pass it before the command).
     */
    @Test
    void onlyTheCommandRunIsBuiltAndHelpListsThemAll() {
        assertThat(dev.dbspec.host.cli.DbspecCommand.commandLine("--plugins-dir", "x", "engines", "--json").getSubcommands())
                .containsOnlyKeys("engines");
        assertThat(dev.dbspec.host.cli.DbspecCommand.commandLine("--plugins-dir=x", "test-db", "jdbc:h2:mem:x").getSubcommands())
                .containsOnlyKeys("test-db");
        for (String[] all : new String[][] {{}, {"help", "engines"}, {"--help"}, {"--version"}, {"nosuchcommand"}}) {
            assertThat(dev.dbspec.host.cli.DbspecCommand.commandLine(all).getSubcommands()).as(String.join(" ", all))
                    .containsKeys("engines", "grains", "drivers", "test-db", "matrix", "sql", "serve", "worker", "upload", "users",
                            "tokens", "secrets", "help");
        }
        dev.dbspec.host.cli.DbspecCommand.commandLine().getSubcommands().forEach((name, sub) ->
                assertThat(sub.getCommandSpec().userObject().getClass().getAnnotation(picocli.CommandLine.Command.class).name())
                        .as("the name a subcommand is registered under is its own").isEqualTo(name));
        CliRunner.Run help = run("help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("engines", "test-db", "serve", "worker", "upload", "users", "tokens", "secrets");
        CliRunner.Run unknown = run("nosuchcommand");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("nosuchcommand");
        CliRunner.Run usersHelp = run("users", "--help");
        assertThat(usersHelp.out()).contains("add", "list");
    }
}
