package dev.dbspec.dialects;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test corpus ({@code ../shared/corpus} from the project root) by walking up from the working directory. */
final class Corpus {
    private Corpus() {
    }

    /** The corpus directory; skips the calling test (JUnit assumption) when it is absent. */
    static Path root() {
        return dev.dbspec.testdb.SharedCorpus.require();
    }

    /** The 121 TPC-H and TPC-DS statements, as path and text, sorted by path. */
    static java.util.List<java.util.Map.Entry<Path, String>> tpcStatements() {
        Path root = root();
        java.util.List<java.util.Map.Entry<Path, String>> result = new java.util.ArrayList<>();
        for (String suite : new String[] {"tpch", "tpcds"}) {
            try (var files = Files.list(root.resolve(suite).resolve("queries"))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                    result.add(java.util.Map.entry(file, Files.readString(file)));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return result;
    }
}
