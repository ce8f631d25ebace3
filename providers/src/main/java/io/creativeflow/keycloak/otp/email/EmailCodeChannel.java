package io.creativeflow.keycloak.otp.email;

import io.creativeflow.keycloak.otp.CodeChannel;
import io.creativeflow.keycloak.otp.CodeDeliveryException;
import io.creativeflow.keycloak.otp.CodeDialogue;
import io.creativeflow.keycloak.otp.CodePolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.UserModel;

/** Delivers codes by email, through the realm's SMTP and our email theme ({@code cf-email-otp.ftl}). */
final class EmailCodeChannel implements CodeChannel {

    static final EmailCodeChannel INSTANCE = new EmailCodeChannel();

    @Override
    public String id() {
        return EmailOtp.TYPE;
    }

    @Override
    public String messagePrefix() {
        return "cfEmailOtp";
    }

    @Override
    public boolean canReach(UserModel user) {
        return user.getEmail() != null && !user.getEmail().isBlank() && user.isEmailVerified();
    }

    @Override
    public String maskedDestination(UserModel user) {
        return mask(user.getEmail());
    }

    @Override
    public String destinationKey(UserModel user) {
        String email = user.getEmail() == null ? "" : user.getEmail().trim().toLowerCase(java.util.Locale.ROOT);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(email.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void deliver(CodeDialogue dialogue, String code, CodePolicy policy) throws CodeDeliveryException {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", code);
        attributes.put("ttlMinutes", Math.max(1, (policy.ttlSeconds() + 59) / 60));
        attributes.put("clientName", dialogue.clientName());
        attributes.put("ipAddress", dialogue.ipAddress());
        String realmName = dialogue.realm().getDisplayName() != null
                ? dialogue.realm().getDisplayName() : dialogue.realm().getName();
        attributes.put("realmName", realmName);
        try {
            dialogue.session().getProvider(EmailTemplateProvider.class)
                    .setRealm(dialogue.realm())
                    .setUser(dialogue.user())
                    .setAuthenticationSession(dialogue.authSession())
                    .send("cfEmailOtpSubject", List.of(realmName), "cf-email-otp.ftl", attributes);
        } catch (EmailException e) {
            // EmailException messages come from the SMTP client: they never contain the body.
            throw new CodeDeliveryException("cfEmailOtpSendFailed", "SMTP delivery failed: " + e.getMessage(), e);
        }
    }

    /** m•••@example.com: enough to recognise the address, not enough to harvest it. */
    static String mask(String email) {
        if (email == null || email.isBlank()) {
            return "";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "•••";
        }
        return email.charAt(0) + "•••" + email.substring(at);
    }
}
