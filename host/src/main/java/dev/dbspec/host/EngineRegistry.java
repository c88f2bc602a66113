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
     * @throws UnknownEngineException listing the known prefixes
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
            List<String> prefixes = specs().stream()
                    .flatMap(s -> s.urlPrefixes().stream().map(p -> p + "... (" + s.id() + ")")).toList();
            throw new UnknownEngineException("no engine serves URL " + redactUrl(jdbcUrl), prefixes);
        }
        if (winners.size() > 1) {
            throw new AmbiguousEngineException("URL " + redactUrl(jdbcUrl) + " matches several engines equally",
                    winners.stream().map(EngineSpec::id).toList());
        }
        return winners.get(0);
    }

    /**
     * A URL, or a message that may quote one, with its secrets masked: credentials, secret options and
     * every secret value this process knows ({@link dev.dbspec.host.secrets.KnownSecrets#redact}).
     */
    public static String redactUrl(String jdbcUrl) {
        return dev.dbspec.host.secrets.KnownSecrets.redact(jdbcUrl);
    }
}
