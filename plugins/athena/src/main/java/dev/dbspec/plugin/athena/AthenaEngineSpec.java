package dev.dbspec.plugin.athena;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.plugin.family.PrestoFamilySpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Amazon Athena (engine v3, Trino-based) through the Athena JDBC 3.x driver, which AWS distributes as a
 * download, not on Maven Central (the coordinates name that jar). All 21 grains from {@link PrestoFamilySpec}.
 * Cancellation is not claimed: the 3.x driver's {@code Statement.cancel} is unverified here.
 */
@Extension
public final class AthenaEngineSpec extends PrestoFamilySpec {
    private static final ErrorPatterns ATHENA_ERRORS = ErrorPatterns.builder()
            .message("security token included in the request is invalid|UnrecognizedClientException|InvalidSignatureException|"
                    + "ExpiredToken", ErrorCategory.BAD_CREDENTIALS)
            .message("AccessDeniedException|is not authorized to perform", ErrorCategory.PERMISSION)
            .message("Query timeout", ErrorCategory.TIMEOUT)
            .then(PrestoFamilySpec.ERROR_PATTERNS)
            .build();

    @Override
    public String id() {
        return "athena";
    }

    @Override
    public String displayName() {
        return "Amazon Athena";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("awsathena");
    }

    /** The 3.x driver's prefix; the 2.x (Simba) driver's {@code jdbc:awsathena:} is another driver with other options. */
    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:athena:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:athena://Region={region};WorkGroup={workgroup};OutputLocation={s3_output}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(443);
    }

    @Override
    public String driverClassName() {
        return "com.amazon.athena.jdbc.AthenaDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("com.amazon.athena:athena-jdbc:3.8.1", "proprietary (AWS driver licence)", false));
    }

    /** Milliseconds, the precision of Athena's table timestamps. */
    @Override
    public DatetimeLiterals datetimeLiterals() {
        return literals(3);
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ATHENA_ERRORS;
    }

    /** The 3.x driver instantiates a credentials provider class named in the URL. */
    @Override
    public Map<String, String> forbiddenUrlOptions() {
        String instantiates = "may name a credentials provider class for the driver to instantiate";
        return Map.of("credentialsprovider", instantiates, "awscredentialsproviderclass", instantiates);
    }

    /** Superset's Athena flags (no escaped colons, no SSH tunnel) on Trino's alias rule; no cancel claimed. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.remove(Capability.ALIAS_TO_SOURCE_COLUMN);
        capabilities.remove(Capability.ESCAPED_COLONS);
        capabilities.remove(Capability.SSH_TUNNELING);
        return capabilities;
    }
}
