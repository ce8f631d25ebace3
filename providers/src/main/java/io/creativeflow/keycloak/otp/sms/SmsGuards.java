package io.creativeflow.keycloak.otp.sms;

import io.creativeflow.keycloak.config.SpecSettings;
import io.creativeflow.keycloak.otp.CodeDeliveryException;
import io.creativeflow.keycloak.otp.SendLedger;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SMS-pumping and cost guards, checked on the server before every send: the destination's country
 * must be allowed (SMS_ALLOWED_COUNTRIES, empty = any), and sends are capped per destination number
 * per hour and per day (whoever asks: two accounts sharing a number share its cap) and per client IP
 * per hour. The per-user cap is the engine's, as for every channel.
 */
final class SmsGuards {

    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    private final Set<String> allowedCountries;
    private final int perNumberHour;
    private final int perNumberDay;
    private final int perIpHour;

    SmsGuards(Set<String> allowedCountries, int perNumberHour, int perNumberDay, int perIpHour) {
        this.allowedCountries = Set.copyOf(allowedCountries);
        this.perNumberHour = perNumberHour;
        this.perNumberDay = perNumberDay;
        this.perIpHour = perIpHour;
    }

    static SmsGuards from(SpecSettings settings) {
        Set<String> countries = Arrays.stream(settings.get("cf.sms.allowed-countries").split(","))
                .map(String::trim).filter(c -> !c.isEmpty()).collect(Collectors.toSet());
        return new SmsGuards(countries, settings.seconds("cf.sms.limit.number-hour"),
                settings.seconds("cf.sms.limit.number-day"), settings.seconds("cf.sms.limit.ip-hour"));
    }

    /** Whether numbers of {@code region} (ISO country code) may get codes. */
    boolean countryAllowed(String region) {
        return allowedCountries.isEmpty() || allowedCountries.contains(region);
    }

    /** Refuses, with the user's message, a send that a guard does not allow. */
    void admit(SendLedger ledger, String region, String numberHash, String ip, long now) throws CodeDeliveryException {
        if (!countryAllowed(region)) {
            throw refused("cfSmsCountryNotAllowed", "destination country " + region + " is not in SMS_ALLOWED_COUNTRIES");
        }
        if (!ledger.allows(numberKey("h", numberHash), perNumberHour, HOUR, now)
                || !ledger.allows(numberKey("d", numberHash), perNumberDay, DAY, now)) {
            throw refused("cfSmsNumberCapReached", "send cap per destination number reached");
        }
        if (ip != null && !ledger.allows("sms-ip:" + ip, perIpHour, HOUR, now)) {
            throw refused("cfSmsIpCapReached", "send cap per client IP reached for " + ip);
        }
    }

    /** Counts a send that happened. */
    void record(SendLedger ledger, String numberHash, String ip, long now) {
        ledger.record(numberKey("h", numberHash), HOUR, now);
        ledger.record(numberKey("d", numberHash), DAY, now);
        if (ip != null) {
            ledger.record("sms-ip:" + ip, HOUR, now);
        }
    }

    private static String numberKey(String window, String numberHash) {
        return "sms-number-" + window + ":" + numberHash;
    }

    private static CodeDeliveryException refused(String messageKey, String log) {
        return new CodeDeliveryException(messageKey, SmsOtp.SEND_REFUSED, "SMS guard: " + log, null);
    }
}
