package dev.dbspec.host;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import java.util.Optional;

/**
 * Whether an engine's JDBC driver is installed, found without loading or initialising the driver class.
 *
 * @param engineId      the engine
 * @param driverClass   the driver class name
 * @param coordinates   Maven coordinates, when the spec names them
 * @param license       the driver's licence, when known
 * @param bundled       whether the plugin ships the driver
 * @param present       whether the class is visible to the plugin's class loader
 * @param installFolder where to drop a driver jar for this engine, when the plugin is a folder
 */
public record DriverStatus(String engineId, String driverClass, Optional<String> coordinates, Optional<String> license,
                           boolean bundled, boolean present, Optional<String> installFolder) {
    public DriverStatus {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(driverClass, "driverClass is null");
        requireNonNull(coordinates, "coordinates is null");
        requireNonNull(license, "license is null");
        requireNonNull(installFolder, "installFolder is null");
    }

    /** The command that installs the missing driver; empty when it is present or the spec names no Maven coordinates. */
    public Optional<String> installCommand() {
        return present || coordinates.isEmpty() ? Optional.empty() : Optional.of(dev.dbspec.host.drivers.DriverInstaller.installCommand(engineId));
    }

    /**
     * The engine version a live engine is validated on in every build (test-databases' {@code validated-versions.tsv},
     * which the conformance kit checks against the running engine), for example {@code PostgreSQL 15.x}; empty for a
     * spec-only engine, and for a third-party plugin bundling a driver this repository does not validate.
     */
    public Optional<String> validatedVersion() {
        return bundled ? dev.dbspec.testdb.ValidatedVersions.of(engineId).map(dev.dbspec.testdb.ValidatedVersions.ValidatedVersion::label)
                : Optional.empty();
    }

    /** The status of {@code entry}'s driver; the entry must be STARTED. */
    public static DriverStatus of(EngineEntry entry) {
        EngineSpec spec = entry.spec().orElseThrow(() -> new IllegalArgumentException(entry.id() + " is not started"));
        String className = spec.driverClassName();
        ClassLoader loader = spec.getClass().getClassLoader();
        boolean present = loader != null && loader.getResource(className.replace('.', '/') + ".class") != null;
        java.nio.file.Path location = java.nio.file.Path.of(entry.location());
        Optional<String> folder = java.nio.file.Files.isDirectory(location)
                ? Optional.of(location.resolve(dev.dbspec.host.plugins.PluginLayout.DRIVERS).toString())
                : Optional.empty();
        return new DriverStatus(spec.id(), className,
                spec.driverArtifact().map(a -> a.mavenCoordinates()), spec.driverArtifact().map(a -> a.license()),
                spec.driverArtifact().map(a -> a.bundled()).orElse(false), present, folder);
    }
}
