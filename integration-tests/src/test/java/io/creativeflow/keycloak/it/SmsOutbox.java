package io.creativeflow.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code log} SMS gateway's outbox (SMS_OUTBOX_FILE, set by failsafe): one JSON line per message
 * the server would have texted.
 */
final class SmsOutbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    static Path file() {
        String configured = System.getenv("SMS_OUTBOX_FILE");
        if (configured == null) {
            throw new IllegalStateException("SMS_OUTBOX_FILE is not set: run the ITs through Maven (failsafe)");
        }
        return Path.of(configured);
    }

    /** Texts to {@code e164}, oldest first. */
    static List<String> to(String e164) throws IOException {
        List<String> bodies = new ArrayList<>();
        if (!Files.exists(file())) {
            return bodies;
        }
        for (String line : Files.readAllLines(file(), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode message = JSON.readTree(line);
            if (e164.equals(message.path("to").asText())) {
                bodies.add(message.path("body").asText());
            }
        }
        return bodies;
    }

    static int countTo(String e164) throws IOException {
        return to(e164).size();
    }

    /** The text number {@code index} (0-based) to {@code e164}, waiting briefly for it. */
    static String nth(String e164, int index) throws Exception {
        for (int i = 0; i < 50; i++) {
            List<String> bodies = to(e164);
            if (bodies.size() > index) {
                return bodies.get(index);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no text #" + index + " to " + e164 + " in " + file());
    }

    static String code(String body) {
        Matcher matcher = CODE.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no code in: " + body);
        }
        return matcher.group(1);
    }

    /** A German mobile number nobody else in the run uses: E.164. */
    static String newMobileNumber() {
        return "+49151" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
