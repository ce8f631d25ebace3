package io.creativeflow.keycloak.sms;

import org.keycloak.provider.ProviderFactory;

/** A gateway: {@code twilio}, {@code log}, or an operator's own in a jar of theirs. */
public interface SmsSenderFactory extends ProviderFactory<SmsSender> {
}
