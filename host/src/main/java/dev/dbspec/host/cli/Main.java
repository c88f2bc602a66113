package dev.dbspec.host.cli;

import picocli.CommandLine;

/** Entry point of {@code bin/dbspec}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // picocli looks for Groovy's Closure class to support closures in annotations (dbspec has none): a class that is
        // not there is looked up in every jar of lib/, which opens them all on every start
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        System.exit(DbspecCommand.commandLine(args).execute(args));
    }
}
