package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LocalPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where registered databases may keep local files (SQLite, DuckDB, H2, HSQLDB, Derby): inside one
 * directory, unless the operator allows any path. Stops a database URL from reading or overwriting
 * arbitrary files of the host; where the engine can, SQL's own file access is confined to it too
 * ({@link #sandbox()}). Paths are judged where the file system resolves them: the directory is an
 * absolute real path, and every path is resolved through symbolic links before it is compared.
 *
 * @param allowedDirectory the directory database files must lie in (created if missing, then its real path)
 * @param allowAnyPath     whether the check is switched off
 */
public record LocalFilePolicy(Path allowedDirectory, boolean allowAnyPath) {
    /** How many entries of the directory {@link #requireNoEscapingLinks} looks at before giving up. */
    private static final int MAX_ENTRIES = 100_000;

    public LocalFilePolicy {
        requireNonNull(allowedDirectory, "allowedDirectory is null");
        if (!allowAnyPath) {
            try {
                Files.createDirectories(allowedDirectory.toAbsolutePath());
                allowedDirectory = allowedDirectory.toAbsolutePath().toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the files directory " + allowedDirectory.toAbsolutePath(), e);
            }
        } else {
            allowedDirectory = allowedDirectory.toAbsolutePath().normalize();
        }
    }

    /**
     * Refuses {@code jdbcUrl} when it opens a local file that resolves (symbolic links included) outside
     * {@link #allowedDirectory()}: the rule {@link EngineSpec#vetConnection} applies with {@link #sandbox()}, which
     * registration uses.
     *
     * @throws RequestException INVALID, naming the path and the allowed directory
     */
    public void check(EngineSpec spec, String jdbcUrl) {
        if (allowAnyPath) {
            return;
        }
        spec.localDatabasePath(jdbcUrl).ifPresent(path -> {
            try {
                LocalPaths.requireInsideWithSiblings(path, allowedDirectory);
            } catch (IllegalArgumentException e) {
                throw new RequestException(RequestException.Kind.INVALID, spec.id() + ": " + e.getMessage()
                        + " (set files.allow-any-path=true to allow)");
            }
        });
    }

    /**
     * Refuses to go on while the directory holds a symbolic link that resolves outside it: engines that
     * confine SQL's file access by name (DuckDB's {@code allowed_directories}) follow such a link.
     *
     * @throws RequestException FORBIDDEN naming the link
     */
    public void requireNoEscapingLinks() {
        if (allowAnyPath) {
            return;
        }
        try (Stream<Path> entries = Files.walk(allowedDirectory)) {
            entries.limit(MAX_ENTRIES).filter(Files::isSymbolicLink).forEach(link -> {
                Path target;
                try {
                    target = link.toRealPath();
                } catch (IOException e) {
                    target = link.toAbsolutePath();
                }
                if (!target.startsWith(allowedDirectory) || !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    throw new RequestException(RequestException.Kind.FORBIDDEN, "the files directory " + allowedDirectory
                            + " holds a symbolic link " + link + " leading outside it; remove it before databases that read"
                            + " files are used");
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new RequestException(RequestException.Kind.FORBIDDEN, "cannot check the files directory " + allowedDirectory
                    + " for symbolic links: " + e.getMessage());
        }
    }

    /** The directory SQL's own file access is confined to ({@link EngineSpec#fileSandboxProperties}); empty when any path is allowed. */
    public Optional<Path> sandbox() {
        return allowAnyPath ? Optional.empty() : Optional.of(allowedDirectory);
    }
}
