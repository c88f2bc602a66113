package dev.dbspec.testdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The static half of the conformance kit: checks an engine spec's declarations without a database.
 * Spec-only connectors (driver not runnable in the build) extend this; connectors with a live database
 * extend {@link EngineSpecConformance}, which adds the live checks.
 */
public abstract class EngineSpecContract {

    /** The spec under test. */
    protected abstract EngineSpec spec();

    @Test
    void identityIsWellFormed() {
        EngineSpec spec = spec();
        assertThat(spec.id()).as("engine id").matches("[a-z][a-z0-9_]*");
        assertThat(spec.displayName()).as("display name").isNotBlank();
        assertThat(spec.urlPrefixes()).as("URL prefixes").isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("jdbc:"));
        assertThat(spec.urlPrefixes()).as("the URL template starts with a declared prefix")
                .anySatisfy(p -> assertThat(spec.urlTemplate()).startsWith(p));
        assertThat(spec.driverClassName()).as("driver class").matches("[\\w.$]+");
        assertThat(spec.aliases()).as("aliases differ from the id").doesNotContain(spec.id());
    }

    @Test
    void grainTemplatesUseTheColumnPlaceholder() {
        assertThat(spec().timeGrainExpressions()).as("time grains").isNotEmpty();
        spec().timeGrainExpressions().forEach((grain, template) ->
                assertThat(template).as("template of " + grain.iso()).contains("{col}"));
    }

    @Test
    void discoverableByPf4jAndServiceLoader() throws IOException {
        String className = spec().getClass().getName();
        ClassLoader loader = spec().getClass().getClassLoader();
        assertThat(resourceLines(loader, "META-INF/extensions.idx"))
                .as("PF4J index META-INF/extensions.idx (annotate the class with @Extension)").contains(className);
        assertThat(resourceLines(loader, "META-INF/services/" + EngineSpec.class.getName()))
                .as("ServiceLoader file META-INF/services/" + EngineSpec.class.getName()).contains(className);
    }

    @Test
    void cancellationDeclarationsAreConsistent() {
        EngineSpec spec = spec();
        assertThat(spec.cancelMethod() != CancelMethod.NONE)
                .as("Capability.CANCEL is claimed exactly when cancelMethod() is not NONE")
                .isEqualTo(spec.has(Capability.CANCEL));
        if (spec.cancelMethod() == CancelMethod.KILL_STATEMENT) {
            assertThat(spec.sessionIdSql()).as("sessionIdSql for KILL_STATEMENT").isPresent();
            assertThat(spec.killStatementSql()).as("killStatementSql for KILL_STATEMENT").get().asString().contains("{id}");
        }
    }

    @Test
    void declaredFactsAreWellFormed() {
        EngineSpec spec = spec();
        spec.forbiddenUrlOptions().forEach((option, reason) -> {
            assertThat(option).as("forbidden URL options are keyed in lower case").isEqualTo(option.toLowerCase(Locale.ROOT));
            assertThat(reason).as("reason for " + option).isNotBlank();
        });
        spec.epochSecondsToDatetime().ifPresent(t -> assertThat(t).as("epoch seconds template").contains("{col}"));
        spec.epochMillisToDatetime().ifPresent(t -> assertThat(t).as("epoch millis template").contains("{col}"));
        spec.driverArtifact().ifPresent(artifact -> assertThat(artifact.mavenCoordinates()).as("driver coordinates")
                .startsWith(artifact.mavenCoordinates().split(":")[0]).contains(":"));
        for (TemporalType type : TemporalType.values()) {
            if (spec.datetimeLiterals().supports(type)) {
                assertThat(spec.datetimeLiteral(type, sample(type))).as("literal for " + type).get().asString().isNotBlank();
            }
        }
    }

    /**
     * Every option the bundled driver knows ({@code Driver.getPropertyInfo}, plus
     * {@link #documentedDriverOptions()}) is either allowed with a rule or refused with a reason: the
     * connector's author has decided on each one, and a driver upgrade that adds an option fails here.
     */
    @Test
    void everyOptionTheBundledDriverKnowsIsAllowedOrRefused() throws Exception {
        EngineSpec spec = spec();
        if (spec.driverArtifact().map(artifact -> !artifact.bundled()).orElse(true)) {
            return; // spec-only: the list is written from the driver's documentation
        }
        java.util.Set<String> known = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (java.sql.DriverPropertyInfo info : spec.loadDriver().getPropertyInfo(sampleUrl(), new java.util.Properties())) {
            known.add(info.name);
        }
        known.addAll(documentedDriverOptions());
        dev.dbspec.api.ConnectionOptions options = spec.connectionOptions();
        List<String> undecided = known.stream()
                .filter(name -> options.allowed(name).isEmpty() && options.refusal(name).isEmpty()
                        && !spec.forbiddenUrlOptions().containsKey(name.toLowerCase(Locale.ROOT)))
                .toList();
        assertThat(undecided).as(spec.id() + ": driver options neither allowed nor refused in connectionOptions()").isEmpty();
        options.refusedOptions().forEach((name, reason) -> assertThat(reason).as("reason for refusing " + name).isNotBlank());
    }

    /** The URL template with sample values, a user and a password vets: a spec that refuses its own template is unusable. */
    @Test
    void theUrlTemplateVets() {
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", "sample");
        credentials.setProperty("password", "sample");
        spec().vetConnection(sampleUrl(), credentials, java.util.Optional.empty());
    }

    /** The URL template with sample host, port and database. */
    protected String sampleUrl() {
        return spec().urlTemplate().replace("{host}", "db.example.com").replace("{port}",
                String.valueOf(spec().defaultPort().orElse(1234))).replace("{database}", "sales")
                .replaceAll("\\{[a-z_]+}", "x");
    }

    /** Options the driver documents but does not list in getPropertyInfo (H2's settings, Derby's attributes). */
    protected java.util.Set<String> documentedDriverOptions() {
        return java.util.Set.of();
    }

    /** A fixed sample value of {@code type}: 2019-01-02 03:04:05.678 (+02:00 with a zone). */
    protected static TemporalAccessor sample(TemporalType type) {
        LocalDateTime timestamp = LocalDateTime.of(2019, 1, 2, 3, 4, 5, 678_000_000);
        return switch (type) {
            case DATE -> LocalDate.of(2019, 1, 2);
            case TIME -> LocalTime.of(3, 4, 5);
            case TIMESTAMP -> timestamp;
            case TIMESTAMP_WITH_TIME_ZONE -> OffsetDateTime.of(timestamp, ZoneOffset.ofHours(2));
        };
    }

    static List<String> resourceLines(ClassLoader loader, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        for (URL url : Collections.list(loader.getResources(name))) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(lines::add);
            }
        }
        return lines;
    }
}
