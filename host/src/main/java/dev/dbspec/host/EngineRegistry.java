package dev.dbspec.host;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every engine the host knows, started or failed, and the lookups by id, alias and JDBC URL. Immutable.
 */
public final class EngineRegistry {
    private final List<EngineEntry> entries;

    public EngineRegistry(List<EngineEntry> entries) {
        List<EngineEntry> sorted = new ArrayList<>(requireNonNull(entries, "entries is null"));
        sorted.sort(Comparator.comparing(EngineEntry::id).thenComparing(EngineEntry::plugin));
        this.entries = List.copyOf(sorted);
    }

    /** All entries, sorted by id. */
    public List<EngineEntry> entries() {
        return entries;
    }

    /** The usable specs, sorted by id. */
    public List<EngineSpec> specs() {
        return entries.stream().flatMap(e -> e.spec().stream()).toList();
    }

    /** The ids of usable engines. */
    public List<String> ids() {
        return specs().stream().map(EngineSpec::id).toList();
    }

    /** The entry (started or not) with this id, if any. */
    public Optional<EngineEntry> entry(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * The started engine with this id or alias (case-insensitive).
     *
     * @throws UnknownEngineException listing the known ids, also when the engine exists but FAILED
     * @throws AmbiguousEngineException when an alias names several engines
     */
    public EngineSpec resolve(String idOrAlias) {
        requireNonNull(idOrAlias, "idOrAlias is null");
        String wanted = idOrAlias.trim().toLowerCase(Locale.ROOT);
        for (EngineSpec spec : specs()) {
            if (spec.id().equals(wanted)) {
                return spec;
            }
        }
        List<EngineSpec> byAlias = specs().stream()
                .filter(spec -> spec.aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(wanted)))
                .toList();
        if (byAlias.size() == 1) {
            return byAlias.get(0);
        }
        if (byAlias.size() > 1) {
            throw new AmbiguousEngineException("alias '" + idOrAlias + "' names several engines", byAlias.stream().map(EngineSpec::id).toList());
        }
        Optional<EngineEntry> broken = entry(wanted).filter(e -> e.state() != EngineState.STARTED);
        if (broken.isPresent()) {
            throw new UnknownEngineException("engine '" + idOrAlias + "' is " + broken.get().state() + ": "
                    + broken.get().reason().orElse(""), ids());
        }
        throw new UnknownEngineException("unknown engine '" + idOrAlias + "'", ids());
    }

    /**
     * The engine serving a JDBC URL: the one with the longest matching prefix.
     *
     * @throws UnknownEngineException offering at most five close prefixes, and naming a plugin that FAILED
     *     but presumably serves the URL
     * @throws AmbiguousEngineException when several engines share the longest matching prefix
     */
    public EngineSpec forUrl(String jdbcUrl) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        String url = jdbcUrl.trim().toLowerCase(Locale.ROOT);
        int best = -1;
        List<EngineSpec> winners = new ArrayList<>();
        for (EngineSpec spec : specs()) {
            int length = spec.urlPrefixes().stream()
                    .filter(p -> url.startsWith(p.toLowerCase(Locale.ROOT)))
                    .mapToInt(String::length).max().orElse(-1);
            if (length > best) {
                best = length;
                winners.clear();
                winners.add(spec);
            } else if (length == best && length >= 0) {
                winners.add(spec);
            }
        }
        if (winners.isEmpty()) {
            String message = "no engine serves URL " + redactUrl(jdbcUrl);
            Optional<EngineEntry> broken = brokenPluginFor(url);
            if (broken.isPresent()) {
                message += "; plugin " + broken.get().plugin() + " (" + broken.get().state() + ": "
                        + broken.get().reason().orElse("no reason given") + ") serves this prefix";
            }
            throw UnknownEngineException.forUrl(message, closePrefixes(url));
        }
        if (winners.size() > 1) {
            throw new AmbiguousEngineException("URL " + redactUrl(jdbcUrl) + " matches several engines equally",
                    winners.stream().map(EngineSpec::id).toList());
        }
        return winners.get(0);
    }

    /** How many close prefixes an unknown URL is offered, at most. */
    static final int MAX_SUGGESTIONS = 5;

    /**
     * The {@code jdbc:xxx:} prefixes closest to the URL's own (Levenshtein distance, at most a third of
     * its length and never more than 3 edits), at most {@link #MAX_SUGGESTIONS}: a typo gets a hint,
     * not the whole list of prefixes.
     */
    List<String> closePrefixes(String lowerCaseUrl) {
        String wanted = subprotocolPrefix(lowerCaseUrl);
        int limit = Math.min(3, Math.max(1, wanted.length() / 3));
        record Candidate(String label, int distance) {
        }
        java.util.Map<String, Candidate> best = new java.util.LinkedHashMap<>();
        for (EngineSpec spec : specs()) {
            for (String prefix : spec.urlPrefixes()) {
                String own = subprotocolPrefix(prefix.toLowerCase(Locale.ROOT));
                int distance = editDistance(wanted, own);
                if (distance <= limit) {
                    String label = own + " (" + spec.id() + ")";
                    best.merge(label, new Candidate(label, distance), (a, b) -> a.distance() <= b.distance() ? a : b);
                }
            }
        }
        return best.values().stream()
                .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::label))
                .limit(MAX_SUGGESTIONS).map(Candidate::label).toList();
    }

    /**
     * The engine ids (of every entry, started or not) closest to {@code wanted} by edit distance (at most a third of its
     * length, never more than 3 edits), at most {@link #MAX_SUGGESTIONS}: for "did you mean" after a mistyped id.
     */
    public List<String> closeIds(String wanted) {
        String lower = requireNonNull(wanted, "wanted is null").trim().toLowerCase(Locale.ROOT);
        int limit = Math.min(3, Math.max(1, lower.length() / 3));
        return entries.stream().map(EngineEntry::id).distinct()
                .filter(id -> editDistance(lower, id.toLowerCase(Locale.ROOT)) <= limit)
                .sorted(Comparator.comparingInt((String id) -> editDistance(lower, id.toLowerCase(Locale.ROOT))).thenComparing(id -> id))
                .limit(MAX_SUGGESTIONS).toList();
    }

    /**
     * A plugin that did not start and that presumably serves the URL: its spec was never loaded, so its
     * prefixes are unknown; its id (or one of the dash-separated words of the plugin id) equal to the
     * URL's sub-protocol ({@code jdbc:SUB:}) is the best evidence there is.
     */
    private Optional<EngineEntry> brokenPluginFor(String lowerCaseUrl) {
        String prefix = subprotocolPrefix(lowerCaseUrl);
        if (!prefix.startsWith("jdbc:") || prefix.length() <= "jdbc::".length()) {
            return Optional.empty();
        }
        String sub = prefix.substring("jdbc:".length(), prefix.length() - 1);
        return entries.stream()
                .filter(e -> e.state() != EngineState.STARTED)
                .filter(e -> e.id().toLowerCase(Locale.ROOT).equals(sub)
                        || java.util.Arrays.asList(e.plugin().toLowerCase(Locale.ROOT).replaceAll("\\.jar$", "").split("[-_.]")).contains(sub))
                .findFirst();
    }

    /** {@code jdbc:xxx:} of a URL (up to its second colon), or the whole text when it has none. */
    static String subprotocolPrefix(String url) {
        int first = url.indexOf(':');
        int second = first < 0 ? -1 : url.indexOf(':', first + 1);
        return second < 0 ? url : url.substring(0, second + 1);
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * A URL, or a message that may quote one, with its secrets masked: credentials, secret options and
     * every secret value this process knows ({@link dev.dbspec.host.secrets.KnownSecrets#redact}).
     */
    public static String redactUrl(String jdbcUrl) {
        return dev.dbspec.host.secrets.KnownSecrets.redact(jdbcUrl);
    }
}
