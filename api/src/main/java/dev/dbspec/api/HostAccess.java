package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SQL that reaches out of the database into the host running it: statements and functions of engines
 * embedded in the host's JVM that read or write the host's files or run Java code there (H2's
 * {@code FILE_READ} and {@code CREATE ALIAS}, SQLite's {@code ATTACH}, Derby's
 * {@code SYSCS_UTIL.SYSCS_EXPORT_TABLE}). When the host confines database files to a directory, it
 * refuses SQL that uses any of them. Data, not code: an engine lists its own.
 *
 * @param statements leading words of such statements, such as {@code "CREATE ALIAS"}, compared
 *                   case-insensitively with the first words of each statement (comments between words allowed)
 * @param functions  names of such functions or procedures, searched case-insensitively as whole words in
 *                   the whole text, strings and comments included, so that no quoting, comment or Unicode
 *                   escape ({@code U&"FILE\005fREAD"}) hides a call; a string that merely mentions one is refused too
 */
public record HostAccess(List<String> statements, Set<String> functions) {
    /** No statement or function reaches the host. */
    public static final HostAccess NONE = new HostAccess(List.of(), Set.of());

    public HostAccess {
        statements = requireNonNull(statements, "statements is null").stream()
                .map(s -> s.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT)).toList();
        functions = requireNonNull(functions, "functions is null").stream().map(f -> f.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
