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
        description = "Engine specs for databases: dialect facts, time grains, limits, live validation.",
        subcommands = {EnginesCommand.class, GrainsCommand.class, DriversCommand.class, TestDbCommand.class, MatrixCommand.class, SqlCommand.class, ServeCommand.class, WorkerCommand.class, UploadCommand.class, UsersCommand.class, TokensCommand.class, SecretsCommand.class, CommandLine.HelpCommand.class})
public final class DbspecCommand {
    /** Exit code for an unknown or ambiguous engine, or a refused URL. */
    public static final int EXIT_UNKNOWN_ENGINE = 2;

    @Option(names = "--plugins-dir", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "Plugins directory (default: $DBSPEC_PLUGINS_DIR, else plugins/ of the distribution).")
    Path pluginsDir;

    /** The command line with dbspec's exit-code mapping. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DbspecCommand());
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
