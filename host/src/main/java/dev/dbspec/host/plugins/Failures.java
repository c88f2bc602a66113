package dev.dbspec.host.plugins;

import java.util.LinkedHashSet;
import java.util.Set;

/** Turns a throwable into one line a user can act on: each distinct cause, outermost first. */
public final class Failures {
    private Failures() {
    }

    public static String describe(Throwable failure) {
        Set<String> parts = new LinkedHashSet<>();
        Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            String part = t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
            if (parts.stream().noneMatch(p -> p.contains(part))) {
                parts.add(part);
            }
        }
        return String.join(" <- ", parts).replaceAll("\\s+", " ");
    }
}
