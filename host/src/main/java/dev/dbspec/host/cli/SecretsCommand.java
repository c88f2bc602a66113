package dev.dbspec.host.cli;

import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.KeyRotation;
import dev.dbspec.host.secrets.StoreKey;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec secrets}: the key that encrypts the secrets of the metadata store. */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "Manage the key that encrypts the secrets (URLs, passwords, options) of the metadata store.",
        subcommands = {SecretsCommand.RotateKeyCommand.class, CommandLine.HelpCommand.class})
final class SecretsCommand {
    @ParentCommand
    DbspecCommand parent;

    /** {@code dbspec secrets rotate-key}. */
    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = {"Create a new key and re-encrypt every registration with it; the old key is dropped.",
                    "Stop serve and the workers first. With the key in " + StoreKey.ENVIRONMENT_VARIABLE + ", put the new key in "
                            + KeyRotation.NEW_KEY_VARIABLE + " and set " + StoreKey.ENVIRONMENT_VARIABLE + " to it afterwards."})
    static final class RotateKeyCommand implements Callable<Integer> {
        @ParentCommand
        SecretsCommand secrets;

        @Spec
        CommandSpec command;

        @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties); default $DBSPEC_CONFIG. Environment DBSPEC_* overrides it.")
        Path config;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The data directory of the store and the key file (default ~/.dbspec).")
        Path dataDir;

        @Override
        public Integer call() {
            Optional<Path> file = Optional.ofNullable(config).or(() -> Optional.ofNullable(System.getenv("DBSPEC_CONFIG"))
                    .filter(value -> !value.isBlank()).map(Path::of));
            DbspecConfig loaded = DbspecConfig.load(file, System.getenv()).with("data.dir", dataDir);
            try (DbspecHost host = secrets.parent.startHost()) {
                KeyRotation.Result result = KeyRotation.rotate(loaded, host, Optional.ofNullable(System.getenv(KeyRotation.NEW_KEY_VARIABLE)));
                command.commandLine().getOut().println("re-encrypted " + result.registrations() + " registration(s) of the store "
                        + result.store() + " with a new key");
                command.commandLine().getOut().println(result.keyFile()
                        .map(path -> "the key file " + path + " now holds only the new key; the old key opens nothing")
                        .orElse("start dbspec with " + StoreKey.ENVIRONMENT_VARIABLE + " set to the new key (the value of "
                                + KeyRotation.NEW_KEY_VARIABLE + "); the old key opens nothing"));
                command.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
