package dev.dbspec.plugin.trino;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.plugin.family.PrestoFamilySpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.pf4j.Extension;

/**
 * Trino through trino-jdbc (not bundled); all 21 grains, literals and errors from {@link PrestoFamilySpec},
 * grains over the column as it is so {@code timestamp(6..12)} values are never rounded.
 */
@Extension
public final class TrinoEngineSpec extends PrestoFamilySpec {
    private static final Map<String, String> FORBIDDEN_URL_OPTIONS = forbidden();

    private static Map<String, String> forbidden() {
        Map<String, String> options = new HashMap<>(CLIENT_FORBIDDEN_URL_OPTIONS);
        options.put("dnsresolver", "makes the driver instantiate a class named in the URL");
        options.put("externalauthenticationredirecthandlers", "OPEN starts a web browser on this host");
        options.put("sslusesystemkeystore", "presents this host's system key store, authenticating as this host");
        return Map.copyOf(options);
    }

    @Override
    public String id() {
        return "trino";
    }

    @Override
    public String displayName() {
        return "Trino";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:trino:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:trino://{host}:{port}/{catalog}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(8080);
    }

    @Override
    public String driverClassName() {
        return "io.trino.jdbc.TrinoDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("io.trino:trino-jdbc:484", "Apache-2.0", false));
    }

    @Override
    public Map<String, String> forbiddenUrlOptions() {
        return FORBIDDEN_URL_OPTIONS;
    }
}
