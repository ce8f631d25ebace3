package io.creativeflow.keycloak.otp.sms;

import io.creativeflow.keycloak.otp.CodeChannel;
import io.creativeflow.keycloak.otp.CodeDeliveryException;
import io.creativeflow.keycloak.otp.CodeDialogue;
import io.creativeflow.keycloak.otp.CodePolicy;
import io.creativeflow.keycloak.otp.Reservations;
import io.creativeflow.keycloak.sms.SmsDeliveryException;
import io.creativeflow.keycloak.sms.SmsGateway;
import io.creativeflow.keycloak.sms.SmsMessage;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * Delivers codes by SMS to one number: the enrolled one at login, the one being confirmed at
 * enrolment. Every send reserves the guards' slots first; the text comes from the login theme
 * ({@code cfSmsOtpText}) in the user's language.
 */
final class SmsCodeChannel implements CodeChannel {

    private final String e164;
    private final String numberHash;
    private final SmsGuards guards;

    SmsCodeChannel(String e164, String numberHash, SmsGuards guards) {
        this.e164 = e164;
        this.numberHash = numberHash;
        this.guards = guards;
    }

    @Override
    public String id() {
        return SmsOtp.TYPE;
    }

    @Override
    public String messagePrefix() {
        return "cfSmsOtp";
    }

    @Override
    public boolean canReach(UserModel user) {
        return e164 != null;
    }

    @Override
    public String maskedDestination(UserModel user) {
        return e164 == null ? "" : PhoneNumbers.mask(e164);
    }

    @Override
    public boolean destinationChangeable() {
        return true;
    }

    @Override
    public String destinationKey(UserModel user) {
        return numberHash == null ? "" : numberHash;
    }

    @Override
    public void deliver(CodeDialogue dialogue, String code, CodePolicy policy) throws CodeDeliveryException {
        long now = Time.currentTimeMillis();
        SmsBudgetGauge.register(dialogue.session().getKeycloakSessionFactory(), dialogue.realm(), guards);
        guards.reserve(Reservations.of(dialogue.session()), dialogue.realm().getId(), PhoneNumbers.region(e164),
                numberHash, dialogue.login() ? dialogue.user().getId() : null, dialogue.ipAddress(), now);
        try {
            SmsGateway.sender(dialogue.session()).send(new SmsMessage(e164, text(dialogue, code, policy)));
        } catch (SmsDeliveryException e) {
            throw new CodeDeliveryException(e.reason().messageKey(), SmsOtp.SEND_FAILED,
                    "SMS gateway: " + e.getMessage(), e);
        }
    }

    private static String text(CodeDialogue dialogue, String code, CodePolicy policy) {
        String realmName = dialogue.realm().getDisplayName() != null
                ? dialogue.realm().getDisplayName() : dialogue.realm().getName();
        int minutes = Math.max(1, (policy.ttlSeconds() + 59) / 60);
        Locale locale = dialogue.session().getContext().resolveLocale(dialogue.user());
        String pattern;
        try {
            Properties messages = dialogue.session().theme().getTheme(Theme.Type.LOGIN)
                    .getEnhancedMessages(dialogue.realm(), locale);
            pattern = messages.getProperty("cfSmsOtpText");
        } catch (IOException e) {
            pattern = null;
        }
        if (pattern == null) {
            pattern = "{0} is your {1} code. It expires in {2} minutes. Never share it.";
        }
        return new MessageFormat(pattern, locale).format(new Object[] {code, realmName, String.valueOf(minutes)});
    }
}
