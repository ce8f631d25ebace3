package io.creativeflow.keycloak.sms;

import org.keycloak.provider.Provider;

/** Sends text messages through one gateway. */
public interface SmsSender extends Provider {

    /**
     * Hands {@code message} to the gateway; returns once the gateway accepted it (delivery to the
     * handset happens later and is not reported back).
     */
    void send(SmsMessage message) throws SmsDeliveryException;

    @Override
    default void close() {
        // senders hold no per-session state
    }
}
