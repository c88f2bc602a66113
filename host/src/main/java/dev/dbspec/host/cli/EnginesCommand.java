package dev.dbspec.host.cli;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.EngineEntry;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        try (DbspecHost host = parent.startHost()) {
            List<EngineEntry> entries = host.registry().entries();
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(entries.stream().map(EnginesCommand::toJson).toList()));
            } else {
                TextTable table = new TextTable("ID", "NAME", "PLUGIN", "VERSION", "STATE", "LIMIT", "GRAINS", "URL PREFIXES");
                StringBuilder reasons = new StringBuilder();
                for (EngineEntry entry : entries) {
                    EngineSpec spec = entry.spec().orElse(null);
                    table.row(entry.id(), spec == null ? "-" : spec.displayName(), entry.plugin(), entry.pluginVersion(),
                            entry.state().name(), spec == null ? "-" : spec.limitMethod().name(),
                            spec == null ? "-" : Integer.toString(spec.timeGrainExpressions().size()),
                            spec == null ? "-" : String.join(" ", spec.urlPrefixes()));
                    entry.reason().ifPresent(r -> reasons.append("  ").append(entry.id()).append(": ").append(r).append(System.lineSeparator()));
                }
                out.print(table.render());
                if (reasons.length() > 0) {
                    out.println();
                    out.println("Not started:");
                    out.print(reasons);
                }
            }
            out.flush();
        }
        return 0;
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
        return json;
    }
}
