package dev.dbspec.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /**
     * The real location of {@code path}, symbolic links resolved, which must lie inside {@code directory}
     * (also resolved): the part of the path that exists is resolved by the file system, the rest may not
     * climb out with {@code ..}. A relative path, a dangling symbolic link (the engine would create its
     * target) or a path leaving the directory is refused.
     *
     * @throws IllegalArgumentException saying why the path is refused
     */
    public static Path requireInside(Path path, Path directory) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("the local path " + path + " is relative (the engine would resolve it against its"
                    + " working directory); give an absolute path inside " + directory);
        }
        Path root;
        try {
            root = directory.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("the files directory " + directory + " does not exist");
        }
        Path current = path.getRoot();
        boolean exists = true;
        for (Path name : path) {
            String part = name.toString();
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!exists) {
                    throw new IllegalArgumentException("the local path " + path + " climbs out of a folder that does not exist");
                }
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if (exists && Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    current = next.toRealPath();
                } catch (IOException e) {
                    throw new IllegalArgumentException("the local path " + path + " goes through a dangling symbolic link " + next);
                }
            } else {
                exists = false;
                current = next;
            }
        }
        if (!current.startsWith(root)) {
            throw new IllegalArgumentException("the local path " + path + " resolves to " + current
                    + ", outside the allowed directory " + root);
        }
        return current;
    }

    /**
     * {@link #requireInside} for {@code path} and for every existing file next to it whose name starts
     * with its name: engines add suffixes to the name in the URL (H2's {@code name.mv.db}, HSQLDB's
     * {@code name.script}, SQLite's {@code name-wal}), and any of them may be a link leading outside.
     *
     * @throws IllegalArgumentException saying which path is refused and why
     */
    public static Path requireInsideWithSiblings(Path path, Path directory) {
        Path resolved = requireInside(path, directory);
        Path parent = path.getParent();
        Path name = path.getFileName();
        if (parent == null || name == null || !Files.isDirectory(resolved.getParent() == null ? parent : resolved.getParent())) {
            return resolved;
        }
        try (java.util.stream.Stream<Path> siblings = Files.list(resolved.getParent())) {
            for (Path sibling : (Iterable<Path>) siblings::iterator) {
                if (sibling.getFileName().toString().startsWith(name.toString())) {
                    requireInside(sibling, directory);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + resolved.getParent() + " to check the database's files");
        }
        return resolved;
    }
}
