package dev.dbspec.host.cli;

import picocli.CommandLine;

/** Entry point of {@code bin/dbspec}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(DbspecCommand.commandLine().execute(args));
    }
}
