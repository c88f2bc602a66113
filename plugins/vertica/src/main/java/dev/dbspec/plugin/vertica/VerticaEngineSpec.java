package dev.dbspec.plugin.vertica;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.IdentifierQuoting.IdentifierCase;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Vertica through its own JDBC driver (proprietary client licence, not bundled): all 21 PostgreSQL grains
 * (Vertica's DATE_TRUNC has ISO weeks and quarters, intervals multiply by numbers, {@code TIMESTAMP 'epoch'}
 * exists); names keep their case and compare case-insensitively.
 */
@Extension
public final class VerticaEngineSpec extends PostgresFamilySpec {
    private static final IdentifierQuoting QUOTING = new IdentifierQuoting("\"", "\"", IdentifierCase.AS_IS);

    @Override
    public String id() {
        return "vertica";
    }

    @Override
    public String displayName() {
        return "Vertica";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:vertica:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:vertica://{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(5433);
    }

    @Override
    public String driverClassName() {
        return "com.vertica.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.vertica.jdbc:vertica-jdbc:25.3.0-0",
                "proprietary (Vertica Client License Agreement)", false));
    }

    @Override
    public Map<String, String> forbiddenUrlOptions() {
        return Map.of("logpath", "writes driver log files to a local directory");
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.CANCEL);
        return capabilities;
    }

    @Override
    public IdentifierQuoting identifierQuoting() {
        return QUOTING;
    }

    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(128);
    }
}
