package dev.dbspec.host;

import dev.dbspec.host.cli.DbspecCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the dbspec command line in-process on a plugins directory and captures its output. */
final class CliRunner {
    record Run(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    static Run run(Path plugins, String... args) {
        CommandLine commandLine = DbspecCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--plugins-dir", plugins.toString()));
        all.addAll(List.of(args));
        return new Run(commandLine.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }
}
