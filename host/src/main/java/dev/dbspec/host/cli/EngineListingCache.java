package dev.dbspec.host.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What {@code dbspec engines} printed the last time it loaded the plugins, kept with a fingerprint of every file and
 * setting that output came from, so that the next run with the same files prints it without loading any plugin's code
 * (the plugins' class loaders, jars and spec classes were most of a cold start: about 370 of 750 ms with 77 plugins).
 *
 * <p>The fingerprint covers the plugins directory (every file below it, followed through links: its path, size,
 * modification and change times and inode, so a plugin added, removed, replaced, or a driver dropped into its
 * {@code drivers/} folder, makes a new one), the host's own class path (each jar the same way: a new dbspec or a spec on
 * the class path), the JDK (its home and version) and PF4J's system properties. A listing whose fingerprint differs, or
 * that cannot be read whole, is not used: the plugins are loaded as before and the listing is written again. The file
 * is written to a temporary name, read back, and renamed into place, so a reader never sees half of one. Nothing is kept
 * when an engine FAILED (its reason may come from the environment: memory, the network, a variable a third-party spec
 * reads) or when any of the three outputs could not be made. A class path folder (a run from {@code target/classes}) is
 * fingerprinted file by file, as the plugins directory is. {@code dbspec
 * engines --reload} loads the plugins whatever is kept.
 *
 * <p>It lives in {@code cache/} of the distribution ({@code -Ddbspec.home}, set by the launcher), or where the system
 * property {@code dbspec.cache-dir} says; without either, or when that folder cannot be written, nothing is kept.
 */
final class EngineListingCache {
    /** The outputs kept: one per format of {@code dbspec engines}. */
    enum Format { TABLE, JSON, MARKDOWN }

    private static final String FORMAT_VERSION = "1";

    private final Path file;
    private final String fingerprint;

    private EngineListingCache(Path file, String fingerprint) {
        this.file = requireNonNull(file, "file is null");
        this.fingerprint = requireNonNull(fingerprint, "fingerprint is null");
    }

    /**
     * The cache of the listing of {@code pluginsDir}, fingerprinted now (before the plugins load: a file changed while
     * they load makes the next run's fingerprint differ); empty when there is no cache folder.
     */
    static Optional<EngineListingCache> of(Path pluginsDir) {
        requireNonNull(pluginsDir, "pluginsDir is null");
        Optional<Path> folder = folder();
        if (folder.isEmpty() || !Files.isDirectory(pluginsDir)) {
            return Optional.empty(); // (a missing plugins folder is warned about by every run that looks for it)
        }
        try {
            Path dir = pluginsDir.toAbsolutePath().normalize();
            // the folder as given too: a load quotes it in its reasons ("cannot read plugins/x.jar"), so each spelling
            // keeps its own listing
            String name = "engines-" + digest(pluginsDir + "\n" + dir) + ".properties";
            return Optional.of(new EngineListingCache(folder.get().resolve(name), fingerprint(dir)));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // a file that vanished while it was fingerprinted: load the plugins
        }
    }

    private static Optional<Path> folder() {
        String explicit = System.getProperty("dbspec.cache-dir");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        String home = System.getProperty("dbspec.home");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, "cache"));
    }

    /** The output kept in {@code format}, if one was kept for exactly these files and settings. */
    Optional<String> read(Format format) {
        return readAll().map(outputs -> outputs.get(format));
    }

    private Optional<Map<Format, String>> readAll() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties kept = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            kept.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // damaged: ignored, and written again by this run
        }
        if (!FORMAT_VERSION.equals(kept.getProperty("format")) || !fingerprint.equals(kept.getProperty("fingerprint"))) {
            return Optional.empty();
        }
        Map<Format, String> outputs = new java.util.EnumMap<>(Format.class);
        for (Format format : Format.values()) {
            String output = kept.getProperty(key(format));
            if (output == null) {
                return Optional.empty();
            }
            outputs.put(format, output);
        }
        return Optional.of(outputs);
    }

    /**
     * Keeps {@code outputs} (one for each format) for the next run; a folder that cannot be written keeps nothing and
     * changes nothing a user sees.
     */
    void write(Map<Format, String> outputs) {
        requireNonNull(outputs, "outputs is null");
        Properties kept = new Properties();
        kept.setProperty("format", FORMAT_VERSION);
        kept.setProperty("fingerprint", fingerprint);
        for (Format format : Format.values()) {
            kept.setProperty(key(format), requireNonNull(outputs.get(format), "no output for " + format));
        }
        Path partial = null;
        try {
            Files.createDirectories(file.getParent());
            partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                kept.store(writer, "dbspec engines: the listing of the plugins this fingerprint names; delete it at will");
            }
            // published whole or not at all: read back before the rename; a concurrent run writes its own temporary file
            if (!new EngineListingCache(partial, fingerprint).readAll().equals(Optional.of(new java.util.EnumMap<>(outputs)))) {
                return;
            }
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
            partial = null;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // a read-only distribution: every run loads the plugins, as without a cache
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // left for the next run to overwrite; it is never read under its temporary name
                }
            }
        }
    }

    Path file() {
        return file;
    }

    private static String key(Format format) {
        return "output." + format.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A digest of everything the listing depends on (see the class comment). */
    static String fingerprint(Path pluginsDir) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("format ").append(FORMAT_VERSION).append('\n');
        text.append("java ").append(System.getProperty("java.home")).append(' ').append(System.getProperty("java.version")).append('\n');
        Map<String, String> pf4j = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("pf4j."))
                .forEach(name -> pf4j.put(name, System.getProperty(name)));
        text.append("pf4j ").append(pf4j).append('\n');
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                text.append("classpath ");
                describe(Path.of(entry), text);
                if (Files.isDirectory(Path.of(entry))) {
                    walk(Path.of(entry), text); // a run from target/classes: its class files change inside it
                }
            }
        }
        text.append("plugins ").append(pluginsDir).append('\n');
        walk(pluginsDir, text);
        return digest(text.toString());
    }

    /** A line for {@code root} and every file below it, followed through links, sorted (a folder lists in no fixed order). */
    private static void walk(Path root, StringBuilder text) throws IOException {
        // one stat a file, which the walk makes anyway; sorted, as directories list in no fixed order
        List<String> lines = new java.util.ArrayList<>();
        Files.walkFileTree(root, java.util.EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                        lines.add(line(dir, attributes));
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        lines.add(line(file, attributes));
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
        java.util.Collections.sort(lines);
        lines.forEach(line -> text.append(line).append('\n'));
    }

    /**
     * A line naming the file and what changes when it is written (size, modification time, and the change time, which a
     * write sets even when the modification time is put back, as {@code cp -p}, {@code rsync -t} or {@code touch -r} do)
     * or replaced (inode).
     */
    private static void describe(Path path, StringBuilder text) throws IOException {
        try {
            text.append(line(path, Files.readAttributes(path, BasicFileAttributes.class))).append('\n');
        } catch (java.nio.file.NoSuchFileException e) {
            text.append(path).append(" absent\n");
        }
    }

    private static String line(Path path, BasicFileAttributes attributes) throws IOException {
        return path + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " " + attributes.fileKey() + " "
                + changeTime(path);
    }

    /** The file's change time in nanoseconds, where the file system keeps one (a Unix one); else nothing. */
    private static String changeTime(Path path) throws IOException {
        try {
            Object changed = Files.getAttribute(path, "unix:ctime");
            return changed instanceof java.nio.file.attribute.FileTime time ? Long.toString(time.to(java.util.concurrent.TimeUnit.NANOSECONDS)) : "";
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * Not a secret and nothing to defend against (whoever can write this file can write the plugins), only a change
     * to notice: two checksums the JDK computes natively, as a cryptographic digest is slow before the JIT has run.
     */
    private static String digest(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        adler.update(bytes);
        return Long.toHexString(crc.getValue()) + "-" + Long.toHexString(adler.getValue()) + "-" + bytes.length;
    }

}
