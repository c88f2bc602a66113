package dev.dbspec.host.cli;

import dev.dbspec.api.SpiVersion;
import dev.dbspec.host.AmbiguousEngineException;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.EngineRegistry;
import dev.dbspec.host.UnknownEngineException;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.host.secrets.InvalidSecretKeyException;
import dev.dbspec.host.secrets.UndecryptableSecretException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dbspec}: the top-level command. */
@Command(name = "dbspec",
        mixinStandardHelpOptions = true,
        versionProvider = DbspecCommand.Version.class,
        description = "Engine specs for databases: dialect facts, time grains, limits, live validation.")
public final class DbspecCommand {
    /**
     * The subcommands by name, in the order help lists them. Added in code rather than by the annotation so that a run
     * builds the model of the one it runs only ({@link #commandLine(String...)}): picocli reads every option of every
     * command it is given, reflectively, which was most of a short command's start.
     */
    static final java.util.Map<String, Class<?>> SUBCOMMANDS;

    static {
        // names written out, not read from each class's @Command: reading annotations is reflection on every class
        java.util.Map<String, Class<?>> subcommands = new java.util.LinkedHashMap<>();
        subcommands.put("engines", EnginesCommand.class);
        subcommands.put("grains", GrainsCommand.class);
        subcommands.put("drivers", DriversCommand.class);
        subcommands.put("test-db", TestDbCommand.class);
        subcommands.put("matrix", MatrixCommand.class);
        subcommands.put("sql", SqlCommand.class);
        subcommands.put("serve", ServeCommand.class);
        subcommands.put("worker", WorkerCommand.class);
        subcommands.put("upload", UploadCommand.class);
        subcommands.put("users", UsersCommand.class);
        subcommands.put("tokens", TokensCommand.class);
        subcommands.put("secrets", SecretsCommand.class);
        subcommands.put("help", CommandLine.HelpCommand.class);
        SUBCOMMANDS = java.util.Collections.unmodifiableMap(subcommands);
    }

    /** Exit code for an unknown or ambiguous engine, or a refused URL. */
    public static final int EXIT_UNKNOWN_ENGINE = 2;

    @Option(names = "--plugins-dir", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "Plugins directory (default: $DBSPEC_PLUGINS_DIR, else plugins/ of the distribution).")
    Path pluginsDir;

    /** The command line with every subcommand and dbspec's exit-code mapping. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet());
    }

    /**
     * The command line to run {@code args}: with only the subcommand they name when they name one (the others are not
     * built), else with all of them (help, version, a usage error listing the commands).
     */
    public static CommandLine commandLine(String... args) {
        return commandLine(subcommandNamed(args).map(java.util.Set::of).orElse(SUBCOMMANDS.keySet()));
    }

    /** The subcommand {@code args} run: their first argument that is not the top-level {@code --plugins-dir} option. */
    static Optional<String> subcommandNamed(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--plugins-dir")) {
                i++; // its value
            } else if (!args[i].startsWith("--plugins-dir=")) {
                return SUBCOMMANDS.containsKey(args[i]) && !args[i].equals("help") ? Optional.of(args[i]) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static CommandLine commandLine(java.util.Set<String> subcommands) {
        CommandLine commandLine = new CommandLine(new DbspecCommand());
        for (String name : subcommands) {
            commandLine.addSubcommand(name, new CommandLine(SUBCOMMANDS.get(name)));
        }
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof UnknownEngineException || exception instanceof AmbiguousEngineException
                    || exception instanceof UnsafeUrlException) {
                cmd.getErr().println("dbspec: " + exception.getMessage());
                return EXIT_UNKNOWN_ENGINE;
            }
            if (exception instanceof InvalidSecretKeyException || exception instanceof UndecryptableSecretException) {
                cmd.getErr().println("dbspec: " + exception.getMessage());
                return 1;
            }
            cmd.getErr().println("dbspec: " + EngineRegistry.redactUrl(String.valueOf(exception)));
            return 1;
        });
        return commandLine;
    }

    /** Starts a host on the chosen plugins directory. */
    DbspecHost startHost() {
        return DbspecHost.start(Optional.of(resolvePluginsDir()), true);
    }

    Path resolvePluginsDir() {
        if (pluginsDir != null) {
            return pluginsDir;
        }
        String fromEnv = System.getenv("DBSPEC_PLUGINS_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String home = System.getProperty("dbspec.home");
        return home == null ? Path.of("plugins") : Path.of(home, "plugins");
    }

    /** The product version and the SPI version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dbspec " + productVersion() + " (SPI " + SpiVersion.CURRENT + ")"};
        }
    }

    static String productVersion() {
        try (InputStream in = DbspecCommand.class.getResourceAsStream("/dev/dbspec/host/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
