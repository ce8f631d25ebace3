package io.creativeflow.keycloak.otp.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailCodeChannelTest {

    @Test
    void theAddressIsMaskedToItsFirstLetterAndDomain() {
        assertThat(EmailCodeChannel.mask("maya.lindqvist@example.com")).isEqualTo("m•••@example.com");
        assertThat(EmailCodeChannel.mask("x@example.com")).isEqualTo("x•••@example.com");
        assertThat(EmailCodeChannel.mask("not-an-address")).isEqualTo("•••");
        assertThat(EmailCodeChannel.mask(null)).isEmpty();
    }
}
