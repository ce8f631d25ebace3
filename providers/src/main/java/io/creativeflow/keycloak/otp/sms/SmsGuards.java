package io.creativeflow.keycloak.otp.sms;

import io.creativeflow.keycloak.config.SpecSettings;
import io.creativeflow.keycloak.otp.CodeDeliveryException;
import io.creativeflow.keycloak.otp.Reservations;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * SMS-pumping and cost guards, reserved on the server before every send (atomically, cluster-wide:
 * {@link Reservations}); a reservation counts whether the gateway then takes the message or not.
 * <ul>
 * <li>the destination's country must be in SMS_ALLOWED_COUNTRIES ({@code *}: every country);</li>
 * <li>per destination number per hour and per day, counted apart for enrolment (across all
 *     accounts: anyone can type any number) and for sign-in (per number and its enrolled owner), so
 *     that enrolling somebody else's number many times never blocks that person's own sign-in;</li>
 * <li>per client network per hour (IPv4 address, IPv6 /64);</li>
 * <li>a realm-wide budget per hour and per day (SMS_BUDGET_PER_HOUR, SMS_BUDGET_PER_DAY), logged
 *     once per window when reached.</li>
 * </ul>
 * The per-user cap is the engine's, as for every channel.
 */
final class SmsGuards {

    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    private static final Logger LOG = Logger.getLogger(SmsGuards.class);

    private final Set<String> allowedCountries;
    private final int perNumberHour;
    private final int perNumberDay;
    private final int perIpHour;
    private final int budgetHour;
    private final int budgetDay;

    SmsGuards(Set<String> allowedCountries, int perNumberHour, int perNumberDay, int perIpHour, int budgetHour,
            int budgetDay) {
        this.allowedCountries = Set.copyOf(allowedCountries);
        this.perNumberHour = perNumberHour;
        this.perNumberDay = perNumberDay;
        this.perIpHour = perIpHour;
        this.budgetHour = budgetHour;
        this.budgetDay = budgetDay;
    }

    static SmsGuards from(SpecSettings settings) {
        Set<String> countries = Arrays.stream(settings.get("cf.sms.allowed-countries").split(","))
                .map(String::trim).filter(c -> !c.isEmpty()).collect(Collectors.toSet());
        return new SmsGuards(countries, settings.seconds("cf.sms.limit.number-hour"),
                settings.seconds("cf.sms.limit.number-day"), settings.seconds("cf.sms.limit.ip-hour"),
                settings.seconds("cf.sms.budget.hour"), settings.seconds("cf.sms.budget.day"));
    }

    /** Whether numbers of {@code region} (ISO country code) may get codes. */
    boolean countryAllowed(String region) {
        return allowedCountries.contains("*") || allowedCountries.contains(region);
    }

    /**
     * Reserves one send to {@code numberHash} or refuses it, with the user's message and the wait.
     * {@code ownerId}: the user signing in with this number, or null at enrolment.
     */
    void reserve(Reservations reservations, String realmId, String region, String numberHash, String ownerId,
            String clientAddress, long now) throws CodeDeliveryException {
        if (!countryAllowed(region)) {
            throw refused("cfSmsCountryNotAllowed", "destination country " + region + " is not in SMS_ALLOWED_COUNTRIES", 0);
        }
        String number = ownerId == null ? "sms-setup-number:" + numberHash : "sms-number:" + numberHash + ':' + ownerId;
        if (!reservations.reserve(number + ":h", perNumberHour, HOUR, now)) {
            throw refused("cfSmsNumberCapReached", "send cap per destination number and hour reached"
                    + (ownerId == null ? " (enrolment)" : ""), Reservations.secondsUntilNextWindow(HOUR, now));
        }
        if (!reservations.reserve(number + ":d", perNumberDay, DAY, now)) {
            throw refused("cfSmsNumberCapReached", "send cap per destination number and day reached"
                    + (ownerId == null ? " (enrolment)" : ""), Reservations.secondsUntilNextWindow(DAY, now));
        }
        String network = ClientNetwork.key(clientAddress);
        if (network != null && !reservations.reserve("sms-ip:" + network, perIpHour, HOUR, now)) {
            throw refused("cfSmsIpCapReached", "send cap per client network and hour reached",
                    Reservations.secondsUntilNextWindow(HOUR, now));
        }
        budget(reservations, realmId, "hour", budgetHour, HOUR, now);
        budget(reservations, realmId, "day", budgetDay, DAY, now);
    }

    private static void budget(Reservations reservations, String realmId, String window, int limit, long windowMillis,
            long now) throws CodeDeliveryException {
        if (reservations.reserve(budgetKey(realmId, window), limit, windowMillis, now)) {
            return;
        }
        int wait = Reservations.secondsUntilNextWindow(windowMillis, now);
        String warned = "sms-budget-warned:" + realmId + ':' + window + ':' + Math.floorDiv(now, windowMillis);
        if (reservations.claim(warned, wait + 60L)) {
            LOG.warnf("Realm %s reached its SMS budget of %d per %s: SMS codes are refused for the next %d minutes"
                    + " (SMS_BUDGET_PER_%s)", realmId, limit, window, (wait + 59) / 60, window.toUpperCase(java.util.Locale.ROOT));
        }
        throw refused("cfSmsBudgetReached", "the realm's SMS budget per " + window + " is used up", wait);
    }

    /** Texts left in the realm's budget of this hour and this day: the smaller of the two. */
    int budgetLeft(Reservations reservations, String realmId, long now) {
        int hour = budgetHour - reservations.used(budgetKey(realmId, "hour"), budgetHour, HOUR, now);
        int day = budgetDay - reservations.used(budgetKey(realmId, "day"), budgetDay, DAY, now);
        return Math.min(hour, day);
    }

    private static String budgetKey(String realmId, String window) {
        return "sms-budget:" + realmId + ':' + window;
    }

    private static CodeDeliveryException refused(String messageKey, String log, int retryAfterSeconds) {
        return new CodeDeliveryException(messageKey, SmsOtp.SEND_REFUSED, "SMS guard: " + log, null, retryAfterSeconds);
    }
}
