package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an engine's errors map to {@link ErrorCategory}s, as data: rules on the SQLSTATE (a prefix such
 * as {@code 28} or a full code such as {@code 42P01}) and on the message (a case-insensitive regular
 * expression), tried in order over the exception, its {@link SQLException#getNextException() next}
 * exceptions and its causes. The first matching rule wins.
 */
public final class ErrorPatterns {
    private record Rule(String sqlState, Pattern message, ErrorCategory category) {
        boolean matches(SQLException e) {
            if (sqlState != null) {
                return e.getSQLState() != null && e.getSQLState().startsWith(sqlState);
            }
            return e.getMessage() != null && message.matcher(e.getMessage()).find();
        }
    }

    private static final ErrorPatterns STANDARD = builder()
            .sqlState("28", ErrorCategory.BAD_CREDENTIALS)
            .sqlState("08", ErrorCategory.UNREACHABLE_HOST)
            .sqlState("3D", ErrorCategory.UNKNOWN_DATABASE)
            .sqlState("42S02", ErrorCategory.MISSING_TABLE)
            .sqlState("42P01", ErrorCategory.MISSING_TABLE)
            .sqlState("42501", ErrorCategory.PERMISSION)
            .sqlState("25006", ErrorCategory.PERMISSION) // read-only SQL-transaction: a write in a read-only transaction
            .sqlState("42601", ErrorCategory.SYNTAX)
            .sqlState("42000", ErrorCategory.SYNTAX)
            .sqlState("57014", ErrorCategory.CANCELLED)
            .sqlState("HYT00", ErrorCategory.TIMEOUT)
            .build();

    private final List<Rule> rules;

    private ErrorPatterns(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** SQLSTATE classes of the SQL standard and ODBC; engines put their own rules first. */
    public static ErrorPatterns standard() {
        return STANDARD;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The category of {@code error}, {@link ErrorCategory#OTHER} when no rule matches. */
    public ErrorCategory classify(SQLException error) {
        requireNonNull(error, "error is null");
        List<SQLException> chain = chain(error);
        for (Rule rule : rules) {
            for (SQLException e : chain) {
                if (rule.matches(e)) {
                    return rule.category();
                }
            }
        }
        return ErrorCategory.OTHER;
    }

    private static List<SQLException> chain(SQLException error) {
        List<SQLException> chain = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        List<Throwable> pending = new ArrayList<>(List.of(error));
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql) {
                chain.add(sql);
                pending.add(sql.getNextException());
            }
            pending.add(t.getCause());
        }
        return chain;
    }

    /** Collects rules in match order. */
    public static final class Builder {
        private static final String JDK_UNREACHABLE = "Connection refused|UnknownHostException";

        private final List<Rule> rules = new ArrayList<>();

        private Builder() {
        }

        /** SQLSTATE equal to or starting with {@code sqlState}. */
        public Builder sqlState(String sqlState, ErrorCategory category) {
            rules.add(new Rule(requireNonNull(sqlState, "sqlState is null"), null, requireNonNull(category, "category is null")));
            return this;
        }

        /** Message containing a match of {@code regex} (case-insensitive). */
        public Builder message(String regex, ErrorCategory category) {
            rules.add(new Rule(null, Pattern.compile(requireNonNull(regex, "regex is null"), Pattern.CASE_INSENSITIVE),
                    requireNonNull(category, "category is null")));
            return this;
        }

        /**
         * Messages of a connection that never reached the server, as the JDK words them ({@code Connection refused},
         * {@code UnknownHostException}) or as {@code engineRegexes} add, are {@link ErrorCategory#UNREACHABLE_HOST}: the
         * same as {@code message("Connection refused|UnknownHostException|" + String.join("|", engineRegexes),
         * UNREACHABLE_HOST)}.
         *
         * @since 1.7.0
         */
        public Builder unreachableHost(String... engineRegexes) {
            StringBuilder regex = new StringBuilder(JDK_UNREACHABLE);
            for (String more : engineRegexes) {
                regex.append('|').append(requireNonNull(more, "regex is null"));
            }
            return message(regex.toString(), ErrorCategory.UNREACHABLE_HOST);
        }

        /** Appends all rules of {@code other}. */
        public Builder then(ErrorPatterns other) {
            rules.addAll(requireNonNull(other, "other is null").rules);
            return this;
        }

        public ErrorPatterns build() {
            return new ErrorPatterns(rules);
        }
    }
}
