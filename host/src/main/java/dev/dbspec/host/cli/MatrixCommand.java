package dev.dbspec.host.cli;

import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.validate.EngineMatrix;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dbspec matrix}: every installed engine against every grain and capability. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Print every installed engine x every time grain and capability; claims proven by test-db reports are marked verified.")
final class MatrixCommand implements Callable<Integer> {
    @ParentCommand
    DbspecCommand parent;

    @Spec
    CommandSpec command;

    @Option(names = "--reports", paramLabel = "DIR", description = "Folder of test-db JSON reports whose passed checks mark cells as verified live.")
    Path reports;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the matrix as a self-contained HTML page.")
    Path html;

    @Option(names = "--markdown", description = "Print Markdown tables (the default output).")
    boolean markdown;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        if (reports != null && !Files.isDirectory(reports)) {
            command.commandLine().getErr().println("dbspec: the --reports folder " + reports
                    + (Files.exists(reports) ? " is not a folder" : " does not exist"));
            return TestDbCommand.EXIT_USAGE;
        }
        java.util.Optional<String> htmlProblem = TestDbCommand.prepareOutput(html);
        if (htmlProblem.isPresent()) {
            command.commandLine().getErr().println("dbspec: " + htmlProblem.get());
            return TestDbCommand.EXIT_USAGE;
        }
        try (DbspecHost host = parent.startHost()) {
            EngineMatrix matrix = EngineMatrix.of(host.registry().specs(), reports);
            if (html != null) {
                Files.writeString(html, matrix.toHtml(html), StandardCharsets.UTF_8);
                out.println("HTML matrix: " + html);
            }
            if (html == null || markdown) {
                out.print(matrix.toMarkdown());
            }
            out.flush();
        }
        return 0;
    }
}
