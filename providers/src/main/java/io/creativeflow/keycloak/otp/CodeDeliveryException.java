package io.creativeflow.keycloak.otp;

/**
 * A code was not sent: a guard refused (a cap, a country) or the channel failed (SMTP down, gateway
 * refusal). Never carries the code, a destination or a client address.
 */
public class CodeDeliveryException extends Exception {

    private final String userMessageKey;
    private final String eventError;
    private final int retryAfterSeconds;

    public CodeDeliveryException(String userMessageKey, String logMessage, Throwable cause) {
        this(userMessageKey, org.keycloak.events.Errors.EMAIL_SEND_FAILED, logMessage, cause);
    }

    /** {@code eventError}: the error of the event recorded for the refusal. */
    public CodeDeliveryException(String userMessageKey, String eventError, String logMessage, Throwable cause) {
        this(userMessageKey, eventError, logMessage, cause, 0);
    }

    /** A refusal that lifts after {@code retryAfterSeconds} (a full cap, until its window turns). */
    public CodeDeliveryException(String userMessageKey, String eventError, String logMessage, Throwable cause,
            int retryAfterSeconds) {
        super(logMessage, cause);
        this.userMessageKey = userMessageKey;
        this.eventError = eventError;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The error of the Keycloak event that records the failure. */
    public String eventError() {
        return eventError;
    }

    /**
     * Message key shown to the user on the code form. A refusal with a wait takes the number of
     * minutes as its parameter and has a singular variant ({@code <key>One}).
     */
    public String userMessageKey() {
        return userMessageKey;
    }

    /** Seconds until the refusal lifts, or 0 when waiting does not help. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
