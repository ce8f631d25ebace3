package io.creativeflow.keycloak.otp;

/** A channel could not deliver a code (SMTP down, gateway refusal). Never carries the code. */
public class CodeDeliveryException extends Exception {

    private final String userMessageKey;

    public CodeDeliveryException(String userMessageKey, String logMessage, Throwable cause) {
        super(logMessage, cause);
        this.userMessageKey = userMessageKey;
    }

    /** Message key shown to the user on the code form. */
    public String userMessageKey() {
        return userMessageKey;
    }
}
