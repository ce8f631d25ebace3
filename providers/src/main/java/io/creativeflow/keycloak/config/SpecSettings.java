package io.creativeflow.keycloak.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The spec's configuration variables, read from the environment, with their defaults and the values
 * Keycloak derives from them.
 *
 * <p>The spec counts in minutes, days and hours; Keycloak's realm wants seconds, and its realm import
 * can only paste environment variables as text. So the derived values are computed here, under the
 * names of {@link #realmImportProperties()}, and written into the realm when it is imported (see
 * {@link SpecRealmSettings}). Every value has a default or is required: a missing required variable
 * or an invalid value stops the server with a message naming the variable.
 */
public final class SpecSettings {

    /** Signature algorithms for tokens apps verify with the realm's public keys (JWKS). */
    static final Set<String> ASYMMETRIC_ALGORITHMS = Set.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Boolean> toggles = new LinkedHashMap<>();

    /** The spec's feature toggles and their defaults when unset. */
    static final Map<String, Boolean> TOGGLE_DEFAULTS = orderedToggles();

    private static Map<String, Boolean> orderedToggles() {
        Map<String, Boolean> defaults = new LinkedHashMap<>();
        defaults.put("EnableSocialLoginGoogle", false);
        defaults.put("EnableSocialLoginFacebook", false);
        defaults.put("EnableSocialLoginApple", false);
        defaults.put("EnableMFA_SMS", false);
        defaults.put("EnableMFA_AuthenticatorApp", true);
        defaults.put("EnableMFA_EmailOTP", true);
        defaults.put("EnableProgressiveProfilingTrigger", false);
        return java.util.Collections.unmodifiableMap(defaults);
    }

    /** Whether the spec's feature toggle {@code name} (e.g. EnableMFA_EmailOTP) is on. */
    public boolean enabled(String toggle) {
        Boolean value = toggles.get(toggle);
        if (value == null) {
            throw new IllegalArgumentException("no feature toggle " + toggle);
        }
        return value;
    }

    /** Validity of SMS and email codes (MFA_OTP_EXPIRE_SECONDS). */
    public int otpTtlSeconds() {
        return seconds("cf.otp.ttl-seconds");
    }

    /** The realm-level values, by name, as written into an imported realm. */
    public String get(String name) {
        String value = properties.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no setting " + name);
        }
        return value;
    }

    public int seconds(String name) {
        return Integer.parseInt(get(name));
    }

    private SpecSettings(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Reads and validates the spec's variables.
     *
     * @throws InvalidSettingsException naming every invalid or missing variable at once
     */
    public static SpecSettings from(Map<String, String> env) {
        SpecSettings settings = new SpecSettings(env);
        settings.derive();
        if (!settings.problems.isEmpty()) {
            throw new InvalidSettingsException(settings.problems);
        }
        return settings;
    }

    /** Every derived value, by name ({@code cf.token.access-lifespan-seconds}, ...). */
    public Map<String, String> realmImportProperties() {
        return Map.copyOf(properties);
    }

    /** Things worth telling the operator that do not stop the server. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void derive() {
        put("cf.realm.display-name", text("TOTP_ISSUER_NAME", "CreativeFlow"));
        TOGGLE_DEFAULTS.forEach((toggle, fallback) -> toggles.put(toggle, bool(toggle, fallback)));
        put("cf.otp.ttl-seconds", String.valueOf(positive("MFA_OTP_EXPIRE_SECONDS", 300, 86_400)));

        put("cf.token.access-lifespan-seconds",
                String.valueOf(positive("ACCESS_TOKEN_EXPIRE_MINUTES", 15, 525_600) * 60L));
        put("cf.token.refresh-lifespan-seconds",
                String.valueOf(positive("REFRESH_TOKEN_EXPIRE_DAYS", 7, 3_650) * 86_400L));
        put("cf.token.verify-email-lifespan-seconds",
                String.valueOf(positive("EMAIL_VERIFICATION_TOKEN_EXPIRE_HOURS", 24, 87_600) * 3_600L));
        put("cf.token.reset-password-lifespan-seconds",
                String.valueOf(positive("PASSWORD_RESET_TOKEN_EXPIRE_HOURS", 1, 87_600) * 3_600L));
        put("cf.token.signature-algorithm", signatureAlgorithm());
        if (!text("JWT_SECRET_KEY", "").isEmpty()) {
            warnings.add("JWT_SECRET_KEY is set but unused: tokens are signed with the realm's own"
                    + " rotating keys (JWT_ALGORITHM), which apps verify through the realm's JWKS.");
        }

        boolean tls = bool("EMAIL_USE_TLS", false);
        String smtpUser = text("EMAIL_USERNAME", "");
        put("cf.smtp.host", text("EMAIL_HOST", "localhost"));
        put("cf.smtp.port", String.valueOf(port("EMAIL_PORT", tls ? 587 : 25)));
        put("cf.smtp.from", email("EMAIL_FROM_ADDRESS", "no-reply@creativeflow.local"));
        put("cf.smtp.from-display-name", text("EMAIL_FROM_NAME", text("TOTP_ISSUER_NAME", "CreativeFlow")));
        put("cf.smtp.starttls", String.valueOf(tls));
        put("cf.smtp.auth", String.valueOf(!smtpUser.isEmpty()));
        put("cf.smtp.user", smtpUser);
        put("cf.smtp.password", text("EMAIL_PASSWORD", ""));

        put("cf.sessions.limit", String.valueOf(nonNegative("CONCURRENT_SESSION_LIMIT", 0, 10_000)));
        put("cf.redis.url", redisUrl());
        put("cf.redis.cluster", String.valueOf(bool("REDIS_CLUSTER", false)));
        put("cf.redis.timeout-millis", String.valueOf(positive("REDIS_TIMEOUT_MS", 500, 60_000)));
        put("cf.sessions.on-redis-failure", oneOf("SESSION_LIMIT_ON_REDIS_FAILURE", "fail-open", "fail-open", "fail-closed"));

        deriveSms();
        deriveSocial();

        // Used by the realm file's client definitions through ${VAR:default}; validated here.
        put("cf.client.web.url", url("CREATIVEFLOW_WEB_URL", "http://localhost:3000"));
        put("cf.client.api.secret", secret("CREATIVEFLOW_API_CLIENT_SECRET"));
    }

    /**
     * SMS: which gateway sends (Twilio when SMS_PROVIDER_API_KEY is set; the developer's log outbox
     * only when SMS_PROVIDER_GATEWAY=log says so), Twilio's credentials and sender, phone-number rules
     * and the cost guards. Unsafe combinations stop the server: SMS switched on with no gateway (a
     * silent fallback to the log would write codes down in production), Twilio without a country
     * allowlist (every country on earth could be texted).
     */
    private void deriveSms() {
        boolean smsOn = bool("EnableMFA_SMS", false);
        String apiKey = text("SMS_PROVIDER_API_KEY", "");
        String explicit = text("SMS_PROVIDER_GATEWAY", "");
        String gateway = explicit.isEmpty() ? (apiKey.isEmpty() ? "" : "twilio")
                : oneOf("SMS_PROVIDER_GATEWAY", "twilio", "twilio", "log");
        put("cf.sms.gateway", gateway);
        put("cf.sms.twilio.api-key", apiKey);
        put("cf.sms.twilio.api-secret", text("SMS_PROVIDER_API_SECRET", ""));
        put("cf.sms.twilio.account-sid", text("SMS_PROVIDER_ACCOUNT_SID", apiKey.startsWith("AC") ? apiKey : ""));
        put("cf.sms.twilio.sender", text("SMS_PROVIDER_SENDER_ID", ""));
        put("cf.sms.twilio.api-url", url("SMS_PROVIDER_API_URL", "https://api.twilio.com"));
        put("cf.sms.twilio.timeout-millis", String.valueOf(positive("SMS_PROVIDER_TIMEOUT_MS", 10_000, 120_000)));
        if ("twilio".equals(gateway)) {
            checkTwilio(apiKey);
        } else if ("log".equals(gateway) && smsOn) {
            warnings.add("SMS_PROVIDER_GATEWAY=log: SMS codes go to the log outbox (SMS_OUTBOX_FILE), not to"
                    + " phones. Fine for development, never for production.");
        } else if (gateway.isEmpty() && smsOn) {
            problems.add("EnableMFA_SMS=true needs an SMS gateway: set SMS_PROVIDER_API_KEY and"
                    + " SMS_PROVIDER_API_SECRET for Twilio, or SMS_PROVIDER_GATEWAY=log for development"
                    + " (codes are written to a local outbox, never sent)");
        }
        put("cf.sms.outbox-file", text("SMS_OUTBOX_FILE", ""));

        put("cf.sms.default-region", region("SMS_DEFAULT_REGION", "US"));
        List<String> allowed = new ArrayList<>();
        for (String part : text("SMS_ALLOWED_COUNTRIES", "").split(",")) {
            if (part.trim().equals("*")) {
                allowed.add("*");
            } else if (!part.isBlank()) {
                allowed.add(regionCode("SMS_ALLOWED_COUNTRIES", part.trim()));
            }
        }
        if (allowed.isEmpty() && "twilio".equals(gateway)) {
            problems.add("SMS_ALLOWED_COUNTRIES is required with Twilio: the countries your users live in"
                    + " (e.g. DE,AT,US), or * to allow every country explicitly (SMS-pumping fraud targets"
                    + " expensive destinations)");
        }
        if (allowed.isEmpty()) {
            allowed.add("*"); // the log gateway sends nothing anywhere
        }
        put("cf.sms.allowed-countries", String.join(",", allowed));
        put("cf.sms.limit.number-hour", String.valueOf(positive("SMS_LIMIT_PER_NUMBER_HOUR", 5, 10_000)));
        put("cf.sms.limit.number-day", String.valueOf(positive("SMS_LIMIT_PER_NUMBER_DAY", 10, 100_000)));
        put("cf.sms.limit.ip-hour", String.valueOf(positive("SMS_LIMIT_PER_IP_HOUR", 20, 100_000)));
        put("cf.sms.budget.hour", String.valueOf(positive("SMS_BUDGET_PER_HOUR", 100, 1_000_000)));
        put("cf.sms.budget.day", String.valueOf(positive("SMS_BUDGET_PER_DAY", 1_000, 10_000_000)));

        put("cf.sms.phone-key", text("SMS_PHONE_ENCRYPTION_KEY", ""));
        put("cf.sms.phone-old-keys", text("SMS_PHONE_ENCRYPTION_OLD_KEYS", ""));
        if (text("SMS_PHONE_ENCRYPTION_KEY", "").isEmpty() && "twilio".equals(gateway)) {
            warnings.add("SMS_PHONE_ENCRYPTION_KEY is not set: phone numbers are encrypted with the realm's"
                    + " own AES key, which lives in the same database. Set a key (or a ${vault.…} reference)"
                    + " to keep the key apart from the data.");
        }
    }

    /**
     * Social login: each provider's credentials, required when its toggle is on, and the redirect URI
     * registered with the provider, which must be the realm's broker endpoint for that provider.
     */
    private void deriveSocial() {
        social("google", "EnableSocialLoginGoogle", "SOCIAL_GOOGLE_CLIENT_ID", "SOCIAL_GOOGLE_CLIENT_SECRET",
                "SOCIAL_GOOGLE_REDIRECT_URI");
        social("facebook", "EnableSocialLoginFacebook", "SOCIAL_FACEBOOK_CLIENT_ID", "SOCIAL_FACEBOOK_CLIENT_SECRET",
                "SOCIAL_FACEBOOK_REDIRECT_URI");
        boolean apple = toggles.get("EnableSocialLoginApple");
        put("cf.social.apple.client-id", required("SOCIAL_APPLE_CLIENT_ID", apple));
        put("cf.social.apple.team-id", required("SOCIAL_APPLE_TEAM_ID", apple));
        put("cf.social.apple.key-id", required("SOCIAL_APPLE_KEY_ID", apple));
        String key = required("SOCIAL_APPLE_PRIVATE_KEY", apple).replace("\\n", "\n");
        if (apple && !key.isEmpty() && !key.startsWith("${vault.") && !key.contains("BEGIN PRIVATE KEY")) {
            problems.add("SOCIAL_APPLE_PRIVATE_KEY must be the .p8 key (PEM, with its BEGIN PRIVATE KEY line) or a"
                    + " ${vault.<name>} reference");
        }
        put("cf.social.apple.private-key", key);
    }

    private void social(String alias, String toggle, String idVariable, String secretVariable, String redirectVariable) {
        boolean on = toggles.get(toggle);
        put("cf.social." + alias + ".client-id", required(idVariable, on));
        put("cf.social." + alias + ".client-secret", required(secretVariable, on));
        String redirect = text(redirectVariable, "");
        if (!redirect.isEmpty() && !redirect.endsWith("/broker/" + alias + "/endpoint")) {
            problems.add(redirectVariable + " must be the realm's broker endpoint,"
                    + " <keycloak>/realms/creativeflow/broker/" + alias + "/endpoint, got '" + redirect + "'");
        }
    }

    private String required(String name, boolean needed) {
        String value = text(name, "");
        if (needed && value.isEmpty()) {
            problems.add(name + " is required while its social login is turned on");
        }
        return value;
    }

    private void checkTwilio(String apiKey) {
        if (apiKey.isEmpty()) {
            problems.add("SMS_PROVIDER_GATEWAY=twilio needs SMS_PROVIDER_API_KEY (an API key SID SK… or the"
                    + " account SID AC…)");
        } else if (apiKey.startsWith("SK")) {
            if (!get("cf.sms.twilio.account-sid").startsWith("AC")) {
                problems.add("SMS_PROVIDER_API_KEY is an API key (SK…): set SMS_PROVIDER_ACCOUNT_SID to the"
                        + " account SID (AC…) it belongs to");
            }
        } else if (!apiKey.startsWith("AC")) {
            problems.add("SMS_PROVIDER_API_KEY must be a Twilio API key SID (SK…) or account SID (AC…)");
        }
        if (text("SMS_PROVIDER_API_SECRET", "").isEmpty()) {
            problems.add("SMS_PROVIDER_API_SECRET is required with Twilio: the API key's secret, or the"
                    + " auth token when SMS_PROVIDER_API_KEY is the account SID");
        }
        String sender = text("SMS_PROVIDER_SENDER_ID", "");
        if (!(sender.matches("\\+[1-9][0-9]{6,14}") || sender.matches("MG[0-9a-fA-F]{32}")
                || sender.matches("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}"))) {
            problems.add("SMS_PROVIDER_SENDER_ID must be a phone number in E.164 (+4915123456789), a"
                    + " Messaging Service SID (MG…) or an alphanumeric sender id of up to 11 letters and"
                    + " digits, got '" + sender + "'");
        }
    }

    private String region(String name, String fallback) {
        return regionCode(name, text(name, fallback));
    }

    private String regionCode(String name, String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions().contains(upper)) {
            problems.add(name + " must hold ISO 3166 country codes (DE, AT, US, ...), got '" + value + "'");
        }
        return upper;
    }

    private void put(String property, String value) {
        properties.put(property, value == null ? "" : value);
    }

    private String raw(String name) {
        String value = env.get(name);
        return value == null ? null : value.trim();
    }

    private String text(String name, String fallback) {
        String value = raw(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private long positive(String name, long fallback, long max) {
        String value = raw(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a whole number from 1 to " + max + ", got '" + value + "'");
        return fallback;
    }

    private long nonNegative(String name, long fallback, long max) {
        String value = raw(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a whole number from 0 to " + max + ", got '" + value + "'");
        return fallback;
    }

    private String oneOf(String name, String fallback, String... allowed) {
        String value = text(name, fallback).toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        problems.add(name + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        return fallback;
    }

    private String redisUrl() {
        String value = text("REDIS_URL", "redis://127.0.0.1:6379");
        if (!(value.startsWith("redis://") || value.startsWith("rediss://"))) {
            problems.add("REDIS_URL must start with redis:// or rediss:// (TLS), got '"
                    + value.replaceAll("//[^@/]*@", "//***@") + "'");
        }
        return value;
    }

    private int port(String name, int fallback) {
        String value = raw(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= 65_535) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a TCP port (1-65535), got '" + value + "'");
        return fallback;
    }

    private boolean bool(String name, boolean fallback) {
        String value = raw(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                problems.add(name + " must be true or false, got '" + value + "'");
                return fallback;
        }
    }

    private String email(String name, String fallback) {
        String value = text(name, fallback);
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1 || value.contains(" ")) {
            problems.add(name + " must be an email address, got '" + value + "'");
        }
        return value;
    }

    private String url(String name, String fallback) {
        String value = text(name, fallback);
        if (!(value.startsWith("http://") || value.startsWith("https://"))) {
            problems.add(name + " must be an http(s) URL, got '" + value + "'");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private String secret(String name) {
        String value = raw(name);
        if (value == null || value.isEmpty()) {
            problems.add(name + " is required (no safe default exists for a secret)");
            return "";
        }
        if (value.length() < 16) {
            problems.add(name + " must be at least 16 characters long");
        }
        return value;
    }

    private String signatureAlgorithm() {
        String value = text("JWT_ALGORITHM", "RS256");
        for (String known : ASYMMETRIC_ALGORITHMS) {
            if (known.equalsIgnoreCase(value)) {
                return known;
            }
        }
        if (value.toUpperCase(Locale.ROOT).startsWith("HS")) {
            problems.add("JWT_ALGORITHM " + value + " is not supported: tokens signed with a shared"
                    + " secret cannot be verified by apps through the realm's JWKS; use RS256 (default) or"
                    + " one of " + ASYMMETRIC_ALGORITHMS);
        } else {
            problems.add("JWT_ALGORITHM must be one of " + ASYMMETRIC_ALGORITHMS + ", got '" + value + "'");
        }
        return "RS256";
    }
}
