package io.creativeflow.keycloak.sms;

/**
 * A gateway did not take a message. {@link #reason()} is what the user is told; the message (for the
 * log) names the gateway's own error code, never the text that was to be sent.
 */
public class SmsDeliveryException extends Exception {

    /** Why, in terms the user can act on; each has a message key in the login theme. */
    public enum Reason {
        /** The number does not exist or cannot take SMS (landline). */
        INVALID_NUMBER("cfSmsInvalidNumber"),
        /** The handset or its carrier could not be reached. */
        UNREACHABLE("cfSmsUnreachable"),
        /** Sending to that country is not enabled. */
        BLOCKED_REGION("cfSmsBlockedRegion"),
        /** The gateway throttles us. */
        RATE_LIMITED("cfSmsRateLimited"),
        /** The gateway is down, refuses our credentials or times out. */
        UNAVAILABLE("cfSmsUnavailable");

        private final String messageKey;

        Reason(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final Reason reason;
    private final String gatewayCode;

    public SmsDeliveryException(Reason reason, String gatewayCode, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.gatewayCode = gatewayCode;
    }

    public Reason reason() {
        return reason;
    }

    /** The gateway's own error code (Twilio's 21211, ...), or null. */
    public String gatewayCode() {
        return gatewayCode;
    }
}
