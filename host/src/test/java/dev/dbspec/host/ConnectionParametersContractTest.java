package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionParameters;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.testdb.ParameterContractChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's connection-parameter contract ({@link ParameterContractChecks}) for every installed plugin, run inside the
 * host with each plugin's own class loader and bundled driver, plus what the kit cannot do without a JSON library: each
 * schema is validated against the JSON Schema 2020-12 meta-schema by a validator library (networknt), and then used as a
 * schema: the sample parameters conform to it, wrong types, an out-of-range port and unknown names do not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionParametersContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path plugins;

    private DbspecHost host;
    private SchemaRegistry registry;
    private Schema metaSchema;

    @BeforeAll
    void start() {
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        metaSchema = registry.getSchema(SchemaLocation.of(ConnectionParameters.DIALECT));
    }

    @AfterAll
    void stop() {
        host.close();
    }

    private List<EngineSpec> specs() {
        return host.registry().specs().stream().sorted(java.util.Comparator.comparing(EngineSpec::id)).toList();
    }

    /** All 77 engines are installed, and every one claims the capability through the default template reading. */
    @Test
    void everyEngineHasConnectionParameters() {
        List<EngineSpec> specs = specs();
        assertThat(specs).hasSize(77);
        List<String> without = specs.stream().filter(spec -> !spec.has(Capability.CONNECTION_PARAMETERS)).map(EngineSpec::id).toList();
        List<String> claimedButEmpty = specs.stream().filter(spec -> spec.has(Capability.CONNECTION_PARAMETERS)
                && spec.connectionParameters().isEmpty()).map(EngineSpec::id).toList();
        assertThat(claimedButEmpty).as("engines claiming CONNECTION_PARAMETERS whose template cannot be read").isEmpty();
        assertThat(without).as("engines without connection parameters").isEmpty();
    }

    /** Credentials an engine requires on every connection besides the user and password (its connector's test says the same). */
    private static final Map<String, Map<String, String>> REQUIRED_OPTIONS = Map.of("spanner", Map.of("oauthToken", "ya29.example"));

    @TestFactory
    Stream<DynamicNode> theKitsContractHoldsForEveryPlugin() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (EngineSpec spec : specs()) {
            ParameterContractChecks checks = new ParameterContractChecks(spec, REQUIRED_OPTIONS.getOrDefault(spec.id(), Map.of()));
            List<DynamicNode> perSpec = new ArrayList<>();
            perSpec.add(DynamicTest.dynamicTest("capability and schema", () -> inPlugin(spec, () -> {
                checks.capabilityMatchesTheSchema();
                checks.schemaIsWellFormed();
            })));
            perSpec.add(DynamicTest.dynamicTest("sample round-trips", () -> inPlugin(spec, checks::sampleRoundTrips)));
            perSpec.add(DynamicTest.dynamicTest("validation names each field", () -> inPlugin(spec, checks::validationNamesEachField)));
            perSpec.add(DynamicContainer.dynamicContainer("options round-trip",
                    inPlugin(spec, () -> checks.everyOptionRoundTrips().toList()).stream().map(test -> wrap(spec, test))));
            perSpec.add(DynamicContainer.dynamicContainer("hostile values",
                    inPlugin(spec, () -> checks.hostileValuesAreRefusedOrCarriedExactly().toList()).stream().map(test -> wrap(spec, test))));
            perSpec.add(DynamicTest.dynamicTest("JSON Schema validates against the 2020-12 meta-schema and works", () -> schemaWorks(spec)));
            nodes.add(DynamicContainer.dynamicContainer(spec.id(), perSpec));
        }
        return nodes.stream();
    }

    private void schemaWorks(EngineSpec spec) throws Exception {
        Optional<String> text = spec.connectionParametersSchema();
        assertThat(text).as(spec.id() + " schema").isPresent();
        JsonNode document = MAPPER.readTree(text.get());
        assertThat(metaSchema.validate(document)).as(spec.id() + ": errors against the 2020-12 meta-schema").isEmpty();
        Schema schema = registry.getSchema(document);
        ConnectionParameters parameters = spec.connectionParameters().orElseThrow();
        ObjectNode sample = MAPPER.valueToTree(parameters.sample());
        assertThat(schema.validate(sample)).as(spec.id() + ": the sample conforms to the schema").isEmpty();

        ObjectNode unknown = sample.deepCopy();
        unknown.put("nosuchparameter", "x");
        assertThat(schema.validate(unknown)).as(spec.id() + ": an unknown parameter is refused by the schema").isNotEmpty();
        ObjectNode unknownOption = sample.deepCopy();
        unknownOption.putObject("options").put("dbspecNoSuchOption", "x");
        assertThat(schema.validate(unknownOption)).as(spec.id() + ": an option off the allow-list is refused by the schema").isNotEmpty();
        if (sample.has("port")) {
            ObjectNode port = sample.deepCopy();
            port.put("port", 70000);
            assertThat(schema.validate(port)).as(spec.id() + ": port 70000").isNotEmpty();
            port.put("port", "5432");
            assertThat(schema.validate(port)).as(spec.id() + ": port as a string").isNotEmpty();
        }
        for (String field : List.of("host", "database")) {
            if (sample.has(field)) {
                ObjectNode hostile = sample.deepCopy();
                hostile.put(field, "sales;INIT=x");
                assertThat(schema.validate(hostile)).as(spec.id() + ": the schema's pattern refuses ';' in " + field).isNotEmpty();
                assertThat(spec.validateParameters(MAPPER.convertValue(hostile, Map.class))).containsKey(field);
            }
        }
        // every option's sample value, typed, conforms to the schema as it does to the rule
        Map<String, Object> options = new LinkedHashMap<>();
        parameters.options().forEach(option -> spec.connectionOptions().allowed(option.name()).flatMap(allowed -> allowed.rule().sampleValue())
                .ifPresent(value -> options.put(option.name(), parameters.optionValue(option.name(), value))));
        for (Map.Entry<String, Object> option : options.entrySet()) {
            ObjectNode withOption = sample.deepCopy();
            withOption.set("options", MAPPER.valueToTree(Map.of(option.getKey(), option.getValue())));
            assertThat(schema.validate(withOption)).as(spec.id() + ": option " + option.getKey() + " with its sample value").isEmpty();
        }
    }

    private static DynamicTest wrap(EngineSpec spec, DynamicTest test) {
        return DynamicTest.dynamicTest(test.getDisplayName(), () -> inPlugin(spec, () -> {
            try {
                test.getExecutable().execute();
            } catch (Throwable e) {
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e instanceof Error error) {
                    throw error;
                }
                throw new RuntimeException(e);
            }
        }));
    }

    /** Runs plugin code with the plugin's class loader as the context class loader, as the host does. */
    private static void inPlugin(EngineSpec spec, Runnable work) {
        inPlugin(spec, () -> {
            work.run();
            return null;
        });
    }

    private static <T> T inPlugin(EngineSpec spec, java.util.function.Supplier<T> work) {
        try {
            return DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), work::get);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
