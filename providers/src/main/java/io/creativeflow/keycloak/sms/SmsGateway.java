package io.creativeflow.keycloak.sms;

import io.creativeflow.keycloak.config.SpecSettingsProvider;
import org.keycloak.models.KeycloakSession;

/** The sender the operator chose (SMS_PROVIDER_GATEWAY; Twilio when its key is set, else the log). */
public final class SmsGateway {

    private SmsGateway() {
    }

    public static SmsSender sender(KeycloakSession session) {
        String id = session.getProvider(SpecSettingsProvider.class).settings().get("cf.sms.gateway");
        SmsSender sender = session.getProvider(SmsSender.class, id);
        if (sender == null) {
            throw new IllegalStateException("No SMS gateway '" + id + "' is installed (SPI " + SmsSenderSpi.NAME + ")");
        }
        return sender;
    }
}
