package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ConnectionParametersTest {
    /** A minimal spec that removes {@link Capability#CONNECTION_PARAMETERS}. */
    static final class NoParameters implements EngineSpec {
        @Override public String id() { return "minimal"; }
        @Override public String displayName() { return "Minimal"; }
        @Override public List<String> urlPrefixes() { return List.of("jdbc:minimal:"); }
        @Override public String urlTemplate() { return "jdbc:minimal:{database}"; }
        @Override public String driverClassName() { return "com.example.NoSuchDriver"; }
        @Override public Map<TimeGrain, String> timeGrainExpressions() { return Map.of(TimeGrain.DAY, "TRUNC({col})"); }
        @Override public java.util.Set<Capability> capabilities() {
            java.util.Set<Capability> capabilities = java.util.EnumSet.copyOf(Capability.defaults());
            capabilities.remove(Capability.CONNECTION_PARAMETERS);
            return capabilities;
        }
    }

    private static final ConnectionOptions QUERY_OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("ssl", OptionRule.bool()).allow("connectTimeout", OptionRule.integer(0, 600)).allow("ApplicationName", OptionRule.text(64))
            .allow("sslmode", OptionRule.oneOf("require", "verify-full")).secret("sslpassword")
            .refuse("loads a class", "socketFactory").build();

    private static ConnectionParameters network() {
        return ConnectionParameters.fromTemplate("x", "X", "jdbc:x://{host}:{port}/{database}", OptionalInt.of(5432), QUERY_OPTIONS).orElseThrow();
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aNetworkTemplateGivesHostPortDatabaseUserPasswordAndTheAllowedOptions() {
        ConnectionParameters parameters = network();
        assertThat(parameters.parameters()).extracting(ParameterSpec::name).containsExactly("host", "port", "database", "username", "password");
        assertThat(parameters.options()).extracting(ParameterSpec::name)
                .containsExactlyInAnyOrder("ssl", "connectTimeout", "ApplicationName", "sslmode", "sslpassword");
        ParameterSpec port = parameters.parameters().get(1);
        assertThat(port.required()).isFalse();
        assertThat(port.defaultValue()).contains(5432L);
        assertThat(parameters.options()).filteredOn(option -> option.name().equals("ssl")).singleElement()
                .extracting(ParameterSpec::type).isEqualTo(ParameterType.BOOLEAN);
        assertThat(parameters.options()).filteredOn(option -> option.name().equals("connectTimeout")).singleElement()
                .satisfies(option -> assertThat(option.maximum()).hasValue(600));
        assertThat(parameters.options()).filteredOn(ParameterSpec::secret).extracting(ParameterSpec::name).containsExactly("sslpassword");
    }

    @Test
    void buildWritesOnlyTheTemplateAndGivesCredentialsAndOptionsAsProperties() {
        ConnectionParameters parameters = network();
        Map<String, Object> given = map("host", "db.example.com", "port", 6543, "database", "sales", "username", "ann",
                "password", "p;w&d?", "options", map("SSL", true, "connectTimeout", 30, "sslpassword", "k;ey"));
        ConnectionUrl built = parameters.build(given);
        assertThat(built.url()).isEqualTo("jdbc:x://db.example.com:6543/sales");
        assertThat(built.properties()).containsExactly(Map.entry("user", "ann"), Map.entry("password", "p;w&d?"),
                Map.entry("ssl", "true"), Map.entry("connectTimeout", "30"), Map.entry("sslpassword", "k;ey"));
        assertThat(built.toString()).doesNotContain("p;w&d?").doesNotContain("k;ey");
        Map<String, Object> canonical = parameters.normalize(given);
        assertThat(canonical.get("port")).isEqualTo(6543L);
        assertThat((Map<Object, Object>) canonical.get("options")).containsKey("ssl").doesNotContainKey("SSL");
        assertThat(parameters.parse(built.url(), built.toProperties())).contains(canonical);
    }

    @Test
    void theDefaultPortIsFilledIn() {
        ConnectionUrl built = network().build(map("host", "h", "database", "d"));
        assertThat(built.url()).isEqualTo("jdbc:x://h:5432/d");
        assertThat(built.properties()).isEmpty();
    }

    @Test
    void validationNamesEachFieldWithoutQuotingValues() {
        Map<String, String> errors = network().validate(map("host", "h;socketFactory=evil", "port", 70000, "extra", 1,
                "options", map("socketFactory", "x", "nope", "1", "ssl", "yes", "connectTimeout", 601, "sslmode", "disable",
                        "user", "u", "ApplicationName", "a&b")));
        assertThat(errors).containsOnlyKeys("host", "port", "database", "extra", "options.socketFactory", "options.nope", "options.ssl",
                "options.connectTimeout", "options.sslmode", "options.user", "options.ApplicationName");
        assertThat(errors.get("port")).isEqualTo("must be an integer from 1 to 65535");
        assertThat(errors.get("options.socketFactory")).contains("loads a class");
        assertThat(String.join(" ", errors.values())).doesNotContain("evil").doesNotContain("a&b");
        assertThat(network().validate(map("host", "h", "database", "d", "port", "5432"))).containsEntry("port", "must be an integer");
        assertThat(network().validate(map("host", "h", "database", "d", "options", "ssl=true"))).containsKey("options");
        assertThatThrownBy(() -> network().build(map("host", "h"))).isInstanceOfSatisfying(InvalidParametersException.class,
                e -> assertThat(e.fieldErrors()).containsOnlyKeys("database"));
    }

    @Test
    void valuesTheUrlCannotCarryAreRefusedNotEscaped() {
        for (String hostile : List.of("a;b", "a&b", "a?b", "a/b", "a@b", "a%41", "a\nb", "d\u00e9j\u00e0", "a b", "a:b", "a#b", "a\\b", "")) {
            assertThat(network().validate(map("host", "h", "database", hostile))).as(hostile).containsKey("database");
            assertThat(network().validate(map("host", hostile, "database", "d"))).as(hostile).containsKey("host");
        }
        assertThat(network().validate(map("host", "[::1]", "database", "d"))).isEmpty();
        assertThat(network().build(map("host", "[::1]", "database", "d")).url()).isEqualTo("jdbc:x://[::1]:5432/d");
    }

    @Test
    void parseReadsUrlOptionsAndRefusesWhatItCannotReadUnambiguously() {
        ConnectionParameters parameters = network();
        Properties properties = new Properties();
        properties.setProperty("password", "pw");
        assertThat(parameters.parse("jdbc:x://h:1/d?ssl=TRUE&user=bob&connectTimeout=5", properties)).contains(map("host", "h", "port", 1L,
                "database", "d", "username", "bob", "password", "pw", "options", map("ssl", true, "connectTimeout", 5L)));
        assertThat(parameters.parse("jdbc:x://bob:pw@h:1/d", new Properties())).as("credentials in the URL").isEmpty();
        assertThat(parameters.parse("jdbc:x://h:1/d?ssl=true&ssl=false", new Properties())).as("an option twice").isEmpty();
        assertThat(parameters.parse("jdbc:x://h:1/d?%73sl=true", new Properties())).as("an encoded name").isEmpty();
        assertThat(parameters.parse("jdbc:x://h:1/d;ssl=true", new Properties())).as("another syntax's separator").isEmpty();
        Properties twice = new Properties();
        twice.setProperty("SSL", "true");
        assertThat(parameters.parse("jdbc:x://h:1/d?ssl=true", twice)).as("in the URL and the properties").isEmpty();
    }

    @Test
    void templatesThatCannotBeReadBothWaysGiveNoParameters() {
        ConnectionOptions none = ConnectionOptions.none();
        assertThat(ConnectionParameters.fromTemplate("x", "X", "jdbc:x:{host}{port}", OptionalInt.empty(), none)).isEmpty();
        assertThat(ConnectionParameters.fromTemplate("x", "X", "jdbc:x:{database}.{schema}", OptionalInt.empty(), none)).isEmpty();
        assertThat(ConnectionParameters.fromTemplate("x", "X", "jdbc:x:{database}/{database}", OptionalInt.empty(), none)).isEmpty();
        assertThat(ConnectionParameters.fromTemplate("x", "X", "jdbc:x:{s3_output}:{port}", OptionalInt.empty(), none)).isEmpty();
        assertThat(ConnectionParameters.fromTemplate("x", "X", "jdbc:x:no-placeholder", OptionalInt.empty(), none)).isEmpty();
    }

    @Test
    void fileTemplatesTakeAPathAndTemplateOptionsAreNotExtras() {
        ConnectionParameters sqlite = ConnectionParameters.fromTemplate("s", "S", "jdbc:sqlite:{file}", OptionalInt.empty(), QUERY_OPTIONS).orElseThrow();
        assertThat(sqlite.parameters()).extracting(ParameterSpec::name).containsExactly("path", "username", "password");
        assertThat(sqlite.build(map("path", "/data/a-b_c.db")).url()).isEqualTo("jdbc:sqlite:/data/a-b_c.db");
        assertThat(sqlite.validate(map("path", "file:/x?mode=ro"))).containsKey("path");
        assertThat(sqlite.parameters().get(0).required()).isFalse();
        assertThat(sqlite.build(map()).url()).as("no path: in memory").isEqualTo("jdbc:sqlite:");
        assertThat(sqlite.parse("jdbc:sqlite:", new Properties())).contains(map());
        assertThat(sqlite.validate(map("path", ""))).as("an empty path is not left out").containsKey("path");
        ConnectionOptions snowflakeLike = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY).allow("db", OptionRule.text(64))
                .allow("warehouse", OptionRule.text(64)).build();
        ConnectionParameters snowflake = ConnectionParameters.fromTemplate("f", "F", "jdbc:f://{host}:{port}/?db={database}", OptionalInt.of(443),
                snowflakeLike).orElseThrow();
        assertThat(snowflake.options()).extracting(ParameterSpec::name).containsExactly("warehouse");
        assertThat(snowflake.validate(map("host", "h", "database", "d", "options", map("db", "other")))).containsKey("options.db");
        assertThat(snowflake.parse("jdbc:f://h:443/?db=d&warehouse=w", new Properties()))
                .contains(map("host", "h", "port", 443L, "database", "d", "options", map("warehouse", "w")));
    }

    @Test
    void maskHidesSecretsAndUnmaskRestoresTheStoredOnes() {
        ConnectionParameters parameters = network();
        Map<String, Object> stored = parameters.normalize(map("host", "h", "database", "d", "password", "pw1", "options", map("sslpassword", "k1", "ssl", true)));
        Map<String, Object> masked = parameters.mask(stored);
        assertThat(masked).containsEntry("password", ConnectionParameters.MASK).containsEntry("host", "h");
        assertThat((Map<Object, Object>) masked.get("options")).containsEntry("sslpassword", ConnectionParameters.MASK).containsEntry("ssl", true);
        Map<String, Object> submitted = new LinkedHashMap<>(masked);
        submitted.put("host", "h2");
        Map<String, Object> unmasked = parameters.unmask(submitted, stored);
        assertThat(unmasked).containsEntry("password", "pw1").containsEntry("host", "h2");
        assertThat((Map<Object, Object>) unmasked.get("options")).containsEntry("sslpassword", "k1");
        Map<String, Object> changed = new LinkedHashMap<>(masked);
        changed.put("password", "new");
        assertThat(parameters.unmask(changed, stored)).containsEntry("password", "new");
    }

    @Test
    void theJsonSchemaIsDraft2020WithSecretsWriteOnly() {
        String schema = network().jsonSchemaText();
        assertThat(schema).startsWith("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"")
                .contains("\"password\":{\"type\":\"string\"", "\"writeOnly\":true,\"format\":\"password\"", "\"required\":[\"host\",\"database\"]",
                        "\"port\":{\"type\":\"integer\",\"description\":\"The server's TCP port\",\"default\":5432,\"minimum\":1,\"maximum\":65535}",
                        "\"sslmode\":{\"type\":\"string\"", "\"enum\":[\"require\",\"verify-full\"]", "\"additionalProperties\":false")
                .doesNotContain("socketFactory");
        // the pattern's backslashes are escaped for JSON
        assertThat(schema).contains("\\\\x00-\\\\x1F");
    }

    @Test
    void theEngineSpecDefaultsFollowTheCapability() {
        EngineSpec spec = new EngineSpecDefaultsTest.MinimalSpec();
        assertThat(spec.has(Capability.CONNECTION_PARAMETERS)).isTrue();
        assertThat(spec.connectionParameters()).isPresent();
        ConnectionUrl built = spec.buildUrl(map("database", "sales", "username", "u", "password", "p"));
        assertThat(built.url()).isEqualTo("jdbc:minimal:sales");
        assertThat(spec.parametersFromUrl(built.url(), built.toProperties())).contains(map("database", "sales", "username", "u", "password", "p"));
        assertThatThrownBy(() -> spec.buildUrl(map("database", "sales", "options", map("init", "x")))).isInstanceOfSatisfying(
                InvalidParametersException.class, e -> assertThat(e.fieldErrors()).containsKey("options.init"));
        EngineSpec without = new NoParameters();
        assertThat(without.connectionParameters()).isEmpty();
        assertThat(without.connectionParametersSchema()).isEmpty();
        assertThat(without.parametersFromUrl("jdbc:minimal:sales", new Properties())).isEqualTo(Optional.empty());
        assertThat(without.validateParameters(Map.of())).containsKey("parameters");
        assertThatThrownBy(() -> without.buildUrl(Map.of())).isInstanceOf(InvalidParametersException.class);
    }
}
