package dev.dbspec.dialects;

import java.util.OptionalLong;

/**
 * A {@code TOP n} / {@code TOP (n)} written after {@code SELECT [DISTINCT|ALL]}.
 *
 * @param selectOffset where its {@code SELECT} keyword starts
 * @param valueStart   start of the number (or of the parenthesised expression)
 * @param valueEnd     end of the number
 * @param value        the number when it is an integer literal
 * @param exact        false for {@code PERCENT} or {@code WITH TIES}, which do not cap rows at the number
 */
record TopClause(int selectOffset, int valueStart, int valueEnd, OptionalLong value, boolean exact) {
}
