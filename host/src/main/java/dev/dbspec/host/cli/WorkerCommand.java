package dev.dbspec.host.cli;

import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.runtime.ServerRuntime;
import dev.dbspec.host.services.RabbitTaskService;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec worker}: consumes tasks from RabbitMQ until the process is stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run asynchronous tasks (queries) from the RabbitMQ queue; several workers share it.")
final class WorkerCommand implements Callable<Integer> {
    @ParentCommand
    DbspecCommand parent;

    @Spec
    CommandSpec command;

    @Mixin
    RuntimeOptions options = new RuntimeOptions();

    @Option(names = "--slots", paramLabel = "N", description = "Tasks run at once by this worker (default 2).")
    Integer slots;

    @Override
    public Integer call() throws Exception {
        DbspecConfig config = options.load().with("worker.slots", slots);
        if (config.broker().isEmpty()) {
            command.commandLine().getErr().println("dbspec: worker needs --broker amqp://... and --cache redis://...");
            return DbspecCommand.EXIT_UNKNOWN_ENGINE;
        }
        ServerRuntime runtime = ServerRuntime.start(config, Optional.of(parent.resolvePluginsDir()));
        RabbitTaskService rabbit = runtime.rabbit().orElseThrow();
        rabbit.startWorkers(config.workerSlots());
        command.commandLine().getOut().println("dbspec worker " + rabbit.workerId() + " consuming " + rabbit.queue());
        command.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "dbspec-worker-shutdown"));
        stopped.await();
        return 0;
    }
}
