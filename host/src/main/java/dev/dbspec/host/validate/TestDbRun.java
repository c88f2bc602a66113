package dev.dbspec.host.validate;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.dialects.LimitedSql;
import dev.dbspec.dialects.SqlPipeline;
import dev.dbspec.host.Connections;
import dev.dbspec.host.secrets.Redactor;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.LiveChecks;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The live part of {@code dbspec test-db}, shared by the command and the server's {@code test-db} task: the test kit's
 * {@link LiveChecks} against one URL, through the engine's own driver and limit pipeline, every result's detail with the
 * password, the spec's secret options and any other known secret masked before anyone sees it. The kit drops the scratch
 * objects it creates ({@code dbspec_*_<suffix>}) as each check ends.
 */
public final class TestDbRun {
    /**
     * What a run found.
     *
     * @param checks         every check in the order it ran, details masked
     * @param connectFailure the first failure to open a connection, when one failed (to say why and how to fix it)
     */
    public record Outcome(List<CheckResult> checks, Optional<SQLException> connectFailure) {
        public Outcome {
            checks = List.copyOf(requireNonNull(checks, "checks is null"));
            requireNonNull(connectFailure, "connectFailure is null");
        }

        /** True when the first connection failed, so no other check ran. */
        public boolean cannotConnect() {
            return checks.size() == 1 && "connect".equals(checks.get(0).id()) && checks.get(0).failed();
        }
    }

    private final EngineSpec spec;
    private final String url;
    private final Properties properties;
    private final Optional<Path> confinement;
    private final Set<String> secretNames;
    private final Set<String> secretValues;

    /**
     * @param spec         the engine
     * @param url          the JDBC URL (already vetted by the caller)
     * @param properties   the driver properties: user, password, options
     * @param confinement  where local database files must resolve
     * @param otherSecrets secret values beyond the password and the spec's secret options (an SSH key, URL credentials)
     */
    public TestDbRun(EngineSpec spec, String url, Properties properties, Optional<Path> confinement, Collection<String> otherSecrets) {
        this.spec = requireNonNull(spec, "spec is null");
        this.url = requireNonNull(url, "url is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.confinement = requireNonNull(confinement, "confinement is null");
        this.secretNames = spec.connectionOptions().secretNames();
        Set<String> values = new HashSet<>(requireNonNull(otherSecrets, "otherSecrets is null"));
        properties.stringPropertyNames().stream()
                .filter(name -> name.equalsIgnoreCase("password") || spec.connectionOptions().isSecret(name))
                .map(properties::getProperty).forEach(values::add);
        this.secretValues = Set.copyOf(values);
    }

    /** {@code text} with every secret this run knows masked. */
    public String redact(String text) {
        return Redactor.redactText(text, secretNames, secretValues);
    }

    /** Runs every check, telling {@code finished} of each (masked) as it ends. */
    public Outcome run(Consumer<CheckResult> finished) {
        requireNonNull(finished, "finished is null");
        SqlPipeline pipeline = SqlPipeline.of(spec);
        AtomicReference<SQLException> connectFailure = new AtomicReference<>();
        LiveChecks checks = new LiveChecks(spec, () -> {
            try {
                return Connections.open(spec, url, properties, confinement);
            } catch (SQLException e) {
                connectFailure.compareAndSet(null, e);
                throw e;
            }
        })
                .withLimiter((sql, limit) -> {
                    LimitedSql limited = pipeline.applyLimit(sql, limit, false);
                    return new LiveChecks.Limited(limited.sql(), limited.executorMustStopFetching());
                })
                .withTarget(new LiveChecks.Target(url, properties, (otherUrl, otherProperties) ->
                        Connections.open(spec, otherUrl, otherProperties, confinement)));
        List<CheckResult> results = checks.runAll(result -> finished.accept(masked(result))).stream().map(this::masked).toList();
        return new Outcome(results, Optional.ofNullable(connectFailure.get()));
    }

    private CheckResult masked(CheckResult result) {
        return new CheckResult(result.id(), result.title(), result.status(), redact(result.detail()), result.millis());
    }
}
