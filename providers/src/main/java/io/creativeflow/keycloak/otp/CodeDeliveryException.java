package io.creativeflow.keycloak.otp;

/** A channel could not deliver a code (SMTP down, gateway refusal). Never carries the code. */
public class CodeDeliveryException extends Exception {

    private final String userMessageKey;
    private final String eventError;

    public CodeDeliveryException(String userMessageKey, String logMessage, Throwable cause) {
        this(userMessageKey, org.keycloak.events.Errors.EMAIL_SEND_FAILED, logMessage, cause);
    }

    /** {@code eventError}: the error of the event recorded for the refusal. */
    public CodeDeliveryException(String userMessageKey, String eventError, String logMessage, Throwable cause) {
        super(logMessage, cause);
        this.userMessageKey = userMessageKey;
        this.eventError = eventError;
    }

    /** The error of the Keycloak event that records the failure. */
    public String eventError() {
        return eventError;
    }

    /** Message key shown to the user on the code form. */
    public String userMessageKey() {
        return userMessageKey;
    }
}
