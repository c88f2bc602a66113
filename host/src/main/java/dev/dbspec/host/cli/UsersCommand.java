package dev.dbspec.host.cli;

import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.databases.RequestException;
import dev.dbspec.host.runtime.DbspecConfig;
import dev.dbspec.host.security.AccessControl;
import dev.dbspec.host.security.Role;
import dev.dbspec.host.security.UserAccount;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec users add|list|remove}: the local users of the REST API, in the server's metadata store. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Manage the REST API's users (in the same metadata store as serve: use the same --data-dir and --config).",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class})
final class UsersCommand implements Callable<Integer> {
    @ParentCommand
    DbspecCommand parent;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().usage(command.commandLine().getErr());
        return DbspecCommand.EXIT_UNKNOWN_ENGINE;
    }

    /** {@code dbspec users add NAME --role ROLE}: prints the new token once. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user and print their bearer token on standard output, once: it is stored only as a hash.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Spec
        CommandSpec command;

        @Mixin
        StoreOptions options = new StoreOptions();

        @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, '_', '.', '@' or '-' (at most 64).")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, analyst or viewer.")
        String role;

        @Override
        public Integer call() {
            PrintWriter out = command.commandLine().getOut();
            PrintWriter err = command.commandLine().getErr();
            Role parsed;
            try {
                parsed = Role.parse(role);
                UserAccount.checkName(name);
            } catch (IllegalArgumentException e) {
                err.println("dbspec: " + e.getMessage());
                err.flush();
                return DbspecCommand.EXIT_UNKNOWN_ENGINE;
            }
            DbspecConfig config = options.load();
            try (DbspecHost host = users.parent.startHost(); AccessControl security = StoreOptions.open(config, host)) {
                AccessControl.IssuedToken issued = security.addUser(StoreOptions.actor(), name, parsed);
                out.println(issued.token());
                out.flush();
                err.println("dbspec: user " + name + " added with role " + parsed.id() + "; the token above is shown only now: keep it secret");
                err.flush();
                return 0;
            } catch (RequestException e) {
                err.println("dbspec: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }

    /** {@code dbspec users list}: names, roles, dates; never a token or a hash. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users: name, role, when added, when their token was issued.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

        @Spec
        CommandSpec command;

        @Mixin
        StoreOptions options = new StoreOptions();

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = command.commandLine().getOut();
            DbspecConfig config = options.load();
            try (DbspecHost host = users.parent.startHost(); AccessControl security = StoreOptions.open(config, host)) {
                List<UserAccount> accounts = security.store().users();
                if (json) {
                    List<Map<String, String>> rows = accounts.stream().map(user -> {
                        Map<String, String> row = new LinkedHashMap<>();
                        row.put("name", user.name());
                        row.put("role", user.role().id());
                        row.put("created", user.created().toString());
                        row.put("tokenIssued", user.tokenIssued().toString());
                        return row;
                    }).toList();
                    out.println(Json.MAPPER.writeValueAsString(rows));
                } else {
                    TextTable table = new TextTable("NAME", "ROLE", "CREATED", "TOKEN ISSUED");
                    accounts.forEach(user -> table.row(user.name(), user.role().id(), user.created().toString(), user.tokenIssued().toString()));
                    out.print(table.render());
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code dbspec users remove NAME}: the user's token stops working at once; their grants go too. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user: their token stops working at once and their grants are removed.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        UsersCommand users;

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
            try (DbspecHost host = users.parent.startHost(); AccessControl security = StoreOptions.open(config, host)) {
                if (!security.removeUser(StoreOptions.actor(), name)) {
                    err.println("dbspec: no user named '" + name + "'");
                    err.flush();
                    return 1;
                }
                if (security.store().users().stream().noneMatch(user -> user.role() == Role.ADMIN)) {
                    err.println("dbspec: warning: no admin is left; add one with: dbspec users add NAME --role admin");
                }
                command.commandLine().getOut().println("user " + name + " removed");
                command.commandLine().getOut().flush();
                err.flush();
                return 0;
            }
        }
    }
}
