package io.creativeflow.keycloak.sms;

import com.google.auto.service.AutoService;
import io.creativeflow.keycloak.config.SpecSettingsProvider;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.util.JsonSerialization;

/**
 * The {@code log} gateway, chosen explicitly with SMS_PROVIDER_GATEWAY=log: nothing leaves the
 * machine. Each message goes, as one JSON line ({@code sentAt}, {@code to}, {@code body}), to
 * the outbox file SMS_OUTBOX_FILE (default {@code data/sms-outbox.jsonl} in Keycloak's home), where
 * developers and tests read their codes. Never for production: it writes the codes down.
 */
@AutoService(SmsSenderFactory.class)
public final class LogSmsSenderFactory implements SmsSenderFactory, StatelessProviderFactory<SmsSender> {

    public static final String ID = "log";

    private static final Logger LOG = Logger.getLogger(LogSmsSenderFactory.class);
    private static final Object OUTBOX_LOCK = new Object();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public SmsSender create(KeycloakSession session) {
        Path outbox = outbox(session.getProvider(SpecSettingsProvider.class).settings().get("cf.sms.outbox-file"));
        return message -> write(outbox, message);
    }

    static Path outbox(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String dataDir = System.getProperty("jboss.server.data.dir");
        if (dataDir == null) {
            dataDir = Path.of(System.getProperty("kc.home.dir", "."), "data").toString();
        }
        return Path.of(dataDir, "sms-outbox.jsonl");
    }

    static void write(Path outbox, SmsMessage message) throws SmsDeliveryException {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("sentAt", Instant.now().toString());
        line.put("to", message.to());
        line.put("body", message.body());
        try {
            byte[] json = (JsonSerialization.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (OUTBOX_LOCK) {
                if (outbox.getParent() != null) {
                    Files.createDirectories(outbox.getParent());
                }
                Files.write(outbox, json, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SmsDeliveryException(SmsDeliveryException.Reason.UNAVAILABLE, null,
                    "log gateway: cannot write the SMS outbox " + outbox + ": " + e.getMessage(), e);
        }
        // The outbox holds the text; the server log only says that one was written.
        LOG.infof("SMS to %s written to the outbox %s (log gateway: nothing was sent)",
                masked(message.to()), outbox);
    }

    /** +49•••67: enough to tell two test numbers apart in the log, not enough to read one. */
    static String masked(String to) {
        if (to == null || to.length() < 6) {
            return "•••";
        }
        return to.substring(0, 3) + "•••" + to.substring(to.length() - 2);
    }
}
