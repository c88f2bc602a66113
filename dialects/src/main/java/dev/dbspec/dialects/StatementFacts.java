package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What the parse of one statement established.
 *
 * @param tables the tables it reads or writes
 * @param shape  where its limit is and can go; null unless it is a query
 */
record StatementFacts(Set<TableRef> tables, QueryShape shape) {
    StatementFacts {
        tables = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(requireNonNull(tables, "tables is null")));
    }
}
