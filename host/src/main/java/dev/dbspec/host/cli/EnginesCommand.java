package dev.dbspec.host.cli;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.DriverStatus;
import dev.dbspec.host.EngineEntry;
import dev.dbspec.host.drivers.DriverInstaller;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec engines}: every installed engine with its state. */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "List every engine: id, name, plugin, version, state (and why it FAILED), limit method, grains, URL prefixes.")
final class EnginesCommand implements Callable<Integer> {
    @ParentCommand
    DbspecCommand parent;

    @Spec
    CommandSpec command;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Option(names = "--markdown", description = "Print a Markdown table of each engine's plugin, driver, validation and grains (docs/engines.md is this output).")
    boolean markdown;

    @Option(names = "--reload", description = "Load every plugin again, instead of printing what was printed the last time "
            + "the same plugin files were loaded (kept in cache/ of the distribution).")
    boolean reload;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        EngineListingCache.Format format = json ? EngineListingCache.Format.JSON
                : markdown ? EngineListingCache.Format.MARKDOWN : EngineListingCache.Format.TABLE;
        Optional<EngineListingCache> cache = EngineListingCache.of(parent.resolvePluginsDir());
        Optional<String> kept = reload ? Optional.empty() : cache.flatMap(c -> c.read(format));
        if (kept.isPresent()) {
            out.print(kept.get());
        } else {
            try (DbspecHost host = parent.startHost()) {
                List<EngineEntry> entries = host.registry().entries();
                // the asked format first, on its own: a spec failing in what another format reads must not stop it
                String asked = render(format, entries);
                out.print(asked);
                // the others too, kept for the next run only when all three could be made and no engine FAILED
                if (cache.isPresent() && entries.stream().noneMatch(entry -> entry.state() == dev.dbspec.host.EngineState.FAILED)) {
                    try {
                        Map<EngineListingCache.Format, String> outputs = new java.util.EnumMap<>(EngineListingCache.Format.class);
                        for (EngineListingCache.Format other : EngineListingCache.Format.values()) {
                            outputs.put(other, other == format ? asked : render(other, entries));
                        }
                        cache.get().write(outputs);
                    } catch (RuntimeException | java.io.IOException e) {
                        // nothing kept: the next run loads the plugins again
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String render(EngineListingCache.Format format, List<EngineEntry> entries) throws java.io.IOException {
        return switch (format) {
            case JSON -> Json.MAPPER.writeValueAsString(entries.stream().map(EnginesCommand::toJson).toList()) + System.lineSeparator();
            case MARKDOWN -> markdown(entries);
            case TABLE -> table(entries);
        };
    }

    /** The table with, below it, the engines whose driver is missing and why any engine did not start. */
    private static String table(List<EngineEntry> entries) {
        StringBuilder text = new StringBuilder();
        String newline = System.lineSeparator();
        TextTable table = new TextTable("ID", "NAME", "PLUGIN", "VERSION", "STATE", "DRIVER", "LIMIT", "GRAINS", "URL PREFIXES");
        StringBuilder reasons = new StringBuilder();
        List<String> missingDrivers = new java.util.ArrayList<>();
        for (EngineEntry entry : entries) {
            EngineSpec spec = entry.spec().orElse(null);
            DriverStatus driver = spec == null ? null : DriverStatus.of(entry);
            if (driver != null && !driver.present()) {
                missingDrivers.add(entry.id());
            }
            table.row(entry.id(), spec == null ? "-" : spec.displayName(), entry.plugin(), entry.pluginVersion(),
                    entry.state().name(), driver == null ? "-" : driver.present() ? "present" : "missing",
                    spec == null ? "-" : spec.limitMethod().name(),
                    spec == null ? "-" : Integer.toString(spec.timeGrainExpressions().size()),
                    spec == null ? "-" : String.join(" ", spec.urlPrefixes()));
            entry.reason().ifPresent(r -> reasons.append("  ").append(entry.id()).append(": ").append(r).append(newline));
        }
        text.append(table.render());
        if (!missingDrivers.isEmpty()) {
            text.append(newline);
            text.append("Driver missing (install it with `").append(DriverInstaller.installCommand("ID")).append("`): ")
                    .append(String.join(", ", missingDrivers)).append(newline);
        }
        if (reasons.length() > 0) {
            text.append(newline);
            text.append("Not started:").append(newline);
            text.append(reasons);
        }
        return text.toString();
    }

    private static Map<String, Object> toJson(EngineEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        EngineSpec spec = entry.spec().orElse(null);
        json.put("id", entry.id());
        json.put("name", spec == null ? null : spec.displayName());
        json.put("plugin", entry.plugin());
        json.put("pluginVersion", entry.pluginVersion());
        json.put("state", entry.state().name());
        json.put("reason", entry.reason().orElse(null));
        json.put("limitMethod", spec == null ? null : spec.limitMethod().name());
        json.put("grains", spec == null ? List.of() : GrainsCommand.sorted(spec).keySet().stream().map(TimeGrain::iso).toList());
        json.put("urlPrefixes", spec == null ? List.of() : spec.urlPrefixes());
        json.put("connectionOptions", spec == null ? null : connectionOptions(spec));
        // "live": the plugin bundles its driver and this repository checks it against a running engine in every build
        json.put("validation", spec == null ? null : DriverStatus.of(entry).bundled() ? "live" : "spec-only");
        json.put("validatedVersion", spec == null ? null : DriverStatus.of(entry).validatedVersion().orElse(null));
        json.put("driver", spec == null ? null : driverJson(DriverStatus.of(entry)));
        return json;
    }

    /** Whether the engine's driver is present, and the command that installs it when it is not (also GET /api/engines). */
    static Map<String, Object> driverJson(DriverStatus driver) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("class", driver.driverClass());
        json.put("present", driver.present());
        json.put("bundled", driver.bundled());
        json.put("mavenCoordinates", driver.coordinates().orElse(null));
        json.put("installCommand", driver.installCommand().orElse(null));
        return json;
    }

    /**
     * One row per engine. "live" means the plugin bundles its driver, which in this repository goes with a
     * conformance test against the real engine in every build (a host test checks the pairing).
     */
    static String markdown(List<EngineEntry> entries) {
        StringBuilder md = new StringBuilder();
        md.append("| Engine | ID | Plugin | JDBC driver | Driver artifact | Validation | Validated on | Limit | Time grains |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (EngineEntry entry : entries) {
            EngineSpec spec = entry.spec().orElse(null);
            if (spec == null) {
                md.append("| - | ").append(entry.id()).append(" | ").append(entry.plugin()).append(" | - | - | ")
                        .append(entry.state()).append(" | - | - | - |\n");
                continue;
            }
            DriverStatus driver = DriverStatus.of(entry);
            String artifact = driver.coordinates()
                    .map(coordinates -> "`" + coordinates + "` (" + driver.license().orElse("") + (driver.bundled() ? ", bundled)" : ")"))
                    .orElse("-");
            md.append("| ").append(spec.displayName().replace("|", "\\|"))
                    .append(" | `").append(entry.id())
                    .append("` | ").append(entry.plugin())
                    .append(" | `").append(driver.driverClass())
                    .append("` | ").append(artifact)
                    .append(" | ").append(driver.bundled() ? "live" : "spec-only")
                    .append(" | ").append(driver.validatedVersion().orElse("-"))
                    .append(" | ").append(spec.limitMethod()).append(", ").append(spec.limitSyntax())
                    .append(" | ").append(grains(spec))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** "all 21", or the count and the standard grains the engine lacks. */
    private static String grains(EngineSpec spec) {
        Map<TimeGrain, String> claimed = spec.timeGrainExpressions();
        List<String> missing = java.util.Arrays.stream(TimeGrain.values()).filter(g -> !claimed.containsKey(g)).map(TimeGrain::iso).toList();
        if (missing.isEmpty()) {
            return "all " + TimeGrain.values().length;
        }
        return claimed.size() + " of " + TimeGrain.values().length + "; not " + String.join(", ", missing);
    }

    /** The allow-list: each allowed option with its rule (and whether it is a secret), each refused one with the reason. */
    static Map<String, Object> connectionOptions(dev.dbspec.api.EngineSpec spec) {
        dev.dbspec.api.ConnectionOptions options = spec.connectionOptions();
        Map<String, Object> allowed = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        options.allowedOptions().values().forEach(option -> allowed.put(option.name(),
                option.secret() ? "a secret" : option.rule().description()));
        Map<String, String> refused = new java.util.TreeMap<>(options.refusedOptions());
        spec.forbiddenUrlOptions().forEach(refused::putIfAbsent);
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("syntax", options.syntax().name());
        json.put("allowed", allowed);
        json.put("refused", refused);
        return json;
    }
}
