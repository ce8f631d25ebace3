package io.creativeflow.keycloak.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The test server's log file (KC_LOG_FILE, set by failsafe; CreativeFlowServerConfig adds the file handler). */
final class ServerLog {

    private ServerLog() {
    }

    static List<String> lines() throws IOException {
        String file = System.getenv("KC_LOG_FILE");
        if (file == null) {
            throw new IllegalStateException("KC_LOG_FILE is not set: run the ITs through Maven (failsafe)");
        }
        return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    }

    /** WARN and ERROR lines written by the pack itself. */
    static List<String> packWarnings() throws IOException {
        return lines().stream().filter(l -> l.contains("[io.creativeflow."))
                .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
    }
}
