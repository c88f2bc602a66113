package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

/**
 * Where an engine's JDBC driver comes from, so users can fetch one the plugin does not bundle.
 *
 * @param mavenCoordinates {@code groupId:artifactId:version}
 * @param license          the driver's licence, for example {@code Apache-2.0}
 * @param bundled          whether the plugin ships the driver in its {@code lib/}
 */
public record DriverArtifact(String mavenCoordinates, String license, boolean bundled) {
    public DriverArtifact {
        requireNonNull(mavenCoordinates, "mavenCoordinates is null");
        requireNonNull(license, "license is null");
        if (mavenCoordinates.split(":").length < 3) {
            throw new IllegalArgumentException("expected groupId:artifactId:version, got " + mavenCoordinates);
        }
    }
}
