package io.creativeflow.keycloak.config;

import java.util.List;

/** Thrown at start-up when the environment does not describe a usable configuration. */
public final class InvalidSettingsException extends RuntimeException {

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super("CreativeFlow Identity cannot start, its configuration is invalid:\n  - "
                + String.join("\n  - ", problems)
                + "\nSee .env.example and README.md (Configuration) for every variable.");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
