package dev.dbspec.host.drivers;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.host.DriverStatus;
import dev.dbspec.host.EngineEntry;
import dev.dbspec.host.plugins.PluginLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ChecksumFailureException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

/**
 * Installs an engine's JDBC driver into its plugin's {@code drivers/} folder, where the plugin's own class loader picks
 * it up at the next start ({@link PluginLayout#classPath}): the coordinates come from the installed spec only (the user
 * may choose the version, never the artifact), the driver's runtime dependencies come along, and Maven Resolver refuses
 * any file whose checksum does not match or is missing. Everything is downloaded into a scratch folder first; the
 * plugin's folder changes only once every file was verified, and a failure leaves it as it was.
 */
public final class DriverInstaller {
    /** Where drivers come from unless {@code --repository} says otherwise. */
    public static final String MAVEN_CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

    /** {@link #MAVEN_CENTRAL_URL} as a URI. */
    public static final URI MAVEN_CENTRAL = URI.create(MAVEN_CENTRAL_URL);

    /** The record, in {@code drivers/}, of what this installer put there: makes a second run a no-op. */
    public static final String MANIFEST = "installed-driver.properties";

    /** A version a user may ask for: no ranges ({@code [1,2)}), no path characters. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    /** The only file names written into {@code drivers/}: a plain jar name, never a path. */
    private static final Pattern SAFE_JAR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,200}\\.jar");

    /** Checksums tried, strongest first; MD5 is never accepted. */
    private static final String CHECKSUM_ALGORITHMS = "SHA-512,SHA-256,SHA-1";

    /** What an install did. */
    public record Result(String coordinates, Path folder, List<String> files, boolean alreadyInstalled, String note) {
        public Result {
            requireNonNull(coordinates, "coordinates is null");
            requireNonNull(folder, "folder is null");
            files = List.copyOf(files);
            requireNonNull(note, "note is null");
        }
    }

    private DriverInstaller() {
    }

    /** The command that installs {@code engineId}'s driver: every "driver missing" message names it. */
    public static String installCommand(String engineId) {
        return "dbspec drivers install " + requireNonNull(engineId, "engineId is null");
    }

    /**
     * The repository {@code url} names: only {@code https://} (with a host, without credentials) and {@code file://}
     * (an absolute path); a downloaded driver runs code on this host, so a plain-HTTP repository is refused.
     *
     * @throws DriverInstallException REFUSED otherwise
     */
    public static URI repository(String url) {
        requireNonNull(url, "url is null");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new DriverInstallException(DriverInstallException.Kind.REFUSED, "--repository is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "https" -> {
                if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new DriverInstallException(DriverInstallException.Kind.REFUSED,
                            "--repository must be https://HOST/PATH without credentials, query or fragment");
                }
            }
            case "file" -> {
                if (uri.getPath() == null || !uri.getPath().startsWith("/") || (uri.getHost() != null && !uri.getHost().isEmpty())) {
                    throw new DriverInstallException(DriverInstallException.Kind.REFUSED,
                            "--repository must be file:///ABSOLUTE/PATH for a local repository");
                }
            }
            default -> throw new DriverInstallException(DriverInstallException.Kind.REFUSED, "--repository "
                    + (scheme.isEmpty() ? "has no scheme" : "uses " + scheme + "://")
                    + ": only https:// and file:// repositories are accepted (a driver runs code on this host)");
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    /**
     * Installs the driver of {@code entry} (a STARTED engine) from {@code repository}, at the spec's version or
     * {@code version}.
     *
     * @throws DriverInstallException with what went wrong; the plugin's folder is then as it was
     */
    public static Result install(EngineEntry entry, Optional<String> version, URI repository) {
        requireNonNull(entry, "entry is null");
        requireNonNull(version, "version is null");
        requireNonNull(repository, "repository is null");
        EngineSpec spec = entry.spec().orElseThrow(() -> new DriverInstallException(DriverInstallException.Kind.NOT_INSTALLABLE,
                "engine " + entry.id() + " is " + entry.state() + ": " + entry.reason().orElse("")));
        Path pluginFolder = Path.of(entry.location());
        Path drivers = pluginFolder.resolve(PluginLayout.DRIVERS);
        DriverArtifact declared = spec.driverArtifact().orElseThrow(() -> new DriverInstallException(
                DriverInstallException.Kind.NOT_INSTALLABLE, "engine " + spec.id() + " names no Maven coordinates for its driver "
                + spec.driverClassName() + "; get the driver's jar from its vendor and put it in " + drivers + "/"));
        if (!Files.isDirectory(pluginFolder)) {
            throw new DriverInstallException(DriverInstallException.Kind.NOT_INSTALLABLE, "plugin " + entry.plugin()
                    + " is a single jar (" + pluginFolder + "); unpack it into a folder plugins/" + entry.plugin() + "/ first");
        }
        Artifact wanted = new DefaultArtifact(declared.mavenCoordinates());
        if (version.isPresent()) {
            if (!VERSION.matcher(version.get()).matches()) {
                throw new DriverInstallException(DriverInstallException.Kind.REFUSED, "--version must be a plain version such as "
                        + wanted.getVersion() + " (letters, digits, '.', '-', '_', '+'; no ranges)");
            }
            wanted = wanted.setVersion(version.get());
        }
        String coordinates = coordinates(wanted);

        Optional<Properties> manifest = readManifest(drivers);
        if (manifest.isPresent() && coordinates.equals(manifest.get().getProperty("coordinates")) && intact(drivers, manifest.get())) {
            return new Result(coordinates, drivers, files(manifest.get()), true, "already installed");
        }
        DriverStatus status = DriverStatus.of(entry);
        if (manifest.isEmpty() && status.present()) {
            if (version.isPresent() && !version.get().equals(new DefaultArtifact(declared.mavenCoordinates()).getVersion())) {
                throw new DriverInstallException(DriverInstallException.Kind.NOT_INSTALLABLE, "a driver " + spec.driverClassName()
                        + " not installed by dbspec is already in plugin " + entry.plugin() + (declared.bundled() ? " (bundled)" : "")
                        + "; remove it from " + drivers + "/ before installing version " + version.get());
            }
            return new Result(coordinates, drivers, List.of(), true, declared.bundled()
                    ? "already installed: bundled with plugin " + entry.plugin()
                    : "already installed: " + spec.driverClassName() + " is already in plugin " + entry.plugin());
        }

        Path scratch;
        try {
            scratch = Files.createTempDirectory(pluginFolder, ".drivers-download-");
        } catch (IOException e) {
            throw new DriverInstallException(DriverInstallException.Kind.FAILED, "cannot write into " + pluginFolder + ": " + e, e);
        }
        try {
            Map<String, Path> verified = resolve(wanted, repository, scratch, drivers);
            return place(entry, coordinates, repository, verified, drivers, manifest);
        } finally {
            deleteTree(scratch);
        }
    }

    /** The runtime closure of {@code wanted}, each file verified against its checksum, by safe file name. */
    private static Map<String, Path> resolve(Artifact wanted, URI repository, Path scratch, Path drivers) {
        String where = MAVEN_CENTRAL.equals(repository) ? "Maven Central (" + repository + ")" : "the repository " + repository;
        RepositoryPolicy policy = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        RemoteRepository remote = new RemoteRepository.Builder("dbspec-drivers", "default", repository.toString())
                .setReleasePolicy(policy)
                .setSnapshotPolicy(new RepositoryPolicy(false, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_FAIL))
                .build();
        List<ArtifactResult> results;
        try (RepositorySystem system = new RepositorySystemSupplier().get();
             RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                     .withLocalRepositoryBaseDirectories(scratch)
                     .setSystemProperties(System.getProperties())
                     // fail closed: a mismatching or missing checksum refuses the file (never a warning)
                     .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                     .setConfigProperty("aether.checksums.algorithms", CHECKSUM_ALGORITHMS)
                     .setUpdatePolicy(RepositoryPolicy.UPDATE_POLICY_NEVER)
                     // only the chosen repository: never one a downloaded POM names
                     .setIgnoreArtifactDescriptorRepositories(true)
                     // a missing or broken POM is an error, not "no dependencies"
                     .setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false))
                     .build()) {
            // the driver as the one dependency of a project, so its own optional and test dependencies stay out, as in a Maven build
            CollectRequest collect = new CollectRequest(List.of(new Dependency(wanted, JavaScopes.RUNTIME)), List.of(), List.of(remote))
                    .setRootArtifact(new DefaultArtifact("dev.dbspec:dbspec-drivers-install:1"));
            results = system.resolveDependencies(session,
                    new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME))).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw failure(e, coordinates(wanted), where, drivers);
        } catch (RuntimeException e) {
            throw new DriverInstallException(DriverInstallException.Kind.FAILED, "cannot resolve " + coordinates(wanted) + " from " + where
                    + ": " + e, e);
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (ArtifactResult result : results) {
            Artifact artifact = result.getArtifact();
            if (artifact == null || artifact.getPath() == null || !"jar".equals(artifact.getExtension())) {
                continue; // a POM-only dependency adds nothing to a class path
            }
            String name = safeJarName(artifact);
            if (files.putIfAbsent(name, artifact.getPath()) != null) {
                throw new DriverInstallException(DriverInstallException.Kind.FAILED, "two dependencies of " + coordinates(wanted)
                        + " would both be " + name + "; install them by hand into " + drivers + "/");
            }
        }
        if (files.isEmpty()) {
            throw new DriverInstallException(DriverInstallException.Kind.NOT_FOUND, coordinates(wanted) + " has no jar in " + where);
        }
        return files;
    }

    /** {@code artifactId-version[-classifier].jar}, refused unless it is a plain file name (no separator, no "..""). */
    static String safeJarName(Artifact artifact) {
        String name = artifact.getArtifactId() + "-" + artifact.getVersion()
                + (artifact.getClassifier().isEmpty() ? "" : "-" + artifact.getClassifier()) + ".jar";
        if (!SAFE_JAR_NAME.matcher(name).matches() || name.contains("..")) {
            throw new DriverInstallException(DriverInstallException.Kind.REFUSED, "refused to write a file named '"
                    + name.replaceAll("[^\\x20-\\x7e]", "?") + "' (from " + coordinates(artifact) + "): not a plain jar name");
        }
        return name;
    }

    /**
     * Copies the verified files into {@code drivers/} (each through a temporary name and an atomic rename), writes the
     * manifest, then removes the files of a previous install that the new one no longer has. A failure removes what
     * this run wrote.
     */
    private static Result place(EngineEntry entry, String coordinates, URI repository, Map<String, Path> verified, Path drivers,
                                Optional<Properties> previous) {
        boolean createdFolder = !Files.isDirectory(drivers);
        List<Path> written = new ArrayList<>();
        Set<String> previousFiles = previous.map(p -> Set.copyOf(files(p))).orElse(Set.of());
        Path lib = Path.of(entry.location()).resolve(PluginLayout.LIB);
        Properties manifest = new Properties();
        List<String> installed = new ArrayList<>();
        try {
            Files.createDirectories(drivers);
            for (Map.Entry<String, Path> file : verified.entrySet()) {
                String name = file.getKey();
                Path target = inside(drivers, name);
                if (Files.exists(lib.resolve(name))) {
                    continue; // the plugin already ships this dependency
                }
                String sha256 = sha256(file.getValue());
                if (Files.exists(target) && !previousFiles.contains(name)) {
                    if (!sha256.equals(sha256(target))) {
                        throw new DriverInstallException(DriverInstallException.Kind.FAILED, target + " is already there with other"
                                + " content and was not installed by dbspec; remove it and run the command again");
                    }
                } else if (!Files.exists(target) || !sha256.equals(sha256(target))) {
                    Path part = inside(drivers, "." + name + ".part");
                    Files.copy(file.getValue(), part, StandardCopyOption.REPLACE_EXISTING);
                    written.add(part);
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    written.remove(part);
                    if (!previousFiles.contains(name)) {
                        written.add(target);
                    }
                }
                installed.add(name);
                manifest.setProperty("sha256." + name, sha256);
            }
            manifest.setProperty("coordinates", coordinates);
            manifest.setProperty("repository", repository.toString());
            manifest.setProperty("files", String.join(",", installed));
            Path part = inside(drivers, "." + MANIFEST + ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                written.add(part);
                manifest.store(out, "written by dbspec drivers install; lists the files it may replace or remove");
            }
            Files.move(part, inside(drivers, MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written.clear();
        } catch (IOException | RuntimeException e) {
            written.forEach(DriverInstaller::deleteQuietly);
            if (createdFolder) {
                deleteQuietly(drivers);
            }
            if (e instanceof DriverInstallException refused) {
                throw refused;
            }
            throw new DriverInstallException(DriverInstallException.Kind.FAILED, "cannot write into " + drivers + ": " + e, e);
        }
        for (String old : previousFiles) {
            if (!installed.contains(old)) {
                deleteQuietly(inside(drivers, old));
            }
        }
        return new Result(coordinates, drivers, installed, false, "installed");
    }

    /** {@code folder/name}, refused unless it stays directly inside {@code folder}. */
    private static Path inside(Path folder, String name) {
        Path path = folder.resolve(name).normalize();
        if (!folder.normalize().equals(path.getParent())) {
            throw new DriverInstallException(DriverInstallException.Kind.REFUSED, "refused to write outside " + folder + ": " + name);
        }
        return path;
    }

    /** The most telling cause: a checksum failure first, then a file the repository does not have. */
    private static DriverInstallException failure(Exception e, String coordinates, String where, Path drivers) {
        List<Throwable> causes = causes(e);
        Optional<Throwable> checksum = causes.stream().filter(t -> t instanceof ChecksumFailureException).findFirst();
        if (checksum.isPresent()) {
            return new DriverInstallException(DriverInstallException.Kind.CHECKSUM, "refused " + coordinates + " from " + where
                    + ": a checksum failed (" + checksum.get().getMessage() + "); nothing was installed", e);
        }
        Optional<Throwable> notFound = causes.stream().filter(t -> t instanceof ArtifactNotFoundException).findFirst();
        if (notFound.isPresent()) {
            Artifact missing = ((ArtifactNotFoundException) notFound.get()).getArtifact();
            String what = missing == null ? coordinates : coordinates(missing);
            return new DriverInstallException(DriverInstallException.Kind.NOT_FOUND, what + " is not on " + where
                    + (what.equals(coordinates) ? "" : " (a dependency of " + coordinates + ")")
                    + "; get the driver's jar from its vendor and put it in " + drivers + "/", e);
        }
        return new DriverInstallException(DriverInstallException.Kind.FAILED, "cannot resolve " + coordinates + " from " + where + ": "
                + e.getMessage(), e);
    }

    /** Every cause and suppressed exception under {@code root}, and the per-artifact exceptions resolution collects. */
    private static List<Throwable> causes(Throwable root) {
        List<Throwable> all = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> queue = new java.util.LinkedList<>(List.of(root)); // holds nulls (a missing cause)
        while (!queue.isEmpty()) {
            Throwable t = queue.poll();
            if (t == null || seen.put(t, true) != null) {
                continue;
            }
            all.add(t);
            queue.add(t.getCause());
            queue.addAll(List.of(t.getSuppressed()));
            if (t instanceof ArtifactResolutionException resolution) {
                resolution.getResults().forEach(r -> queue.addAll(r.getExceptions()));
            }
            if (t instanceof DependencyResolutionException dependency && dependency.getResult() != null) {
                queue.addAll(dependency.getResult().getCollectExceptions());
                dependency.getResult().getArtifactResults().forEach(r -> queue.addAll(r.getExceptions()));
            }
            if (t instanceof DependencyCollectionException collection && collection.getResult() != null) {
                queue.addAll(collection.getResult().getExceptions());
            }
        }
        return all;
    }

    private static String coordinates(Artifact artifact) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId() + ":" + artifact.getVersion();
    }

    private static Optional<Properties> readManifest(Path drivers) {
        Path file = drivers.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Properties properties = new Properties();
            properties.load(in);
            return Optional.of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files a manifest lists; a name that is not a plain jar name (an edited manifest) is never touched. */
    private static List<String> files(Properties manifest) {
        String files = manifest.getProperty("files", "");
        return files.isEmpty() ? List.of()
                : java.util.Arrays.stream(files.split(",")).filter(name -> SAFE_JAR_NAME.matcher(name).matches() && !name.contains("..")).toList();
    }

    /** Whether every file the manifest lists is there with its recorded SHA-256. */
    private static boolean intact(Path drivers, Properties manifest) {
        if (files(manifest).isEmpty()) {
            return false;
        }
        for (String name : files(manifest)) {
            Path file = drivers.resolve(name);
            if (!Files.isRegularFile(file) || !sha256(file).equals(manifest.getProperty("sha256." + name))) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(DriverInstaller::deleteQuietly);
        } catch (IOException e) {
            // best effort: the scratch folder's name starts with a dot and holds no top-level jar, so PF4J never loads it
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort; see deleteTree
        }
    }
}
