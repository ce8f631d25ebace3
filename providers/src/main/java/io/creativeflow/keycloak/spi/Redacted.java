package io.creativeflow.keycloak.spi;

import java.util.regex.Pattern;

/**
 * Text for WARN and ERROR lines with what identifies a person taken out: email addresses, phone
 * numbers and IP addresses become {@code •••}. For messages of exceptions we did not write (SMTP,
 * gateways), which may repeat a recipient.
 */
public final class Redacted {

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ().-]{6,}\\d");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b");
    private static final Pattern IPV6 = Pattern.compile("\\b(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}\\b");

    private Redacted() {
    }

    public static String text(String message) {
        if (message == null) {
            return null;
        }
        String redacted = EMAIL.matcher(message).replaceAll("•••");
        redacted = IPV4.matcher(redacted).replaceAll("•••");
        redacted = IPV6.matcher(redacted).replaceAll("•••");
        return PHONE.matcher(redacted).replaceAll("•••");
    }
}
