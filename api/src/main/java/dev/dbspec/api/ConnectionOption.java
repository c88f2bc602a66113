package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

/**
 * One driver option a spec allows, with the rule its value must follow.
 *
 * @param name   the option's name as the driver knows it
 * @param rule   what the value may be
 * @param secret whether the value is a secret (masked in answers, errors and logs; encrypted at rest)
 */
public record ConnectionOption(String name, OptionRule rule, boolean secret) {
    public ConnectionOption {
        requireNonNull(name, "name is null");
        requireNonNull(rule, "rule is null");
    }
}
