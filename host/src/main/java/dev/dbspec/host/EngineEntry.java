package dev.dbspec.host;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import java.util.Optional;

/**
 * One row of the engine registry: a usable spec, or a plugin that failed with the reason.
 *
 * @param id            the engine id, or for a failed plugin its plugin id (or file name)
 * @param plugin        the plugin id, or {@code classpath} for specs found by ServiceLoader
 * @param pluginVersion the plugin version, {@code -} when unknown
 * @param state         STARTED, FAILED or DISABLED
 * @param reason        why the entry is not STARTED
 * @param spec          the spec, present exactly when STARTED
 * @param location      where the plugin was loaded from
 */
public record EngineEntry(String id, String plugin, String pluginVersion, EngineState state, Optional<String> reason,
                          Optional<EngineSpec> spec, String location) {
    public EngineEntry {
        requireNonNull(id, "id is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(pluginVersion, "pluginVersion is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(location, "location is null");
        if ((state == EngineState.STARTED) != spec.isPresent()) {
            throw new IllegalArgumentException("a spec is present exactly when the state is STARTED: " + id);
        }
    }

    static EngineEntry started(EngineSpec spec, String plugin, String version, String location) {
        return new EngineEntry(spec.id(), plugin, version, EngineState.STARTED, Optional.empty(), Optional.of(spec), location);
    }

    static EngineEntry failed(String id, String plugin, String version, String reason, String location) {
        return new EngineEntry(id, plugin, version, EngineState.FAILED, Optional.of(reason), Optional.empty(), location);
    }
}
