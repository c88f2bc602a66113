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

    /** As {@code bin/dbspec} runs: the command line built for these arguments ({@link DbspecCommand#commandLine(String...)}). */
    static Run run(Path plugins, String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins-dir", plugins.toString()));
        all.addAll(List.of(args));
        String[] line = all.toArray(String[]::new);
        CommandLine commandLine = DbspecCommand.commandLine(line);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute(line), out.toString(), err.toString());
    }
}
