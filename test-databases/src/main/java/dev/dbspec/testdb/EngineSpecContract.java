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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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
        spec().vetConnection(sampleUrl(), sampleCredentials(), java.util.Optional.empty());
    }

    /**
     * Each option refused by name in {@code connectionOptions()} (or the legacy {@code forbiddenUrlOptions()}) is
     * refused with its reason when written in the URL ({@link #urlWithOption}) and when given as a property, in lower,
     * upper and mixed case; and refused when escaped with a backslash, percent-encoded, spelled with a dotless
     * {@code ı}, given twice, written after another syntax's separator, hidden in the value of another option or
     * written in a host block. One dynamic test each, named after the option.
     */
    @TestFactory
    Stream<DynamicTest> everyRefusedOptionIsRefusedInEverySpelling() {
        return new AllowListChecks(this).refusedOptions();
    }

    /**
     * Each allowed option with a sample value ({@link #sampleValue}) vets in the URL and as a property, and is refused
     * when given twice (in two cases, in the URL or the properties). Options the sample URL already sets are vetted by
     * {@link #theUrlTemplateVets()}; options without a sample value (local paths, rules without one) are not tried here.
     */
    @TestFactory
    Stream<DynamicTest> everyAllowedOptionVetsWithASampleValueOnce() {
        return new AllowListChecks(this).allowedOptions();
    }

    /** An option no driver knows is refused as not on the allow-list, in the URL and as a property. */
    @Test
    void anOptionOffTheAllowListIsRefused() {
        new AllowListChecks(this).unknownOptionIsRefused();
    }

    /** Allowed options whose names say they hold a credential ({@link #holdsACredential}) and take any text are secrets. */
    @Test
    void optionsThatHoldCredentialsAreSecret() {
        new AllowListChecks(this).credentialsAreSecret();
    }

    /** Allowed options named like a class, factory, provider or plug-in do not accept a class name. */
    @Test
    void optionsNamedLikeAClassTakeNoClassName() {
        new AllowListChecks(this).classOptionsTakeNoClassName();
    }

    /** The options {@link #refusedByName()} lists are still refused by name, so none can be moved to the allowed ones unnoticed. */
    @Test
    void theOptionsTheTestNamesAreRefusedByName() {
        new AllowListChecks(this).namedRefusalsHold();
    }

    /** Each of {@link #refusedValues()} is refused in the URL and as a property, with its reason. */
    @TestFactory
    Stream<DynamicTest> refusedValuesAreRefusedWithTheirReason() {
        return new AllowListChecks(this).refusedValues();
    }

    /** Each of {@link #typicalUrls()} vets with the sample credentials. */
    @Test
    void typicalUrlsVet() {
        new AllowListChecks(this).typicalUrlsVet();
    }

    // ---- connection parameters ({@link ParameterContractChecks}) ----

    /** {@code CONNECTION_PARAMETERS} is claimed exactly when the spec has a parameter schema, and that schema is well formed. */
    @Test
    void connectionParametersMatchTheCapabilityAndAreWellFormed() {
        ParameterContractChecks checks = new ParameterContractChecks(spec(), requiredSampleOptions());
        checks.capabilityMatchesTheSchema();
        checks.schemaIsWellFormed();
    }

    /**
     * {@code SSH_TUNNELING} (a host feature, {@link dev.dbspec.tunnel.SshTunnels#claimed}) is declared only by a spec whose
     * parameters (or network server form, {@link EngineSpec#serverUrlTemplate}) have a host and a port; for such a spec the
     * sample URL rebuilt for a tunnel's local end
     * ({@link dev.dbspec.tunnel.SshTunnels#through}) reads back with {@code 127.0.0.1} and the tunnel's port and every other
     * parameter unchanged.
     */
    @Test
    void sshTunnelingNeedsAHostAndAPortAndKeepsEverythingElse() {
        EngineSpec spec = spec();
        java.util.Optional<String> unsupported = dev.dbspec.tunnel.SshTunnels.unsupportedReason(spec);
        if (spec.has(Capability.SSH_TUNNELING)) {
            assertThat(unsupported).as("SSH_TUNNELING is declared, but").isEmpty();
        }
        if (unsupported.isPresent()) {
            return;
        }
        dev.dbspec.api.ConnectionParameters schema = dev.dbspec.tunnel.SshTunnels.tunnelParameters(spec).orElseThrow();
        java.util.Map<String, Object> sample = schema.sample();
        dev.dbspec.api.ConnectionUrl built = schema.build(sample);
        spec.vetConnection(built.url(), built.toProperties(), java.util.Optional.empty());
        dev.dbspec.api.ConnectionUrl through = dev.dbspec.tunnel.SshTunnels.through(spec, built.url(), built.toProperties(), 40_001);
        java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>(schema.normalize(sample));
        expected.put("host", "127.0.0.1");
        expected.put("port", 40_001L);
        assertThat(schema.parse(through.url(), through.toProperties())).as("the URL through a tunnel " + through.url())
                .contains(expected);
        spec.vetConnection(through.url(), through.toProperties(), java.util.Optional.empty());
    }

    /** The sample parameters build a URL the spec vets, without credentials in it, and read back exactly. */
    @Test
    void sampleConnectionParametersRoundTrip() {
        new ParameterContractChecks(spec(), requiredSampleOptions()).sampleRoundTrips();
    }

    /** Each allowed option with a sample value round-trips through the parameters; secret ones are masked. */
    @TestFactory
    Stream<DynamicTest> everyOptionRoundTripsThroughTheParameters() {
        return new ParameterContractChecks(spec(), requiredSampleOptions()).everyOptionRoundTrips();
    }

    /** Hostile values in every string parameter and option are refused on their field or carried exactly. */
    @TestFactory
    Stream<DynamicTest> hostileParameterValuesAreRefusedOrCarriedExactly() {
        return new ParameterContractChecks(spec(), requiredSampleOptions()).hostileValuesAreRefusedOrCarriedExactly();
    }

    /** Validation names each refused field. */
    @Test
    void parameterValidationNamesEachField() {
        new ParameterContractChecks(spec(), requiredSampleOptions()).validationNamesEachField();
    }

    /** The URL template with sample host, port and database. */
    protected String sampleUrl() {
        return spec().urlTemplate().replace("{host}", AllowListChecks.SAMPLE_HOST).replace("{port}",
                String.valueOf(spec().defaultPort().orElse(1234))).replace("{database}", "sales")
                .replaceAll("\\{[a-z_]+}", "x");
    }

    /**
     * Options (name to sample value) every sample of the connection parameters carries: a credential this engine requires
     * on every connection besides the user and password (the vetting refuses a connection without it). None by default.
     */
    protected Map<String, String> requiredSampleOptions() {
        return Map.of();
    }

    /** A sample {@code user} and {@code password}, which every vetting in the kit passes (engines may require credentials). */
    protected java.util.Properties sampleCredentials() {
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", "sample");
        credentials.setProperty("password", "sample");
        return credentials;
    }

    /**
     * {@code url} with the option {@code name=value} added the way this engine's URLs carry options, for the
     * allow-list checks. By default from {@code connectionOptions().syntax()}: {@code QUERY} adds {@code ?name=value}
     * (or {@code &name=value} after a query), {@code SEMICOLON} adds {@code ;name=value}, and {@code NONE} gives
     * empty (options are then checked as properties only). Override it for another grammar (Db2
     * {@code /db:name=value;}, Teradata {@code /DBS_PORT=1025,name=value}...).
     */
    protected java.util.Optional<String> urlWithOption(String url, String name, String value) {
        String option = name + "=" + value;
        return switch (spec().connectionOptions().syntax()) {
            case QUERY -> java.util.Optional.of(url + (url.indexOf('?') < 0 ? "?" : "&") + option);
            case SEMICOLON -> java.util.Optional.of(url + (url.endsWith(";") ? "" : ";") + option);
            case NONE -> java.util.Optional.empty();
        };
    }

    /**
     * A value the allowed option {@code option} accepts, for the allow-list checks: by default its rule's
     * {@link dev.dbspec.api.OptionRule#sampleValue()}. Override it for an option whose rule gives none or whose
     * engine needs another value; empty leaves the option out.
     */
    protected java.util.Optional<String> sampleValue(String option) {
        return spec().connectionOptions().allowed(option).flatMap(allowed -> allowed.rule().sampleValue());
    }

    /**
     * Whether the option {@code name} holds a credential and so must be allowed as a secret: by default when its name
     * ends in password, pwd, secret, token, passcode, credentials, an access, secret or API key, or names a private
     * key. Override it for an option that only looks like one (a trace token that is an identifier).
     */
    protected boolean holdsACredential(String name) {
        return AllowListChecks.namesACredential(name);
    }

    /**
     * Options the connector's tests insist are refused by name (they load classes, touch local files, run SQL...):
     * the kit fails when one is allowed or dropped from {@code connectionOptions()}, so a dangerous option cannot be
     * moved to the allowed ones unnoticed. Empty by default.
     */
    protected java.util.Set<String> refusedByName() {
        return java.util.Set.of();
    }

    /**
     * Whether the spec reads options with the driver's own parser ({@code driverOptions} calls pgjdbc, Connector/J,
     * H2...), so that what it vets is what the driver reads: the driver then decides which of an option given twice
     * it reads, and may ignore property names it does not know or refuse them in its own words; the kit does not
     * require such specs to refuse those. {@code false} by default: the strict parsers
     * ({@code ConnectionOptions.parseStrictly} and grammar parsers written for a spec) must refuse them, because a map
     * of options keeps one of two values and the driver may read the other.
     */
    protected boolean readsOptionsWithTheDriversParser() {
        return false;
    }

    /**
     * Values the engine's rules refuse, {@code name=value} to a part of the reason the refusal must give (for example
     * {@code "sslmode=disable"} to {@code "clear text"}): each is tried in the URL and as a property. Empty by default.
     */
    protected Map<String, String> refusedValues() {
        return Map.of();
    }

    /** URLs as production deployments write them, with the options commonly set; each must vet. Empty by default. */
    protected List<String> typicalUrls() {
        return List.of();
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
