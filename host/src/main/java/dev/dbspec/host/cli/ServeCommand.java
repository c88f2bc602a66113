package dev.dbspec.host.cli;

import dev.dbspec.host.rest.RestServer;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec serve}: the REST API until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the REST API (engines, databases, grants, SQL limit/inspect, sync and async queries, tasks, audit, health); "
                + "every route but health needs a bearer token: see dbspec users add.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    DbspecCommand parent;

    @Spec
    CommandSpec command;

    @Mixin
    RuntimeOptions options = new RuntimeOptions();

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (default 8088, 0 for any free port).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Override
    public Integer call() throws Exception {
        DbspecConfig config = options.load().with("port", port);
        ServerRuntime runtime = ServerRuntime.start(config, Optional.of(parent.resolvePluginsDir()));
        RestServer server;
        try {
            server = RestServer.start(runtime, bind, config.port());
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        command.commandLine().getOut().println("dbspec serving http://" + bind + ":" + server.port() + "/api");
        command.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            runtime.close();
            stopped.countDown();
        }, "dbspec-serve-shutdown"));
        stopped.await();
        return 0;
    }
}
