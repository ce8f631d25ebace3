package io.creativeflow.keycloak.sms;

import com.google.auto.service.AutoService;
import com.twilio.http.TwilioRestClient;
import io.creativeflow.keycloak.config.SpecSettings;
import io.creativeflow.keycloak.config.SpecSettingsProvider;
import io.creativeflow.keycloak.spi.StatelessProviderFactory;
import java.time.Duration;
import org.keycloak.models.KeycloakSession;

/**
 * The {@code twilio} gateway. Credentials: SMS_PROVIDER_API_KEY is an API key SID ({@code SK…}, with
 * SMS_PROVIDER_API_SECRET its secret and SMS_PROVIDER_ACCOUNT_SID the account) or the account SID
 * itself ({@code AC…}, with SMS_PROVIDER_API_SECRET the auth token). One client for the whole server.
 */
@AutoService(SmsSenderFactory.class)
public final class TwilioSmsSenderFactory implements SmsSenderFactory, StatelessProviderFactory<SmsSender> {

    public static final String ID = "twilio";

    private volatile TwilioSmsSender sender;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public SmsSender create(KeycloakSession session) {
        TwilioSmsSender current = sender;
        if (current == null) {
            synchronized (this) {
                if (sender == null) {
                    sender = build(session.getProvider(SpecSettingsProvider.class).settings());
                }
                current = sender;
            }
        }
        return current;
    }

    static TwilioSmsSender build(SpecSettings settings) {
        String apiKey = settings.get("cf.sms.twilio.api-key");
        String secret = settings.get("cf.sms.twilio.api-secret");
        String account = settings.get("cf.sms.twilio.account-sid");
        if (apiKey.isEmpty() || secret.isEmpty()) {
            throw new IllegalStateException("The twilio SMS gateway needs SMS_PROVIDER_API_KEY and SMS_PROVIDER_API_SECRET");
        }
        TwilioRestClient client = new TwilioRestClient.Builder(apiKey, secret)
                .accountSid(account.isEmpty() ? apiKey : account)
                .httpClient(new TwilioHttpClient(settings.get("cf.sms.twilio.api-url"),
                        Duration.ofMillis(Long.parseLong(settings.get("cf.sms.twilio.timeout-millis")))))
                .build();
        return new TwilioSmsSender(client, settings.get("cf.sms.twilio.sender"));
    }
}
