/**
 * The SMS gateway, as a Keycloak SPI of our own ({@code cf-sms-sender}) so that operators choose it
 * by configuration (SMS_PROVIDER_GATEWAY): {@code twilio} (the Twilio SDK, Messages API) or
 * {@code log} (the server log and a local outbox file, for development and tests). What is sent, and
 * to whom, is decided elsewhere ({@code otp.sms}); this package only delivers.
 */
package io.creativeflow.keycloak.sms;
