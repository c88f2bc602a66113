package dev.dbspec.host.cli;

import dev.dbspec.host.AmbiguousEngineException;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.EngineEntry;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.EngineState;
import dev.dbspec.host.UnknownEngineException;
import dev.dbspec.host.drivers.DriverInstallException;
import dev.dbspec.host.drivers.DriverInstaller;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dbspec drivers install ID [--version V] [--repository URL]}: the engine's JDBC driver, at the coordinates its
 * installed spec declares, with its runtime dependencies and verified checksums, into {@code plugins/<plugin>/drivers/}.
 * Exit codes: 0 installed or already there, 1 not installed (not in the repository, a checksum failed, no coordinates),
 * 2 unknown engine, 4 repository URL or version refused.
 */
@Command(name = "install",
        description = {"Install an engine's JDBC driver from Maven Central: the Maven coordinates its spec declares (and the"
                + " driver's runtime dependencies), every file checked against its checksum, into the plugin's drivers/ folder.",
                "Exit codes: 0 installed or already there, 1 not installed, 2 unknown engine, 4 repository URL or version refused."})
final class DriversInstallCommand implements Callable<Integer> {
    /** Exit code for a refused repository URL or version, as test-db's for a refused URL. */
    static final int EXIT_REFUSED = 4;

    @ParentCommand
    DriversCommand drivers;

    @Spec
    CommandSpec command;

    // --version belongs to this command, so no mixinStandardHelpOptions (whose -V/--version prints dbspec's)
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "ID", description = "The engine id (or alias), as `dbspec engines` lists it.")
    String engine;

    @Option(names = "--version", paramLabel = "V", description = "The driver version (default: the one the spec declares).")
    String version;

    @Option(names = "--repository", paramLabel = "URL",
            description = "A Maven repository: https:// or file:// only (default: ${DEFAULT-VALUE}).",
            defaultValue = DriverInstaller.MAVEN_CENTRAL_URL)
    String repository;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        URI repositoryUri;
        try {
            repositoryUri = DriverInstaller.repository(repository); // before anything runs
        } catch (DriverInstallException e) {
            err.println("dbspec: " + e.getMessage());
            err.flush();
            return EXIT_REFUSED;
        }
        try (DbspecHost host = drivers.parent.startHost()) {
            EngineEntry entry = entry(host.registry(), engine);
            DriverInstaller.Result result;
            try {
                result = DriverInstaller.install(entry, Optional.ofNullable(version), repositoryUri);
            } catch (DriverInstallException e) {
                err.println("dbspec: " + e.getMessage());
                err.flush();
                return e.kind() == DriverInstallException.Kind.REFUSED ? EXIT_REFUSED : 1;
            }
            if (result.alreadyInstalled()) {
                out.println(entry.id() + ": " + result.note() + " (" + result.coordinates() + (result.files().isEmpty() ? ""
                        : " in " + result.folder() + "/") + "); nothing downloaded");
                out.flush();
                return 0;
            }
            out.println(entry.id() + ": installed " + result.coordinates() + " into " + result.folder() + "/:");
            result.files().forEach(file -> out.println("  " + file));
            String driverClass = entry.spec().orElseThrow().driverClassName();
            if (!containsClass(result.folder(), result, driverClass)) {
                out.flush();
                err.println("dbspec: warning: none of the installed jars holds " + driverClass + "; the spec's coordinates may be wrong");
                err.flush();
                return 1;
            }
            out.println("The plugin's class loader loads them at the next start; `dbspec drivers` shows " + entry.id() + " as present.");
            out.flush();
        }
        return 0;
    }

    /** The STARTED entry with this id or alias; an unknown id gets "did you mean" with close ids. */
    private static EngineEntry entry(EngineRegistry registry, String idOrAlias) {
        Optional<EngineEntry> byId = registry.entry(idOrAlias.trim().toLowerCase(java.util.Locale.ROOT));
        if (byId.isPresent() && byId.get().state() == EngineState.STARTED) {
            return byId.get();
        }
        try {
            String id = registry.resolve(idOrAlias).id();
            return registry.entry(id).orElseThrow();
        } catch (AmbiguousEngineException e) {
            throw e;
        } catch (UnknownEngineException e) {
            if (byId.isPresent()) {
                throw e; // the engine exists but FAILED: the message says why
            }
            throw UnknownEngineException.forId("unknown engine '" + idOrAlias + "'", registry.closeIds(idOrAlias), registry.ids());
        }
    }

    private static boolean containsClass(Path folder, DriverInstaller.Result result, String className) {
        String entryName = className.replace('.', '/') + ".class";
        for (String file : result.files()) {
            try (JarFile jar = new JarFile(folder.resolve(file).toFile())) {
                if (jar.getJarEntry(entryName) != null) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }
}
