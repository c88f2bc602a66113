package dev.dbspec.host.cli;

import dev.dbspec.dialects.LimitedSql;
import dev.dbspec.dialects.SqlParseException;
import dev.dbspec.dialects.SqlTooComplexException;
import dev.dbspec.dialects.SqlPipeline;
import dev.dbspec.dialects.Statement;
import dev.dbspec.dialects.StatementKind;
import dev.dbspec.dialects.TableRef;
import dev.dbspec.host.DbspecHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec sql}: the SQL pipeline of an engine on files or standard input. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Apply the engine's SQL pipeline: limit a statement, or inspect what a script does.",
        subcommands = {SqlCommand.Limit.class, SqlCommand.Inspect.class})
final class SqlCommand {
    /** Exit code for SQL the engine's parser configuration cannot read, or SQL beyond its limits (too complex). */
    static final int EXIT_PARSE_ERROR = 3;

    @ParentCommand
    DbspecCommand parent;

    /** The options both subcommands take: the engine and the inputs. */
    static final class Inputs {
        @Option(names = {"-e", "--engine"}, required = true, paramLabel = "ID", description = "Engine id or alias.")
        String engine;

        @Parameters(paramLabel = "FILE", arity = "0..*", description = "SQL files (standard input when none).")
        List<Path> files;
    }

    /** What a subcommand does with one input; may throw {@link SqlParseException}. */
    @FunctionalInterface
    interface InputAction {
        void run(SqlPipeline pipeline, String text, PrintWriter out) throws Exception;
    }

    /**
     * Starts a host, builds the engine's pipeline and runs {@code action} on each input in order; the
     * first parse error, or input beyond the default {@link dev.dbspec.dialects.SqlLimits}, stops with exit code 3.
     */
    static int eachInput(SqlCommand sql, CommandSpec command, Inputs inputs, InputAction action) throws Exception {
        PrintWriter out = command.commandLine().getOut();
        try (DbspecHost host = sql.parent.startHost()) {
            SqlPipeline pipeline = SqlPipeline.of(host.registry().resolve(inputs.engine));
            for (Map.Entry<String, String> input : inputs(inputs.files)) {
                try {
                    action.run(pipeline, input.getValue(), out);
                } catch (SqlParseException e) {
                    out.flush();
                    return reportParseError(command, input.getKey(), e);
                } catch (SqlTooComplexException e) {
                    out.flush();
                    command.commandLine().getErr().println((input.getKey().equals("-") ? "" : input.getKey() + ": ") + e.getMessage());
                    return EXIT_PARSE_ERROR;
                }
            }
            out.flush();
        }
        return 0;
    }

    /** Reads each file, or standard input when none is given. */
    static List<Map.Entry<String, String>> inputs(List<Path> files) throws IOException {
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        if (files == null || files.isEmpty()) {
            inputs.add(Map.entry("-", new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
        } else {
            for (Path file : files) {
                inputs.add(Map.entry(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return inputs;
    }

    static int reportParseError(CommandSpec command, String input, SqlParseException e) {
        String where = input.equals("-") ? "" : input + ": ";
        String near = e.token().isEmpty() ? "at end of input" : "near '" + e.token() + "'";
        command.commandLine().getErr().println(where + e.engineId() + ": line " + e.line() + ", column " + e.column() + ": "
                + near + ": " + e.reason());
        return EXIT_PARSE_ERROR;
    }

    /** {@code dbspec sql limit}. */
    @Command(name = "limit", mixinStandardHelpOptions = true,
            description = "Print the SQL limited to N rows with the engine's limit method and syntax; the user's text is kept outside the edited span.")
    static final class Limit implements Callable<Integer> {
        @ParentCommand
        SqlCommand sql;

        @Spec
        CommandSpec command;

        @picocli.CommandLine.Mixin
        Inputs inputs;

        @Option(names = {"-n", "--limit"}, required = true, paramLabel = "N", description = "Maximum rows.")
        long limit;

        @Option(names = "--force", description = "Replace an existing smaller limit too.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            return eachInput(sql, command, inputs, (pipeline, text, out) -> {
                LimitedSql limited = pipeline.applyLimit(text, limit, force);
                out.print(limited.sql());
                if (!limited.sql().endsWith("\n")) {
                    out.println();
                }
                if (!limited.note().isEmpty()) {
                    command.commandLine().getErr().println("dbspec: " + limited.outcome() + ": " + limited.note());
                }
            });
        }
    }

    /** {@code dbspec sql inspect}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Print, per input, each statement's kind, top-level limit and tables, and whether the script is read-only (JSON).")
    static final class Inspect implements Callable<Integer> {
        @ParentCommand
        SqlCommand sql;

        @Spec
        CommandSpec command;

        @picocli.CommandLine.Mixin
        Inputs inputs;

        @Option(names = "--json", description = "JSON output (the only format; accepted for clarity).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            return eachInput(sql, command, inputs, (pipeline, text, out) -> out.println(Json.MAPPER.writeValueAsString(inspect(pipeline, text))));
        }

        static Map<String, Object> inspect(SqlPipeline pipeline, String script) {
            List<Map<String, Object>> statements = new ArrayList<>();
            boolean readOnly = true;
            for (Statement statement : pipeline.split(script)) {
                String text;
                text = statement.text();
                StatementKind kind;
                OptionalLong limit;
                List<Map<String, String>> tables = new ArrayList<>();
                try {
                    kind = pipeline.classify(text).get(0);
                    limit = kind == StatementKind.QUERY ? pipeline.getLimit(text) : OptionalLong.empty();
                    for (TableRef table : pipeline.tables(text)) {
                        Map<String, String> json = new LinkedHashMap<>();
                        json.put("catalog", table.catalog());
                        json.put("schema", table.schema());
                        json.put("table", table.table());
                        tables.add(json);
                    }
                } catch (SqlParseException e) {
                    throw relocate(e, script, statement.start());
                }
                readOnly &= kind.isReadOnly();
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
                json.put("limit", limit.isPresent() ? limit.getAsLong() : null);
                json.put("tables", tables);
                statements.add(json);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("statements", statements);
            document.put("readOnly", readOnly && !statements.isEmpty());
            return document;
        }

        /** Moves an error found in one statement to its line and column in the whole script. */
        private static SqlParseException relocate(SqlParseException e, String script, int offset) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset && i < script.length(); i++) {
                if (script.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = e.line() == 1 ? e.column() + (offset - lineStart) : e.column();
            return new SqlParseException(e.engineId(), line + e.line() - 1, column, e.token(), e.reason());
        }
    }
}
