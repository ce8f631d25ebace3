package io.creativeflow.keycloak.otp.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.creativeflow.keycloak.otp.CodeDeliveryException;
import io.creativeflow.keycloak.otp.SendLedger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

class SmsGuardsTest {

    private final SendLedger ledger = new SendLedger(new InMemoryStore());
    private final SmsGuards guards = new SmsGuards(Set.of("DE", "AT", "US"), 2, 3, 4);
    private static final long T0 = 1_000_000_000L;

    @Test
    void onlyAllowedCountriesGetCodesAndAnEmptyListAllowsAll() {
        assertThat(guards.countryAllowed("DE")).isTrue();
        assertThat(guards.countryAllowed("FR")).isFalse();
        assertThat(new SmsGuards(Set.of(), 1, 1, 1).countryAllowed("FR")).isTrue();
        assertThatThrownBy(() -> guards.admit(ledger, "FR", "n1", "10.0.0.1", T0))
                .isInstanceOf(CodeDeliveryException.class).hasMessageContaining("FR")
                .extracting(e -> ((CodeDeliveryException) e).userMessageKey()).isEqualTo("cfSmsCountryNotAllowed");
    }

    @Test
    void aNumberGetsAtMostItsHourlyAndDailyShareWhoeverAsks() throws Exception {
        send("n1", "10.0.0.1", T0);
        send("n1", "10.0.0.2", T0 + 1_000);
        assertRefused("n1", "10.0.0.3", T0 + 2_000, "cfSmsNumberCapReached");
        // an hour later the hourly cap has room again, the daily one (3) has one left
        send("n1", "10.0.0.3", T0 + SmsGuards.HOUR + 1);
        assertRefused("n1", "10.0.0.4", T0 + 2 * SmsGuards.HOUR + 2, "cfSmsNumberCapReached");
        assertRefused("n1", "10.0.0.4", T0 + SmsGuards.DAY - 1, "cfSmsNumberCapReached");
        send("n1", "10.0.0.4", T0 + SmsGuards.DAY + SmsGuards.HOUR + 2);
    }

    @Test
    void oneClientIpCannotPumpManyNumbers() throws Exception {
        for (int i = 0; i < 4; i++) {
            send("number-" + i, "203.0.113.9", T0 + i);
        }
        assertRefused("number-9", "203.0.113.9", T0 + 10, "cfSmsIpCapReached");
        send("number-9", "203.0.113.10", T0 + 10);
    }

    private void send(String number, String ip, long now) throws CodeDeliveryException {
        guards.admit(ledger, "DE", number, ip, now);
        guards.record(ledger, number, ip, now);
    }

    private void assertRefused(String number, String ip, long now, String messageKey) {
        assertThatThrownBy(() -> guards.admit(ledger, "DE", number, ip, now))
                .isInstanceOf(CodeDeliveryException.class)
                .extracting(e -> ((CodeDeliveryException) e).userMessageKey()).isEqualTo(messageKey);
    }

    /** Keycloak's single-use store without expiry (the ledger prunes by time itself). */
    private static final class InMemoryStore implements SingleUseObjectProvider {
        private final Map<String, Map<String, String>> entries = new HashMap<>();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            entries.put(key, Map.copyOf(notes));
        }

        @Override
        public Map<String, String> get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return entries.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return entries.replace(key, Map.copyOf(notes)) != null;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            return entries.putIfAbsent(key, Map.of()) == null;
        }

        @Override
        public boolean contains(String key) {
            return entries.containsKey(key);
        }

        @Override
        public void close() {
        }
    }
}
