package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOption;
import dev.dbspec.api.ConnectionParameters;
import dev.dbspec.api.ConnectionUrl;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.InvalidParametersException;
import dev.dbspec.api.ParameterSpec;
import dev.dbspec.api.UnsafeUrlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The static checks of an engine's connection parameters ({@link EngineSpec#connectionParameters()}), without a
 * database, for every spec: the kit's {@link EngineSpecContract} runs them per connector and the host runs them for
 * every installed plugin. A spec claiming {@link Capability#CONNECTION_PARAMETERS} must have a well-formed schema whose
 * sample parameters build a URL its own vetting accepts, read back from that URL exactly, keep the user and password out
 * of the URL text, and refuse or carry exactly every hostile value; a spec not claiming it must have no schema.
 */
public final class ParameterContractChecks {
    /** Values that separate, escape, hide or smuggle options and credentials in one URL syntax or another. */
    public static final List<String> HOSTILE_VALUES = List.of(
            "sales;INIT=RUNSCRIPT", "sales&allowLoadLocalInfile=true", "sales?socketFactory=x", "sales/../other", "user@evil.example",
            "sales%3BINIT%3Dx", "sales\nINIT=x", "sal\u00e9s", "\u6570\u636e", "a b", "sales:memory", "sales\\;x", "sales,DBS_PORT=1",
            "sales#frag", "(sales)", "sales=1", "");

    private final EngineSpec spec;
    private final Map<String, String> requiredOptions;

    public ParameterContractChecks(EngineSpec spec) {
        this(spec, Map.of());
    }

    /**
     * @param requiredOptions options every sample carries besides the parameters: a credential the engine requires on
     *                        every connection (Spanner's {@code oauthToken}, without which its driver would sign in as
     *                        this host), as {@link EngineSpecContract#requiredSampleOptions} says
     */
    public ParameterContractChecks(EngineSpec spec, Map<String, String> requiredOptions) {
        this.spec = requireNonNull(spec, "spec is null");
        this.requiredOptions = Map.copyOf(requireNonNull(requiredOptions, "requiredOptions is null"));
    }

    /** The sample parameters with the required options, and {@code options} (which win over them). */
    private Map<String, Object> sample(ConnectionParameters parameters, Map<String, Object> options) {
        Map<String, Object> sample = new LinkedHashMap<>(parameters.sample());
        if (!requiredOptions.isEmpty() || !options.isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>();
            requiredOptions.forEach((name, value) -> merged.put(name, parameters.optionValue(name, value)));
            merged.putAll(options);
            sample.put(ConnectionParameters.OPTIONS, merged);
        }
        return sample;
    }

    /** {@link Capability#CONNECTION_PARAMETERS} is claimed exactly when the spec has parameters and a schema. */
    public void capabilityMatchesTheSchema() {
        assertThat(spec.connectionParameters().isPresent()).as(spec.id() + ": connectionParameters() present exactly when CONNECTION_PARAMETERS is claimed")
                .isEqualTo(spec.has(Capability.CONNECTION_PARAMETERS));
        assertThat(spec.connectionParametersSchema().isPresent()).as(spec.id() + ": a JSON Schema exactly when the capability is claimed")
                .isEqualTo(spec.has(Capability.CONNECTION_PARAMETERS));
        if (!spec.has(Capability.CONNECTION_PARAMETERS)) {
            assertThat(spec.validateParameters(Map.of())).as(spec.id() + ": without parameters, parameters are refused").containsKey("parameters");
            assertThatThrownBy(() -> spec.buildUrl(Map.of())).isInstanceOf(InvalidParametersException.class);
        }
    }

    /**
     * The schema's structure, checked without a validator library: the 2020-12 dialect, an object with no other
     * properties, a known JSON type on every property, required names among the properties, patterns that compile,
     * secrets write-only, {@code password} secret, {@code options} an object of the allow-list's options.
     */
    @SuppressWarnings("unchecked")
    public void schemaIsWellFormed() {
        Optional<ConnectionParameters> parameters = spec.connectionParameters();
        if (parameters.isEmpty()) {
            return;
        }
        Map<String, Object> schema = parameters.get().jsonSchema();
        assertThat(schema).containsEntry("$schema", ConnectionParameters.DIALECT).containsEntry("type", "object")
                .containsEntry("additionalProperties", false);
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        assertThat(properties).as(spec.id() + ": properties").containsKeys(ConnectionParameters.USERNAME, ConnectionParameters.PASSWORD,
                ConnectionParameters.OPTIONS);
        assertThat((List<String>) schema.get("required")).as(spec.id() + ": required names are properties").isSubsetOf(properties.keySet());
        Map<String, Object> options = (Map<String, Object>) properties.get(ConnectionParameters.OPTIONS);
        assertThat(options).containsEntry("type", "object").containsEntry("additionalProperties", false);
        Map<String, Object> optionProperties = (Map<String, Object>) options.get("properties");
        properties.forEach((name, property) -> {
            if (!name.equals(ConnectionParameters.OPTIONS)) {
                checkProperty(name, (Map<String, Object>) property);
            }
        });
        optionProperties.forEach((name, property) -> checkProperty("options." + name, (Map<String, Object>) property));
        assertThat(((Map<String, Object>) properties.get(ConnectionParameters.PASSWORD))).containsEntry("writeOnly", true);
        for (ConnectionOption option : spec.connectionOptions().allowedOptions().values()) {
            Map<String, Object> property = (Map<String, Object>) optionProperties.get(option.name());
            if (property != null) {
                assertThat(property.containsKey("writeOnly")).as(spec.id() + ": option " + option.name() + " is write-only exactly when secret")
                        .isEqualTo(option.secret());
            }
        }
        assertThat(optionProperties.keySet()).as(spec.id() + ": options are on the allow-list")
                .allSatisfy(name -> assertThat(spec.connectionOptions().allowed(name)).isPresent());
        assertThat(parameters.get().jsonSchemaText()).startsWith("{\"$schema\":\"" + ConnectionParameters.DIALECT + "\"");
    }

    private void checkProperty(String name, Map<String, Object> property) {
        assertThat(property.get("type")).as(spec.id() + ": type of " + name).isIn("string", "integer", "boolean");
        assertThat(property.get("description")).as(spec.id() + ": description of " + name).isInstanceOf(String.class);
        Object pattern = property.get("pattern");
        if (pattern != null) {
            Pattern.compile((String) pattern);
        }
        if (property.containsKey("minimum") && property.containsKey("maximum")) {
            assertThat((Long) property.get("minimum")).as(spec.id() + ": range of " + name).isLessThanOrEqualTo((Long) property.get("maximum"));
        }
    }

    /**
     * The sample parameters (a distinct password) build a URL the spec's vetting accepts, with neither the user name nor
     * the password in the URL text, and read back from that URL and its properties to the same canonical parameters.
     */
    public void sampleRoundTrips() {
        Optional<ConnectionParameters> parameters = spec.connectionParameters();
        if (parameters.isEmpty()) {
            return;
        }
        Map<String, Object> sample = sample(parameters.get(), Map.of());
        sample.put(ConnectionParameters.USERNAME, "kituser");
        sample.put(ConnectionParameters.PASSWORD, "Kit-Pw;&?/@%\u00e9");
        assertThat(spec.validateParameters(sample)).as(spec.id() + ": the sample parameters are valid").isEmpty();
        ConnectionUrl built = spec.buildUrl(sample);
        spec.vetConnection(built.url(), built.toProperties(), Optional.empty());
        assertThat(built.url()).as(spec.id() + ": credentials stay out of the URL").doesNotContain("kituser").doesNotContain("Kit-Pw");
        assertThat(built.properties()).containsEntry("user", "kituser").containsEntry("password", "Kit-Pw;&?/@%\u00e9");
        assertThat(spec.parametersFromUrl(built.url(), built.toProperties())).as(spec.id() + ": parametersFromUrl(buildUrl(p))")
                .contains(parameters.get().normalize(sample));
        Map<String, Object> masked = parameters.get().mask(parameters.get().normalize(sample));
        assertThat(masked).containsEntry(ConnectionParameters.PASSWORD, ConnectionParameters.MASK);
        assertThat(masked.toString()).doesNotContain("Kit-Pw");
    }

    /**
     * Each allowed option with a sample value its spec vets as a property, alone beside the sample parameters, builds a vetted URL and reads back
     * exactly; a secret option is masked. One dynamic test per option.
     */
    @SuppressWarnings("unchecked")
    public Stream<DynamicTest> everyOptionRoundTrips() {
        Optional<ConnectionParameters> parameters = spec.connectionParameters();
        if (parameters.isEmpty()) {
            return Stream.empty();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (ParameterSpec option : parameters.get().options()) {
            Optional<String> sampleValue = spec.connectionOptions().allowed(option.name()).flatMap(allowed -> allowed.rule().sampleValue());
            if (sampleValue.isEmpty() || !vetsAsAProperty(parameters.get(), option.name(), sampleValue.get())) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(spec.id() + " option " + option.name(), () -> {
                Map<String, Object> sample = sample(parameters.get(), Map.of(option.name(),
                        parameters.get().optionValue(option.name(), sampleValue.get())));
                ConnectionUrl built = spec.buildUrl(sample);
                assertThat(spec.parametersFromUrl(built.url(), built.toProperties())).as(spec.id() + ": option " + option.name() + " round-trips")
                        .contains(parameters.get().normalize(sample));
                Map<String, Object> masked = parameters.get().mask(parameters.get().normalize(sample));
                if (option.secret()) {
                    assertThat((Map<Object, Object>) masked.get(ConnectionParameters.OPTIONS)).containsEntry(option.name(), ConnectionParameters.MASK);
                }
            }));
        }
        return tests.stream();
    }

    /**
     * Whether the spec's own vetting accepts {@code value} for {@code option} as a property beside the sample URL: rule
     * samples some drivers cannot read ({@code sample} as an H2 time zone) are the allow-list checks' business
     * ({@link EngineSpecContract#sampleValue}), not the parameters'.
     */
    private boolean vetsAsAProperty(ConnectionParameters parameters, String option, String value) {
        ConnectionUrl plain = parameters.build(sample(parameters, Map.of()));
        Properties properties = plain.toProperties();
        properties.setProperty(option, value);
        try {
            spec.vetConnection(plain.url(), properties, Optional.empty());
            return true;
        } catch (UnsafeUrlException e) {
            return false;
        }
    }

    /**
     * Every {@link #HOSTILE_VALUES hostile value} in every string parameter (host, database, path...) and in a text
     * option and every secret option is either refused on that field, without the value in the message, or carried
     * exactly: it reads back unchanged from the URL and properties, and for an option the spec's own reading of what
     * the driver sees ({@link EngineSpec#driverOptions}, the driver's parser where the spec bundles it) holds exactly
     * that value. One dynamic test per field.
     */
    public Stream<DynamicTest> hostileValuesAreRefusedOrCarriedExactly() {
        Optional<ConnectionParameters> parameters = spec.connectionParameters();
        if (parameters.isEmpty()) {
            return Stream.empty();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (ParameterSpec parameter : parameters.get().parameters()) {
            if (parameter.type() == dev.dbspec.api.ParameterType.STRING && !parameter.secret()) {
                tests.add(DynamicTest.dynamicTest(spec.id() + " hostile " + parameter.name(), () -> {
                    for (String value : HOSTILE_VALUES) {
                        Map<String, Object> sample = sample(parameters.get(), Map.of());
                        sample.put(parameter.name(), value);
                        refusedOrCarried(parameters.get(), sample, parameter.name(), value,
                                parameter.name().equals(ConnectionParameters.USERNAME) ? Optional.of("user") : Optional.empty());
                    }
                }));
            }
        }
        List<ParameterSpec> options = new ArrayList<>();
        parameters.get().options().stream().filter(option -> option.type() == dev.dbspec.api.ParameterType.STRING && !option.secret()
                && option.allowedValues().isEmpty() && option.pattern().isPresent()).findFirst().ifPresent(options::add);
        parameters.get().options().stream().filter(ParameterSpec::secret).forEach(options::add);
        for (ParameterSpec option : options) {
            tests.add(DynamicTest.dynamicTest(spec.id() + " hostile option " + option.name(), () -> {
                for (String value : HOSTILE_VALUES) {
                    Map<String, Object> sample = sample(parameters.get(), Map.of(option.name(), value));
                    refusedOrCarried(parameters.get(), sample, "options." + option.name(), value, Optional.of(option.name()));
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest(spec.id() + " hostile password", () -> {
            for (String value : HOSTILE_VALUES) {
                Map<String, Object> sample = sample(parameters.get(), Map.of());
                sample.put(ConnectionParameters.PASSWORD, value);
                refusedOrCarried(parameters.get(), sample, ConnectionParameters.PASSWORD, value, Optional.of("password"));
            }
        }));
        return tests.stream();
    }

    private void refusedOrCarried(ConnectionParameters parameters, Map<String, Object> sample, String field, String value,
                                  Optional<String> driverOption) {
        ConnectionUrl built;
        try {
            built = spec.buildUrl(sample);
        } catch (InvalidParametersException e) {
            // on its own field, or on the URL as a whole when the spec's vetting refuses the combination (Athena wants a key with a secret)
            assertThat(e.fieldErrors().keySet()).as(spec.id() + ": " + field + " refused on its own field").containsAnyOf(field, "url");
            if (value.length() > 2) {
                assertThat(e.getMessage()).as(spec.id() + ": the refusal does not quote the value").doesNotContain(value);
            }
            return;
        }
        assertThat(spec.parametersFromUrl(built.url(), built.toProperties())).as(spec.id() + ": " + field + " carried exactly: "
                + printable(value)).contains(parameters.normalize(sample));
        if (driverOption.isPresent()) {
            Map<String, String> read = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            try {
                read.putAll(spec.driverOptions(built.url(), built.toProperties()));
            } catch (UnsafeUrlException e) {
                throw new AssertionError(spec.id() + ": buildUrl gave a URL the driver's reading refuses: " + e.getMessage());
            }
            assertThat(read.get(driverOption.get())).as(spec.id() + ": the driver reads " + field + " exactly: " + printable(value))
                    .isEqualTo(value);
        } else {
            assertThat(built.url()).as(spec.id() + ": a carried value is in the URL as given").contains(value);
        }
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? Character.toString(cp) : String.format(Locale.ROOT, "\\u%04X", cp)));
        return out.toString();
    }

    /**
     * Validation answers one error per refused field: a missing required parameter, a port of the wrong type and out of
     * range, an unknown parameter, an option off the allow-list, an option refused by name.
     */
    public void validationNamesEachField() {
        Optional<ConnectionParameters> parameters = spec.connectionParameters();
        if (parameters.isEmpty()) {
            return;
        }
        Map<String, Object> sample = new LinkedHashMap<>(parameters.get().sample());
        List<String> required = parameters.get().parameters().stream().filter(p -> p.required() && p.defaultValue().isEmpty())
                .map(ParameterSpec::name).toList();
        required.forEach(sample::remove);
        sample.put("nosuchparameter", "x");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("dbspecNoSuchOption", "x");
        spec.connectionOptions().refusedOptions().keySet().stream().findFirst().ifPresent(refused -> options.put(refused, "x"));
        sample.put(ConnectionParameters.OPTIONS, options);
        boolean hasPort = parameters.get().parameters().stream().anyMatch(p -> p.name().equals("port"));
        if (hasPort) {
            sample.put("port", 70000);
        }
        Map<String, String> errors = spec.validateParameters(sample);
        assertThat(errors).as(spec.id() + ": one error per field").containsKeys("nosuchparameter", "options.dbspecNoSuchOption");
        required.forEach(name -> assertThat(errors).as(spec.id() + ": required " + name).containsEntry(name, "is required"));
        spec.connectionOptions().refusedOptions().keySet().stream().findFirst().ifPresent(refused ->
                assertThat(errors).containsKey("options." + refused));
        if (hasPort) {
            assertThat(errors.get("port")).contains("65535");
            sample.put("port", "5432");
            assertThat(spec.validateParameters(sample).get("port")).contains("integer");
        }
        Map<String, String> finalErrors = spec.validateParameters(sample);
        assertThatThrownBy(() -> spec.buildUrl(sample)).isInstanceOfSatisfying(InvalidParametersException.class,
                e -> assertThat(e.fieldErrors()).isEqualTo(finalErrors));
    }

    /** Names of the secret parameters and options of {@code spec}, for tests that look for masked values. */
    public static Set<String> secretNames(EngineSpec spec) {
        Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.add(ConnectionParameters.PASSWORD);
        names.addAll(spec.connectionOptions().secretNames());
        return names;
    }

    /** {@code properties} as a map, for messages. */
    static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
