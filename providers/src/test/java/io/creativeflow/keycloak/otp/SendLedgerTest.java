package io.creativeflow.keycloak.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SendLedgerTest {

    @Test
    void onlySendsOfTheLastHourCount() {
        long now = 10_000_000L;

        assertThat(SendLedger.recent(List.of(now - 3_600_000L, now - 3_599_999L, now - 10L), now))
                .containsExactly(now - 3_599_999L, now - 10L);
    }
}
