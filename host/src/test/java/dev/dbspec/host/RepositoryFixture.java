package dev.dbspec.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.aether.AbstractRepositoryListener;
import org.eclipse.aether.RepositoryEvent;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * A file:// Maven repository holding one artifact's runtime closure (its jars and every POM its model needs: parents,
 * imported BOMs), copied from the build's local repository, which Maven filled from Maven Central when it resolved the
 * artifact as a test dependency. The local repository is only read (offline). Files come with their checksums as Maven
 * stored them; a POM or a dependency's jar the local repository keeps without one (a seeded repository may: this
 * machine's has checker-qual without its .sha1) gets a .sha1 of its bytes, so the fixture is complete; the named
 * artifact's own jar checksum is always Central's (without one the fixture fails).
 */
final class RepositoryFixture {
    private RepositoryFixture() {
    }

    static Path closureOf(String coordinates, Path localRepository, Path target) throws Exception {
        Set<Path> files = ConcurrentHashMap.newKeySet();
        try (RepositorySystem system = new RepositorySystemSupplier().get();
             RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                     // "simple": serves what the folder holds, whatever repository each file was recorded from
                     .withLocalRepositories(new org.eclipse.aether.repository.LocalRepository(localRepository, "simple"))
                     .setSystemProperties(System.getProperties())
                     .setOffline(true)
                     .setIgnoreArtifactDescriptorRepositories(true)
                     .setRepositoryListener(new AbstractRepositoryListener() {
                         @Override
                         public void artifactResolved(RepositoryEvent event) {
                             if (event.getArtifact() != null && event.getArtifact().getPath() != null) {
                                 files.add(event.getArtifact().getPath());
                             }
                         }
                     })
                     .build()) {
            RemoteRepository central = new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();
            CollectRequest collect = new CollectRequest(List.of(new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME)),
                    List.of(), List.of(central)).setRootArtifact(new DefaultArtifact("dev.dbspec:fixture:1"));
            system.resolveDependencies(session, new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)));
        }
        Path root = localRepository.toAbsolutePath().normalize();
        String[] parts = coordinates.split(":");
        String rootFilePrefix = parts[1] + "-" + parts[parts.length - 1] + ".";
        for (Path file : files) {
            Path relative = root.relativize(file.toAbsolutePath().normalize());
            Path copy = target.resolve(relative.toString());
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
            Path sha1 = file.resolveSibling(file.getFileName() + ".sha1");
            Path sha1Copy = copy.resolveSibling(copy.getFileName() + ".sha1");
            if (Files.isRegularFile(sha1)) {
                Files.copy(sha1, sha1Copy);
            } else if (file.getFileName().toString().endsWith(".pom") || !file.getFileName().toString().startsWith(rootFilePrefix)) {
                Files.writeString(sha1Copy, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file))));
            } else {
                throw new IOException(file + " has no .sha1 in the local repository");
            }
        }
        return target;
    }
}
