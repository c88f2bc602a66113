package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * The row cap a query already has at top level, and where its number is written.
 *
 * @param kind   whether there is one and whether it can be edited in place
 * @param value  the cap in rows; empty for {@code LIMIT ALL} (no cap) and for {@link Kind#UNKNOWN}
 * @param start  start of the written number (or of {@code ALL}) in the script, -1 when none
 * @param end    end of the written number in the script, -1 when none
 * @param adjust what to add to a cap to get the number to write ({@code ROWNUM < n+1})
 */
record ExistingLimit(Kind kind, OptionalLong value, int start, int end, int adjust) {
    static final ExistingLimit NONE = new ExistingLimit(Kind.NONE, OptionalLong.empty(), -1, -1, 0);
    static final ExistingLimit UNKNOWN = new ExistingLimit(Kind.UNKNOWN, OptionalLong.empty(), -1, -1, 0);

    ExistingLimit {
        requireNonNull(kind, "kind is null");
        requireNonNull(value, "value is null");
    }

    static ExistingLimit editable(OptionalLong value, int start, int end, int adjust) {
        return new ExistingLimit(Kind.EDITABLE, value, start, end, adjust);
    }

    /** Whether there is a limit. */
    enum Kind {
        /** No top-level limit. */
        NONE,
        /** A literal limit ({@code LIMIT n}, {@code TOP n}, {@code FETCH FIRST n}, {@code ROWNUM <= n}, {@code LIMIT ALL}) whose number can be replaced. */
        EDITABLE,
        /** A limit that cannot be read as a row cap: a parameter, an expression, {@code TOP n PERCENT}, {@code WITH TIES}, or a ClickHouse union's last-branch limit. */
        UNKNOWN
    }
}
