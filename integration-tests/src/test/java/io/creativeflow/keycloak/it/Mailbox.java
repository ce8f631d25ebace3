package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.testframework.mail.MailServer;

/** Reads what Keycloak sent to the SMTP capture. */
final class Mailbox {

    private static final Pattern LINK = Pattern.compile("(http://localhost:8080/realms/[^\\s\"<>]+)");

    private final MailServer server;

    Mailbox(MailServer server) {
        this.server = server;
    }

    /** The newest message sent to {@code recipient}, waiting for it briefly. */
    MimeMessage lastTo(String recipient) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            MimeMessage[] messages = server.getReceivedMessages();
            for (int i = messages.length - 1; i >= 0; i--) {
                if (Arrays.stream(messages[i].getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().contains(recipient))) {
                    return messages[i];
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no email reached " + recipient);
    }

    /** How many messages {@code recipient} has received so far. */
    int countTo(String recipient) throws Exception {
        int count = 0;
        for (MimeMessage message : server.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().contains(recipient))) {
                count++;
            }
        }
        return count;
    }

    /** Waits until {@code recipient} has more than {@code before} messages, returns the newest. */
    MimeMessage nextTo(String recipient, int before) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            if (countTo(recipient) > before) {
                return lastTo(recipient);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no new email reached " + recipient);
    }

    /** The one-time code in a code email (its own line in the text part). */
    static String code(MimeMessage message) throws Exception {
        Matcher matcher = Pattern.compile("(?m)^\\s*(\\d{6,10})\\s*$").matcher(text(message));
        assertThat(matcher.find()).as("a code in the email").isTrue();
        return matcher.group(1);
    }

    static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String s) {
            return s;
        }
        Multipart multipart = (Multipart) content;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            all.append(part.getContent()).append('\n');
        }
        return all.toString();
    }

    static String firstLink(MimeMessage message) throws Exception {
        Matcher matcher = LINK.matcher(text(message));
        assertThat(matcher.find()).as("a Keycloak link in the email").isTrue();
        return matcher.group(1).replace("&amp;", "&");
    }
}
