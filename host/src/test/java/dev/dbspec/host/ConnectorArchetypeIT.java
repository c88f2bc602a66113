package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector archetype, as a connector author uses it: {@code archetype:generate} from the archetype the reactor
 * installed (test-databases/connector-archetype, a dependency of this module so it is built and installed first) makes
 * a connector for "AcmePG", a made-up engine served by PostgreSQL's driver under its own prefix {@code jdbc:acmepg:};
 * the generated project, unedited, builds outside the reactor, passes the conformance kit against the local PostgreSQL
 * ({@code DBSPEC_TEST_ACMEPG_URL}) and the kit's packaging contract on its zip, and the zip is STARTED by the distribution.
 */
class ConnectorArchetypeIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String ENGINE = "acmepg";

    @Test
    void generatedConnectorBuildsPassesTheKitAndLoads(@TempDir Path work) throws Exception {
        TestDatabase postgres = TestDatabases.require("postgresql");
        assertThat(postgres.jdbcUrl()).startsWith("jdbc:postgresql:");
        String url = "jdbc:acmepg:" + postgres.jdbcUrl().substring("jdbc:postgresql:".length());

        maven(work, Map.of(), "org.apache.maven.plugins:maven-archetype-plugin:" + property("dbspec.archetype.plugin.version") + ":generate",
                "-DarchetypeGroupId=dev.dbspec", "-DarchetypeArtifactId=dbspec-connector-archetype",
                "-DarchetypeVersion=" + property("dbspec.version"),
                "-DgroupId=com.acme.dbspec", "-DartifactId=dbspec-acmepg", "-Dversion=1.0.0", "-Dpackage=com.acme.dbspec",
                "-Dengine=" + ENGINE, "-DengineName=AcmePG",
                "-DdriverClass=org.postgresql.Driver", "-DdriverGroupId=org.postgresql", "-DdriverArtifactId=postgresql",
                "-DdriverVersion=" + property("dbspec.postgresql.version"), "-DdriverLicense=BSD-2-Clause",
                "-DdriverUrlPrefix=jdbc:postgresql:", "-DdefaultPort=5432", "-DidentifierCase=LOWER",
                "-Dcapabilities=CATALOGS,DYNAMIC_SCHEMA");
        Path project = work.resolve("dbspec-acmepg");
        assertThat(project.resolve("src/main/java/com/acme/dbspec/AcmepgEngineSpec.java")).exists();

        // The kit's database, by the variables the generated README names; REQUIRE turns a missing one into a failure.
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "DBSPEC_TEST_ACMEPG_URL", url, TestDatabases.REQUIRE_VARIABLE, ENGINE));
        postgres.user().ifPresent(user -> environment.put("DBSPEC_TEST_ACMEPG_USER", user));
        postgres.password().ifPresent(password -> environment.put("DBSPEC_TEST_ACMEPG_PASSWORD", password));
        maven(work, environment, "-f", project.resolve("pom.xml").toString(), "verify");

        String kit = Files.readString(project.resolve("target/surefire-reports/TEST-com.acme.dbspec.AcmepgConformanceTest.xml"));
        assertThat(kit).contains("failures=\"0\"").contains("errors=\"0\"").doesNotContain("no acmepg test database");
        assertThat(Integer.parseInt(kit.replaceAll("(?s).*?tests=\"(\\d+)\".*", "$1"))).as("kit checks run").isGreaterThan(100);
        String packaging = Files.readString(project.resolve("target/failsafe-reports/TEST-com.acme.dbspec.AcmepgPackagingIT.xml"));
        assertThat(packaging).contains("tests=\"1\"").contains("failures=\"0\"").contains("errors=\"0\"").contains("skipped=\"0\"");

        Path plugins = Files.createDirectories(work.resolve("plugins"));
        TestPluginJars.copyTree(Path.of(System.getProperty("dbspec.dist.dir", "target/dbspec")).resolve("plugins"), plugins);
        ExampleConnectorIT.unzip(project.resolve("target/dbspec-acmepg-1.0.0.zip"), plugins);
        assertThat(plugins.resolve("acmepg/lib/postgresql-" + property("dbspec.postgresql.version") + ".jar")).as("driver in the zip").exists();

        DistributionIT.Result engines = ExampleConnectorIT.dbspec(plugins, "engines", "--json");
        assertThat(engines.exitCode()).as(engines.err()).isZero();
        JsonNode acmepg = null;
        for (JsonNode engine : new ObjectMapper().readTree(engines.out())) {
            assertThat(engine.get("state").asText()).as(engine.toString()).isEqualTo("STARTED");
            if (engine.get("id").asText().equals(ENGINE)) {
                acmepg = engine;
            }
        }
        assertThat(acmepg).as("acmepg listed").isNotNull();
        assertThat(acmepg.get("pluginVersion").asText()).isEqualTo("1.0.0");

        List<String> testDb = new ArrayList<>(List.of("test-db", url));
        postgres.user().ifPresent(user -> testDb.addAll(List.of("--user", user)));
        if (postgres.password().isPresent()) {
            testDb.addAll(List.of("--password-env", "DBSPEC_TEST_POSTGRESQL_PASSWORD")); // inherited by the launcher
        }
        DistributionIT.Result checked = ExampleConnectorIT.dbspec(plugins, testDb.toArray(String[]::new));
        assertThat(checked.exitCode()).as(checked.out() + checked.err()).isZero();
        assertThat(checked.out()).contains("AcmePG (acmepg), third-party plugin (com.acme.dbspec)", "-> PASSED");
    }

    /** The wrapper's Maven in {@code directory}, on the local repository this build uses (where the reactor installed dbspec). */
    private static void maven(Path directory, Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B", "-q"));
        command.addAll(List.of(arguments));
        Optional.ofNullable(System.getProperty("maven.repo.local")).ifPresent(repo -> command.add("-Dmaven.repo.local=" + repo));
        Path log = Files.createTempFile(directory, "maven", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("mvn " + String.join(" ", arguments) + " finished").isTrue();
        assertThat(process.exitValue()).as("mvn " + arguments[arguments.length - 1] + ":\n" + Files.readString(log)).isZero();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by host's failsafe configuration)").isNotBlank();
        return value;
    }
}
