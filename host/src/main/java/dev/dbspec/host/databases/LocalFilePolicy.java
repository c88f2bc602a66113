package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where registered databases may keep local files (SQLite, DuckDB, H2, HSQLDB, Derby): inside one
 * directory, unless the operator allows any path. Stops a database URL from reading or overwriting
 * arbitrary files of the host; where the engine can, SQL's own file access is confined to it too
 * ({@link #sandbox()}).
 *
 * @param allowedDirectory the directory database files must lie in
 * @param allowAnyPath     whether the check is switched off
 */
public record LocalFilePolicy(Path allowedDirectory, boolean allowAnyPath) {
    public LocalFilePolicy {
        allowedDirectory = requireNonNull(allowedDirectory, "allowedDirectory is null").toAbsolutePath().normalize();
    }

    /**
     * Refuses {@code jdbcUrl} when it opens a local file outside {@link #allowedDirectory()}.
     *
     * @throws RequestException INVALID, naming the path and the allowed directory
     */
    public void check(EngineSpec spec, String jdbcUrl) {
        if (allowAnyPath) {
            return;
        }
        spec.localDatabasePath(jdbcUrl).ifPresent(path -> {
            if (!path.toAbsolutePath().normalize().startsWith(allowedDirectory)) {
                throw new RequestException(RequestException.Kind.INVALID, spec.id() + ": the URL opens the local file " + path
                        + ", outside the allowed directory " + allowedDirectory + " (set files.allow-any-path=true to allow)");
            }
        });
    }

    /** The directory SQL's own file access is confined to ({@link EngineSpec#fileSandboxProperties}); empty when any path is allowed. */
    public Optional<Path> sandbox() {
        return allowAnyPath ? Optional.empty() : Optional.of(allowedDirectory);
    }
}
