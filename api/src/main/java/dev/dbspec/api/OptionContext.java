package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What an {@link OptionRule} may need to know about the host: where local files must lie.
 *
 * @param filesDirectory the directory local paths must resolve into; empty when the host does not confine files
 */
public record OptionContext(Optional<Path> filesDirectory) {
    public OptionContext {
        requireNonNull(filesDirectory, "filesDirectory is null");
    }

    /** No confinement of local files. */
    public static OptionContext unconfined() {
        return new OptionContext(Optional.empty());
    }
}
