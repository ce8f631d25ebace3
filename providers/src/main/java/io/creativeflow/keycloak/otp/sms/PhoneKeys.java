package io.creativeflow.keycloak.otp.sms;

import io.creativeflow.keycloak.config.SpecSettings;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Where the phone-number key comes from, in this order:
 * <ol>
 * <li>SMS_PHONE_ENCRYPTION_KEY: {@code <kid>:<base64 AES key>}, or a {@code ${vault.<name>}} reference
 * resolved from Keycloak's vault of the realm; SMS_PHONE_ENCRYPTION_OLD_KEYS holds retired keys
 * ({@code kid:base64,...}) that still open numbers sealed before a rotation;</li>
 * <li>otherwise the realm's own active AES key ({@code aes-generated}), whose older keys Keycloak
 * keeps as long as they are not deleted.</li>
 * </ol>
 */
final class PhoneKeys {

    private PhoneKeys() {
    }

    static PhoneCipher cipher(KeycloakSession session, RealmModel realm) {
        SpecSettings settings = SmsOtp.settings(session);
        String configured = resolve(session, settings.get("cf.sms.phone-key"));
        if (!configured.isEmpty()) {
            Map<String, SecretKey> active = PhoneCipher.parseKeys(configured);
            if (active.size() != 1) {
                throw new IllegalStateException("SMS_PHONE_ENCRYPTION_KEY must hold exactly one key");
            }
            Map.Entry<String, SecretKey> key = active.entrySet().iterator().next();
            Map<String, SecretKey> old = PhoneCipher.parseKeys(resolve(session, settings.get("cf.sms.phone-old-keys")));
            return new PhoneCipher(new PhoneCipher.Key(key.getKey(), key.getValue()), old::get,
                    PhoneCipher.deriveLookupKey(key.getValue().getEncoded()));
        }
        KeyWrapper realmKey = session.keys().getActiveKey(realm, KeyUse.ENC, Algorithm.AES);
        if (realmKey == null || realmKey.getSecretKey() == null) {
            throw new IllegalStateException("Realm " + realm.getName() + " has no active AES key (provider"
                    + " aes-generated) and SMS_PHONE_ENCRYPTION_KEY is not set: phone numbers cannot be encrypted");
        }
        String prefix = "realm-";
        return new PhoneCipher(new PhoneCipher.Key(prefix + realmKey.getKid(), realmKey.getSecretKey()),
                kid -> kid.startsWith(prefix)
                        ? Optional.ofNullable(session.keys().getKey(realm, kid.substring(prefix.length()), KeyUse.ENC,
                                Algorithm.AES)).map(KeyWrapper::getSecretKey).orElse(null)
                        : null,
                PhoneCipher.deriveLookupKey(realmKey.getSecretKey().getEncoded()));
    }

    private static String resolve(KeycloakSession session, String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        if (value.startsWith("${vault.")) {
            return session.vault().getStringSecret(value).get()
                    .orElseThrow(() -> new IllegalStateException("The vault holds no secret for " + value));
        }
        return value;
    }
}
