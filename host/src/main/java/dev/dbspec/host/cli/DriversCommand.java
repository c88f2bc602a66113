package dev.dbspec.host.cli;

import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.DriverStatus;
import dev.dbspec.host.drivers.DriverInstaller;
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

/**
 * {@code dbspec drivers [list]}: each engine's JDBC driver and whether it is installed; {@code dbspec drivers install}
 * fetches a missing one ({@link DriversInstallCommand}).
 */
@Command(name = "drivers", mixinStandardHelpOptions = true,
        description = "List each engine's JDBC driver (class, Maven coordinates, licence) and whether it is installed.",
        subcommands = {DriversCommand.ListCommand.class, DriversInstallCommand.class})
final class DriversCommand implements Callable<Integer> {
    @ParentCommand
    DbspecCommand parent;

    @Spec
    CommandSpec command;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    /** {@code dbspec drivers list}: the same as {@code dbspec drivers}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The same as `dbspec drivers`.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        DriversCommand drivers;

        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            return drivers.list(json || drivers.json);
        }
    }

    @Override
    public Integer call() throws Exception {
        return list(json);
    }

    private Integer list(boolean json) throws Exception {
        PrintWriter out = command.commandLine().getOut();
        try (DbspecHost host = parent.startHost()) {
            List<DriverStatus> drivers = host.registry().entries().stream()
                    .filter(e -> e.spec().isPresent()).map(DriverStatus::of).toList();
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(drivers.stream().map(DriversCommand::toJson).toList()));
            } else {
                TextTable table = new TextTable("ENGINE", "DRIVER CLASS", "PRESENT", "BUNDLED", "MAVEN COORDINATES", "LICENCE");
                for (DriverStatus d : drivers) {
                    table.row(d.engineId(), d.driverClass(), d.present() ? "yes" : "no", d.bundled() ? "yes" : "no",
                            d.coordinates().orElse("-"), d.license().orElse("-"));
                }
                out.print(table.render());
                List<DriverStatus> missing = drivers.stream().filter(d -> !d.present()).toList();
                if (!missing.isEmpty()) {
                    out.println();
                    out.println("To install a missing driver, run the command (it fetches the spec's coordinates from Maven Central),"
                            + " or put its jar in the engine's drivers folder:");
                    missing.forEach(d -> out.println("  " + d.engineId() + ": "
                            + (d.coordinates().isPresent() ? DriverInstaller.installCommand(d.engineId()) + "  or  " : "")
                            + d.installFolder().orElse("(plugin is a single jar; unpack it into a folder first)")));
                }
            }
            out.flush();
        }
        return 0;
    }

    private static Map<String, Object> toJson(DriverStatus d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("engine", d.engineId());
        json.put("driverClass", d.driverClass());
        json.put("present", d.present());
        json.put("bundled", d.bundled());
        json.put("mavenCoordinates", d.coordinates().orElse(null));
        json.put("license", d.license().orElse(null));
        json.put("installFolder", d.installFolder().orElse(null));
        json.put("installCommand", d.installCommand().orElse(null));
        return json;
    }
}
