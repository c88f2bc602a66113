package dev.dbspec.testdb;

import static dev.dbspec.testdb.Checks.fail;
import static dev.dbspec.testdb.Checks.pass;
import static dev.dbspec.testdb.Checks.timed;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionParameters;
import dev.dbspec.api.ConnectionUrl;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.InvalidParametersException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The live check of a spec's connection parameters ({@code connection-parameters}), beside {@link LiveChecks}: the URL
 * and properties under test are read into parameters ({@link EngineSpec#parametersFromUrl}), the URL is built again from
 * them ({@link EngineSpec#buildUrl}: credentials and options as properties, vetted), read back to the same parameters,
 * and opened live with {@code SELECT 1}; the masked view of the parameters ({@link ConnectionParameters#mask}) must hold
 * none of the secret values (the password, the options the spec marks secret). A spec not claiming
 * {@link Capability#CONNECTION_PARAMETERS} must have no parameters and no schema.
 *
 * <p>Skipped (never passed) when the URL under test does not follow the spec's template, for example an H2 file URL
 * ({@code jdbc:h2:file:...}; H2's template describes in-memory databases), which no parameters describe. Messages never hold a secret value.
 */
public final class ParameterChecks {
    /** The check's id in reports. */
    public static final String ID = "connection-parameters";
    private static final String TITLE = "connection parameters round-trip, connect and mask their secrets";

    private final EngineSpec spec;
    private final String jdbcUrl;
    private final Properties properties;
    private final LiveChecks.Opener opener;

    /**
     * @param spec       the spec under test
     * @param jdbcUrl    the URL of the database under test
     * @param properties its driver properties ({@code user}, {@code password}, options); copied
     */
    public ParameterChecks(EngineSpec spec, String jdbcUrl, Properties properties) {
        this(spec, new LiveChecks.Target(jdbcUrl, properties, spec::connect));
    }

    /** The database under test as {@code dbspec test-db} opens it (vetted, local files confined). */
    public ParameterChecks(EngineSpec spec, LiveChecks.Target target) {
        this.spec = requireNonNull(spec, "spec is null");
        requireNonNull(target, "target is null");
        this.jdbcUrl = target.jdbcUrl();
        this.properties = new Properties();
        this.properties.putAll(target.properties());
        this.opener = target.opener();
    }

    /** For a {@link TestDatabase}: its URL, user and password. */
    public static ParameterChecks of(EngineSpec spec, TestDatabase database) {
        return new ParameterChecks(spec, database.jdbcUrl(), database.properties());
    }

    /** Runs the check; plugin code runs on the caller's thread (set its context class loader as for {@link LiveChecks}). */
    public CheckResult run() {
        return timed(ID, TITLE, () -> {
            try {
                return check();
            } catch (InvalidParametersException e) {
                return fail("buildUrl refused the parameters read from the URL: " + e.fieldErrors().keySet());
            } catch (java.sql.SQLException | RuntimeException e) {
                return fail(e.getClass().getSimpleName() + ": " + safe(e.getMessage()));
            }
        });
    }

    private Checks.Outcome check() throws Exception {
        if (!spec.has(Capability.CONNECTION_PARAMETERS)) {
            if (spec.connectionParameters().isPresent() || spec.connectionParametersSchema().isPresent()) {
                return fail("CONNECTION_PARAMETERS is not claimed, yet the spec has a parameter schema");
            }
            return pass("not claimed, and the spec has no parameter schema");
        }
        Optional<ConnectionParameters> schema = spec.connectionParameters();
        if (schema.isEmpty() || spec.connectionParametersSchema().isEmpty()) {
            return fail("CONNECTION_PARAMETERS is claimed, yet the spec has no parameter schema");
        }
        Optional<Map<String, Object>> read = spec.parametersFromUrl(jdbcUrl, properties);
        if (read.isEmpty()) {
            return Checks.notCheckable("the URL under test does not follow the template " + spec.urlTemplate());
        }
        Map<String, Object> parameters = read.get();
        Map<String, String> errors = spec.validateParameters(parameters);
        if (!errors.isEmpty()) {
            return fail("the parameters read from the URL are refused: " + errors.keySet());
        }
        ConnectionUrl rebuilt = spec.buildUrl(parameters);
        Optional<Map<String, Object>> again = spec.parametersFromUrl(rebuilt.url(), rebuilt.toProperties());
        if (!again.equals(Optional.of(schema.get().normalize(parameters)))) {
            return fail("the rebuilt URL reads back to other parameters (fields "
                    + again.map(Map::keySet).map(Object::toString).orElse("none") + ")");
        }
        List<String> secrets = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.equalsIgnoreCase("password") || spec.connectionOptions().isSecret(name)) {
                String value = properties.getProperty(name);
                if (!value.isEmpty()) {
                    secrets.add(value);
                }
            }
        }
        // A marker password too, so that masking is proven even when the database under test needs none (trust authentication).
        String marker = "dbspec-marker-" + Long.toHexString(System.nanoTime());
        if (schema.get().parameters().stream().anyMatch(parameter -> parameter.name().equals(ConnectionParameters.PASSWORD))) {
            Map<String, Object> withMarker = new java.util.LinkedHashMap<>(parameters);
            withMarker.put(ConnectionParameters.PASSWORD, marker);
            if (schema.get().mask(withMarker).toString().contains(marker)) {
                return fail("the masked parameters still hold the password");
            }
        }
        Map<String, Object> masked = schema.get().mask(parameters);
        String shown = masked.toString();
        for (String secret : secrets) {
            if (shown.contains(secret)) {
                return fail("the masked parameters still hold a secret value");
            }
        }
        if (parameters.containsKey(ConnectionParameters.PASSWORD) && !ConnectionParameters.MASK.equals(masked.get(ConnectionParameters.PASSWORD))) {
            return fail("the password is not masked as " + ConnectionParameters.MASK);
        }
        try (Connection connection = opener.open(rebuilt.url(), rebuilt.toProperties());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(spec.selectExpressionSql("1"))) {
            if (!rows.next() || rows.getInt(1) != 1) {
                return fail("SELECT 1 over the rebuilt URL did not answer 1");
            }
        }
        return pass("parameters " + masked.keySet() + " rebuilt " + rebuilt.url() + " (properties "
                + rebuilt.properties().keySet() + "), connected, " + secrets.size() + " secret value(s) masked");
    }

    /** A message with the secret values of the properties masked. */
    private String safe(String message) {
        String text = String.valueOf(message);
        for (String name : properties.stringPropertyNames()) {
            if (name.equalsIgnoreCase("password") || spec.connectionOptions().isSecret(name)) {
                String value = properties.getProperty(name);
                if (!value.isEmpty()) {
                    text = text.replace(value, ConnectionParameters.MASK);
                }
            }
        }
        return text;
    }
}
