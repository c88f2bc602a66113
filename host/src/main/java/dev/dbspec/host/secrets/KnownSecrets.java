package dev.dbspec.host.secrets;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values this process has seen (registrations' passwords and credential values, the
 * store's password), so that log lines and messages that echo one in a form no {@link Redactor} rule
 * recognises are masked too. A last line of defence for the logs: code still redacts by position first.
 * Only values that {@link Redactor#maskableEverywhere} are kept.
 */
public final class KnownSecrets {
    /** Bounds memory and the cost of masking every log line; beyond it, secrets are still masked by position. */
    static final int CAPACITY = 10_000;

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private KnownSecrets() {
    }

    /** Remembers {@code values} for the rest of the process's life. */
    public static void remember(Collection<String> values) {
        requireNonNull(values, "values is null");
        for (String value : values) {
            if (Redactor.maskableEverywhere(value) && VALUES.size() < CAPACITY) {
                VALUES.add(value);
            }
        }
    }

    /** A snapshot of the remembered values. */
    public static Set<String> values() {
        return Set.copyOf(VALUES);
    }

    /** {@code text} with secrets masked by position and every remembered value masked. */
    public static String redact(String text) {
        return Redactor.redactText(text, Set.of(), VALUES);
    }
}
