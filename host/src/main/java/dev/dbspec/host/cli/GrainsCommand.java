package dev.dbspec.host.cli;

import static picocli.CommandLine.Option;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.host.DbspecHost;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec grains --engine ID}: the time grains of one engine with their SQL. */
@Command(name = "grains", mixinStandardHelpOptions = true,
        description = "List the time grains an engine supports with their SQL templates ({col} marks the column).")
final class GrainsCommand implements Callable<Integer> {
    @ParentCommand
    DbspecCommand parent;

    @Spec
    CommandSpec command;

    @Option(names = {"-e", "--engine"}, required = true, paramLabel = "ID", description = "Engine id or alias.")
    String engine;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        try (DbspecHost host = parent.startHost()) {
            EngineSpec spec = host.registry().resolve(engine);
            Map<TimeGrain, String> grains = sorted(spec);
            if (json) {
                List<Map<String, String>> rows = grains.entrySet().stream().map(e -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("grain", e.getKey().name());
                    row.put("iso", e.getKey().iso());
                    row.put("name", e.getKey().displayName());
                    row.put("sql", e.getValue());
                    return row;
                }).toList();
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("engine", spec.id());
                document.put("grains", rows);
                out.println(Json.MAPPER.writeValueAsString(document));
            } else {
                out.println(spec.displayName() + " (" + spec.id() + "): " + grains.size() + " of " + TimeGrain.values().length + " time grains");
                TextTable table = new TextTable("ISO", "GRAIN", "SQL");
                grains.forEach((grain, sql) -> table.row(grain.iso(), grain.displayName(), sql));
                out.print(table.render());
            }
            out.flush();
        }
        return 0;
    }

    /** The spec's grains in the standard order. */
    static Map<TimeGrain, String> sorted(EngineSpec spec) {
        Map<TimeGrain, String> grains = spec.timeGrainExpressions();
        return grains.isEmpty() ? Map.of() : new EnumMap<>(grains);
    }
}
