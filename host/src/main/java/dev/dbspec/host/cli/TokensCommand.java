package dev.dbspec.host.cli;

import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.AccessControl;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec tokens rotate NAME}: a new token for a user; the old one stops working at once. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Manage the users' bearer tokens (in the same metadata store as serve).",
        subcommands = {TokensCommand.Rotate.class})
final class TokensCommand implements Callable<Integer> {
    @ParentCommand
    DbspecCommand parent;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().usage(command.commandLine().getErr());
        return DbspecCommand.EXIT_UNKNOWN_ENGINE;
    }

    /** Prints the new token once. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Give a user a new token, printed once on standard output; the old token stops working at once.")
    static final class Rotate implements Callable<Integer> {
        @ParentCommand
        TokensCommand tokens;

        @Spec
        CommandSpec command;

        @Mixin
        StoreOptions options = new StoreOptions();

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            PrintWriter err = command.commandLine().getErr();
            DbspecConfig config = options.load();
            try (DbspecHost host = tokens.parent.startHost(); AccessControl security = StoreOptions.open(config, host)) {
                Optional<AccessControl.IssuedToken> issued = security.rotateToken(StoreOptions.actor(), name);
                if (issued.isEmpty()) {
                    err.println("dbspec: no user named '" + name + "'");
                    err.flush();
                    return 1;
                }
                command.commandLine().getOut().println(issued.get().token());
                command.commandLine().getOut().flush();
                err.println("dbspec: new token for " + name + " (the old one no longer works); it is shown only now: keep it secret");
                err.flush();
                return 0;
            }
        }
    }
}
