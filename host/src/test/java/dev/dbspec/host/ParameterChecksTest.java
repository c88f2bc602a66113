package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionParameters;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.ParameterChecks;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The kit's live {@code connection-parameters} check ({@link ParameterChecks}) against the live and embedded databases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParameterChecksTest {
    @TempDir
    static Path plugins;

    private DbspecHost host;

    @BeforeAll
    void start() {
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
    }

    @AfterAll
    void stop() {
        host.close();
    }

    private CheckResult run(EngineSpec spec, ParameterChecks checks) throws Exception {
        return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), checks::run);
    }

    @Test
    void passesOnTheLiveAndEmbeddedDatabases() throws Exception {
        for (String engine : List.of("postgresql", "mariadb", "mysql", "h2", "hsqldb", "derby", "sqlite", "duckdb")) {
            EngineSpec spec = host.registry().resolve(engine);
            TestDatabase database = TestDatabases.find(engine).or(() -> TestDatabases.embedded(engine)).orElseThrow();
            CheckResult result = run(spec, ParameterChecks.of(spec, database));
            assertThat(result.id()).isEqualTo(ParameterChecks.ID);
            assertThat(result.status()).as(engine + ": " + result.detail()).isEqualTo(CheckResult.Status.PASSED);
        }
    }

    @Test
    void masksThePasswordAndSecretOptionsItConnectsWith() throws Exception {
        TestDatabases.require("postgresql");
        EngineSpec spec = host.registry().resolve("postgresql");
        String password = "PcPw" + UUID.randomUUID().toString().replace("-", "");
        String sslPassword = "PcSsl" + UUID.randomUUID().toString().replace("-", "");
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", password); // trust authentication: accepted, never needed
        properties.setProperty("sslpassword", sslPassword);
        CheckResult result = run(spec, new ParameterChecks(spec, "jdbc:postgresql://127.0.0.1:5432/test?ApplicationName=dbspec", properties));
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(result.detail()).contains("2 secret value(s) masked").doesNotContain(password).doesNotContain(sslPassword);
    }

    @Test
    void failsWhenTheRebuiltUrlCannotConnect() throws Exception {
        TestDatabases.require("postgresql");
        EngineSpec spec = host.registry().resolve("postgresql");
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        CheckResult result = run(spec, new ParameterChecks(spec, "jdbc:postgresql://127.0.0.1:5432/dbspec_no_such_db_"
                + UUID.randomUUID().toString().replace("-", ""), properties));
        assertThat(result.status()).isEqualTo(CheckResult.Status.FAILED);
    }

    @Test
    void skipsAUrlOutsideTheTemplate() throws Exception {
        // H2's template describes in-memory databases only (jdbc:h2:mem:{database}): a file URL has no parameters
        EngineSpec spec = host.registry().resolve("h2");
        CheckResult result = run(spec, new ParameterChecks(spec, "jdbc:h2:file:/tmp/dbspec-params-skip", new Properties()));
        assertThat(result.status()).isEqualTo(CheckResult.Status.SKIPPED);
    }

    @Test
    void aSpecNotClaimingTheCapabilityHasNoSchema() throws Exception {
        EngineSpec h2 = host.registry().resolve("h2");
        EngineSpec without = new Delegating(h2, false);
        CheckResult passed = run(h2, new ParameterChecks(without, "jdbc:h2:mem:x", new Properties()));
        assertThat(passed.status()).as(passed.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(without.connectionParametersSchema()).isEmpty();
        // a spec that drops the capability but still offers a schema fails the check
        EngineSpec inconsistent = new Delegating(h2, true);
        CheckResult failed = run(h2, new ParameterChecks(inconsistent, "jdbc:h2:mem:x", new Properties()));
        assertThat(failed.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(failed.detail()).contains("not claimed");
    }

    /** H2's spec without {@link Capability#CONNECTION_PARAMETERS}, keeping its schema when {@code keepSchema}. */
    private record Delegating(EngineSpec delegate, boolean keepSchema) implements EngineSpec {
        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public String displayName() {
            return delegate.displayName();
        }

        @Override
        public List<String> urlPrefixes() {
            return delegate.urlPrefixes();
        }

        @Override
        public String urlTemplate() {
            return delegate.urlTemplate();
        }

        @Override
        public String driverClassName() {
            return delegate.driverClassName();
        }

        @Override
        public Set<Capability> capabilities() {
            EnumSet<Capability> capabilities = EnumSet.copyOf(delegate.capabilities());
            capabilities.remove(Capability.CONNECTION_PARAMETERS);
            return capabilities;
        }

        @Override
        public Optional<ConnectionParameters> connectionParameters() {
            return keepSchema ? delegate.connectionParameters() : EngineSpec.super.connectionParameters();
        }

        @Override
        public java.util.Map<dev.dbspec.api.TimeGrain, String> timeGrainExpressions() {
            return delegate.timeGrainExpressions();
        }
    }
}
