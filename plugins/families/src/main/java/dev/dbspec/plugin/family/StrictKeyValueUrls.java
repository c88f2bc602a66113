package dev.dbspec.plugin.family;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.UnsafeUrlException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Strict readers for URL grammars that are neither {@code ?a=b&c=d} nor {@code base;a=b;c=d} as a whole, but
 * carry {@code name=value} pairs separated by semicolons after a head of their own (Simba's
 * {@code jdbc:x://Key=Value;Key=Value}, Exasol's {@code jdbc:exa:host:port;k=v}, Drill's {@code jdbc:drill:zk=...;k=v},
 * Db2's {@code //h:p/db:k=v;k=v;}). Each reader splits off the head the driver's own grammar defines and
 * hands {@code head;pairs} to {@link ConnectionOptions#parseStrictly} with the semicolon syntax, so escapes,
 * percent signs, parentheses, non-ASCII, duplicates and stray {@code ?}/{@code &} are refused the same way
 * everywhere.
 */
public final class StrictKeyValueUrls {
    private StrictKeyValueUrls() {
    }

    /**
     * The options of {@code head} followed by {@code pairs} ({@code name=value} separated by semicolons, a
     * trailing semicolon allowed) and of {@code properties}; {@code head} must hold no option separator.
     *
     * @throws UnsafeUrlException for anything the strict parser refuses
     */
    public static Map<String, String> read(ConnectionOptions options, String engineId, String head, String pairs, Properties properties) {
        requireNonNull(options, "options is null");
        requireNonNull(head, "head is null");
        requireNonNull(pairs, "pairs is null");
        if (options.syntax() != ConnectionOptions.Syntax.SEMICOLON) {
            throw new IllegalStateException(engineId + ": a key=value URL needs a SEMICOLON option list");
        }
        if (head.indexOf(';') >= 0 || head.indexOf('=') >= 0) {
            throw UnsafeUrlException.url(engineId, "an option is written where the driver expects the host part");
        }
        return options.parseStrictly(engineId, pairs.isEmpty() ? head : head + ";" + pairs, properties);
    }

    /** {@code url} without {@code prefix} (compared without regard to case), or a refusal naming what was expected. */
    public static String afterPrefix(String engineId, String url, String prefix) {
        requireNonNull(url, "url is null");
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw UnsafeUrlException.url(engineId, "it does not start with " + prefix.toLowerCase(Locale.ROOT));
        }
        return url.substring(prefix.length());
    }
}
