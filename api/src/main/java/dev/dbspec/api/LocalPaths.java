package dev.dbspec.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Parses the local path out of an embedded engine's JDBC URL, for {@link EngineSpec#localDatabasePath}.
 */
public final class LocalPaths {
    private LocalPaths() {
    }

    /**
     * The path in {@code jdbcUrl} after {@code prefix}, cut at the first of {@code terminators} (the start
     * of options), with a leading {@code file:} removed and {@code ~} expanded; empty when nothing is left
     * or the rest starts with one of {@code nonFileMarkers} (for example {@code mem:} or {@code //host}).
     */
    public static Optional<Path> after(String jdbcUrl, String prefix, String terminators, String... nonFileMarkers) {
        if (!jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(prefix.length());
        for (int i = 0; i < rest.length(); i++) {
            if (terminators.indexOf(rest.charAt(i)) >= 0) {
                rest = rest.substring(0, i);
                break;
            }
        }
        rest = rest.trim();
        for (String marker : nonFileMarkers) {
            if (rest.regionMatches(true, 0, marker, 0, marker.length())) {
                return Optional.empty();
            }
        }
        if (rest.regionMatches(true, 0, "file:", 0, 5)) {
            rest = rest.substring(5);
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.of(Path.of(rest).toAbsolutePath().normalize());
    }
}
