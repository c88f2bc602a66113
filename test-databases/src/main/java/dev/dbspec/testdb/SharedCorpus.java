package dev.dbspec.testdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared test corpora ({@code ../shared/corpus} from the project root: TPC-H, TPC-DS, Superset's
 * expectations). Not part of the project, so tests skip with a clear message when it is absent.
 */
public final class SharedCorpus {
    private SharedCorpus() {
    }

    /** The corpus folder: {@code shared/corpus} next to the working directory or one of its parents. */
    public static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The corpus folder, or a skipped test saying it is absent. */
    public static Path require() {
        Optional<Path> corpus = find();
        Assumptions.assumeTrue(corpus.isPresent(),
                "shared corpus not found (looked for shared/corpus beside " + Path.of("").toAbsolutePath() + " and its parents)");
        return corpus.get();
    }
}
