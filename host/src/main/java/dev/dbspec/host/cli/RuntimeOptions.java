package dev.dbspec.host.cli;

import dev.dbspec.host.runtime.DbspecConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code worker}: configuration file, cache, broker, data directory. */
final class RuntimeOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties); default $DBSPEC_CONFIG. Environment DBSPEC_* overrides it.")
    Path config;

    @Option(names = "--cache", paramLabel = "URI", description = "Shared cache, e.g. redis://127.0.0.1:6379 (default: embedded).")
    String cache;

    @Option(names = "--broker", paramLabel = "URI", description = "Task broker, e.g. amqp://guest:guest@127.0.0.1:5672 (default: in-process). Needs --cache redis://...")
    String broker;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where registered databases are stored (default ~/.dbspec).")
    Path dataDir;

    @Option(names = "--queue", paramLabel = "NAME", description = "Task queue name (default dbspec.tasks).")
    String queue;

    DbspecConfig load() {
        Optional<Path> file = Optional.ofNullable(config).or(() -> Optional.ofNullable(System.getenv("DBSPEC_CONFIG"))
                .filter(value -> !value.isBlank()).map(Path::of));
        return DbspecConfig.load(file, System.getenv())
                .with("cache", cache)
                .with("broker", broker)
                .with("data.dir", dataDir)
                .with("tasks.queue", queue);
    }
}
