package dev.dbspec.host.cli;

import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.security.AccessControl;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options of the commands that manage users and tokens: the same configuration file and data
 * directory as {@code serve}, hence the same metadata store.
 */
final class StoreOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties); default $DBSPEC_CONFIG. Environment DBSPEC_* overrides it.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data directory of the server (default ~/.dbspec).")
    Path dataDir;

    DbspecConfig load() {
        Optional<Path> file = Optional.ofNullable(config).or(() -> Optional.ofNullable(System.getenv("DBSPEC_CONFIG"))
                .filter(value -> !value.isBlank()).map(Path::of));
        return DbspecConfig.load(file, System.getenv()).with("data.dir", dataDir);
    }

    /** The store's access control (no OIDC: users and tokens are local). The caller closes it. */
    static AccessControl open(DbspecConfig config, DbspecHost host) {
        return new AccessControl(ServerRuntime.securityStore(config, host), Optional.empty());
    }

    /** Who acts from the command line, for the audit log. */
    static String actor() {
        return "cli:" + Optional.ofNullable(System.getProperty("user.name")).orElse("unknown");
    }
}
