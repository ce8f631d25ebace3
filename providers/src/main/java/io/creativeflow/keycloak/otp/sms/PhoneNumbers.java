package io.creativeflow.keycloak.otp.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Set;

/** Phone numbers as users type them, checked and normalised with libphonenumber. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Number types that cannot receive a text message. */
    private static final Set<PhoneNumberType> NO_SMS = Set.of(PhoneNumberType.FIXED_LINE,
            PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST,
            PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL);

    /** A valid number: E.164 ({@code +4915123456789}) and its country ({@code DE}). */
    public record Phone(String e164, String region) {
    }

    /** Why a typed number was refused: {@link #messageKey()} is the form's error. */
    public static final class InvalidPhoneException extends Exception {
        private final String messageKey;

        InvalidPhoneException(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private PhoneNumbers() {
    }

    /**
     * Parses {@code input} ("+49 151 2345 6789", "0151 23456789" with region DE, "(201) 555-0123"
     * with region US).
     */
    public static Phone parse(String input, String defaultRegion) throws InvalidPhoneException {
        if (input == null || input.isBlank()) {
            throw new InvalidPhoneException("cfSmsPhoneRequired");
        }
        if (input.length() > 40 || !input.trim().matches("[+0-9 ()./-]+")) {
            throw new InvalidPhoneException("cfSmsPhoneUnparsable");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(input.trim(), defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneException("cfSmsPhoneUnparsable");
        }
        if (!UTIL.isValidNumber(number)) {
            throw new InvalidPhoneException("cfSmsPhoneInvalid");
        }
        if (NO_SMS.contains(UTIL.getNumberType(number))) {
            throw new InvalidPhoneException("cfSmsPhoneNotMobile");
        }
        return new Phone(UTIL.format(number, PhoneNumberFormat.E164), UTIL.getRegionCodeForNumber(number));
    }

    /** The country of an E.164 number ({@code DE}), or "ZZ" when unknown. */
    public static String region(String e164) {
        try {
            String region = UTIL.getRegionCodeForNumber(UTIL.parse(e164, "ZZ"));
            return region == null ? "ZZ" : region;
        } catch (NumberParseException e) {
            return "ZZ";
        }
    }

    /** {@code +49 ••• ••• 67}: the country code and the last two digits, enough to recognise it. */
    public static String mask(String e164) {
        if (e164 == null || e164.length() < 4) {
            return "•••";
        }
        try {
            PhoneNumber number = UTIL.parse(e164, "ZZ");
            return "+" + number.getCountryCode() + " ••• ••• " + e164.substring(e164.length() - 2);
        } catch (NumberParseException e) {
            return "••• " + e164.substring(e164.length() - 2);
        }
    }

    /** An example number of {@code region}, as users write it internationally. */
    public static String example(String region) {
        PhoneNumber example = UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE);
        return example == null ? "+49 151 23456789" : UTIL.format(example, PhoneNumberFormat.INTERNATIONAL);
    }
}
