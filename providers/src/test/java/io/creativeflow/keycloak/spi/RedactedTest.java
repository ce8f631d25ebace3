package io.creativeflow.keycloak.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedTest {

    @Test
    void addressesNumbersAndIpsAreTakenOutAndTheRestStays() {
        assertThat(Redacted.text("SMTP delivery failed: 550 <anna@example.test> unknown"))
                .isEqualTo("SMTP delivery failed: 550 <•••> unknown");
        assertThat(Redacted.text("Invalid Addresses: anna.b+x@mail.example.test"))
                .isEqualTo("Invalid Addresses: •••");
        assertThat(Redacted.text("to +49 151 2345 6789 refused")).isEqualTo("to ••• refused");
        assertThat(Redacted.text("from 203.0.113.9 and 2001:db8:1:2::1")).isEqualTo("from ••• and •••");
        assertThat(Redacted.text("Twilio refused the message: error 21211 (HTTP 400)"))
                .isEqualTo("Twilio refused the message: error 21211 (HTTP 400)");
        assertThat(Redacted.text(null)).isNull();
    }
}
