package dev.dbspec.host.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One line of the audit log. It never holds a secret: no password, no token, no URL credentials, no
 * option values (see the factories' callers), only the SQL text a user sent, which the log exists for.
 *
 * @param id         unique
 * @param at         when (microsecond precision)
 * @param user       who: a principal's name, {@code cli:<os user>} for the command line, {@code anonymous}
 * @param action     what
 * @param database   the database concerned, if any
 * @param sql        the SQL text, at most {@link #MAX_SQL_CHARS} characters (cut beyond)
 * @param sqlSha256  the SHA-256 of the whole SQL text (UTF-8, hex), also when {@code sql} was cut
 * @param rows       rows returned or changed, when known
 * @param durationMs how long it took, when measured
 * @param outcome    {@code ok}, {@code accepted}, or the error code the client got
 * @param details    more facts (engine, redacted URL, task id, target user, reason, remote address...)
 */
public record AuditEntry(String id, Instant at, String user, AuditAction action, Optional<String> database,
                         Optional<String> sql, Optional<String> sqlSha256, OptionalLong rows, OptionalLong durationMs,
                         String outcome, Map<String, String> details) {
    /** The longest SQL text kept; its hash covers the whole text. */
    public static final int MAX_SQL_CHARS = 65_536;
    /** The longest value of a detail kept. */
    static final int MAX_DETAIL_CHARS = 500;

    public AuditEntry {
        requireNonNull(id, "id is null");
        requireNonNull(at, "at is null");
        requireNonNull(user, "user is null");
        requireNonNull(action, "action is null");
        requireNonNull(database, "database is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(sqlSha256, "sqlSha256 is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(durationMs, "durationMs is null");
        requireNonNull(outcome, "outcome is null");
        TreeMap<String, String> kept = new TreeMap<>();
        requireNonNull(details, "details is null").forEach((key, value) -> kept.put(key,
                value.length() > MAX_DETAIL_CHARS ? value.substring(0, MAX_DETAIL_CHARS) + "..." : value));
        details = java.util.Collections.unmodifiableMap(kept);
    }

    /** A new entry, now, for an action without SQL. */
    public static AuditEntry of(String user, AuditAction action, Optional<String> database, String outcome, Map<String, String> details) {
        return new AuditEntry(UUID.randomUUID().toString(), Clock.now(), user, action, database, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), outcome, details);
    }

    /** A new entry, now, for SQL run (or refused) on {@code database}. */
    public static AuditEntry ofSql(String user, AuditAction action, String database, String sql, OptionalLong rows,
                                   OptionalLong durationMs, String outcome, Map<String, String> details) {
        requireNonNull(sql, "sql is null");
        String kept = sql.length() > MAX_SQL_CHARS ? sql.substring(0, MAX_SQL_CHARS) : sql;
        return new AuditEntry(UUID.randomUUID().toString(), Clock.now(), user, action, Optional.of(database), Optional.of(kept),
                Optional.of(sha256(sql)), rows, durationMs, outcome, details);
    }

    /** SHA-256 of {@code text} in UTF-8, lower-case hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Microseconds since the epoch, strictly increasing within this process so entries keep their order. */
    static final class Clock {
        private static final java.util.concurrent.atomic.AtomicLong LAST = new java.util.concurrent.atomic.AtomicLong();

        private Clock() {
        }

        static Instant now() {
            Instant now = Instant.now();
            long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            long next = LAST.accumulateAndGet(micros, (last, candidate) -> Math.max(last + 1, candidate));
            return toInstant(next);
        }

        static long toMicros(Instant at) {
            return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        }

        static Instant toInstant(long micros) {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
    }

    /** {@link #at} in microseconds since the epoch, as the stores keep it. */
    public long atMicros() {
        return Clock.toMicros(at);
    }

    /** The instant of {@code micros} microseconds since the epoch. */
    public static Instant fromMicros(long micros) {
        return Clock.toInstant(micros);
    }
}
