package io.creativeflow.keycloak.otp;

import java.util.List;
import java.util.Map;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The limits of one code channel: code length, validity, attempts per code, resend cooldown and
 * sends per user per hour. Defaults come from the environment (MFA_OTP_EXPIRE_SECONDS); each
 * execution in the admin console can override them.
 */
public record CodePolicy(int length, int ttlSeconds, int maxAttempts, int resendCooldownSeconds, int maxSendsPerHour) {

    public static final String LENGTH = "cf.otp.length";
    public static final String TTL = "cf.otp.ttl-seconds";
    public static final String ATTEMPTS = "cf.otp.max-attempts";
    public static final String COOLDOWN = "cf.otp.resend-cooldown-seconds";
    public static final String SENDS_PER_HOUR = "cf.otp.max-sends-per-hour";

    public static final int DEFAULT_LENGTH = 6;
    public static final int DEFAULT_TTL_SECONDS = 300;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final int DEFAULT_COOLDOWN_SECONDS = 30;
    public static final int DEFAULT_MAX_SENDS_PER_HOUR = 5;

    public CodePolicy {
        if (length < 4 || length > 10) {
            throw new IllegalArgumentException("code length must be 4-10 digits, got " + length);
        }
        if (ttlSeconds < 1 || maxAttempts < 1 || resendCooldownSeconds < 0 || maxSendsPerHour < 1) {
            throw new IllegalArgumentException("invalid code policy");
        }
    }

    /** The built-in defaults, with the code validity from MFA_OTP_EXPIRE_SECONDS. */
    public static CodePolicy defaults(int ttlSeconds) {
        return new CodePolicy(DEFAULT_LENGTH, ttlSeconds, DEFAULT_MAX_ATTEMPTS, DEFAULT_COOLDOWN_SECONDS,
                DEFAULT_MAX_SENDS_PER_HOUR);
    }

    /** This policy overridden by an execution's configuration, where it sets a value. */
    public CodePolicy with(AuthenticatorConfigModel config) {
        Map<String, String> values = config == null || config.getConfig() == null ? Map.of() : config.getConfig();
        return new CodePolicy(
                number(values, LENGTH, length),
                number(values, TTL, ttlSeconds),
                number(values, ATTEMPTS, maxAttempts),
                number(values, COOLDOWN, resendCooldownSeconds),
                number(values, SENDS_PER_HOUR, maxSendsPerHour));
    }

    /** The admin-console form for these limits (help texts are message keys of the admin theme). */
    public static List<ProviderConfigProperty> configProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(LENGTH).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Code length").defaultValue(String.valueOf(DEFAULT_LENGTH))
                .helpText("Number of digits in each code (4-10).").add()
                .property().name(TTL).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Code validity (seconds)")
                .helpText("How long a code can be used. Empty: MFA_OTP_EXPIRE_SECONDS (300 by default).").add()
                .property().name(ATTEMPTS).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Attempts per code").defaultValue(String.valueOf(DEFAULT_MAX_ATTEMPTS))
                .helpText("Wrong entries after which the code stops working and a new one must be requested."
                        + " Every wrong entry also counts toward the realm's brute-force lockout.").add()
                .property().name(COOLDOWN).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Resend cooldown (seconds)").defaultValue(String.valueOf(DEFAULT_COOLDOWN_SECONDS))
                .helpText("Minimum time between two sends to the same user.").add()
                .property().name(SENDS_PER_HOUR).type(ProviderConfigProperty.INTEGER_TYPE)
                .label("Sends per user per hour").defaultValue(String.valueOf(DEFAULT_MAX_SENDS_PER_HOUR))
                .helpText("Most codes sent to one user within an hour, across logins and enrolments.").add()
                .build();
    }

    private static int number(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
