package io.creativeflow.keycloak.otp.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void numbersAsPeopleTypeThemBecomeE164WithTheirCountry() throws Exception {
        assertThat(PhoneNumbers.parse("+49 151 2345 6789", "US")).isEqualTo(new PhoneNumbers.Phone("+4915123456789", "DE"));
        assertThat(PhoneNumbers.parse("0151 23456789", "DE").e164()).isEqualTo("+4915123456789");
        assertThat(PhoneNumbers.parse("(201) 555-0123", "US")).isEqualTo(new PhoneNumbers.Phone("+12015550123", "US"));
        assertThat(PhoneNumbers.parse("+43 664 1234567", "DE").region()).isEqualTo("AT");
    }

    @Test
    void eachKindOfBadInputHasItsOwnMessage() {
        assertThatThrownBy(() -> PhoneNumbers.parse("  ", "DE")).hasMessage("cfSmsPhoneRequired");
        assertThatThrownBy(() -> PhoneNumbers.parse("call me maybe", "DE")).hasMessage("cfSmsPhoneUnparsable");
        assertThatThrownBy(() -> PhoneNumbers.parse("+", "DE")).hasMessage("cfSmsPhoneUnparsable");
        assertThatThrownBy(() -> PhoneNumbers.parse("+49 123", "DE")).hasMessage("cfSmsPhoneInvalid");
        assertThatThrownBy(() -> PhoneNumbers.parse("+49 30 12345678", "DE")).as("a Berlin landline")
                .hasMessage("cfSmsPhoneNotMobile");
    }

    @Test
    void theMaskShowsTheCountryCodeAndTheLastTwoDigits() {
        assertThat(PhoneNumbers.mask("+4915123456767")).isEqualTo("+49 ••• ••• 67");
        assertThat(PhoneNumbers.mask("+12015550123")).isEqualTo("+1 ••• ••• 23");
        assertThat(PhoneNumbers.region("+4366412345678")).isEqualTo("AT");
    }
}
