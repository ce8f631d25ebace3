/**
 * SMS one-time codes as a second factor ({@code cf-sms-otp}): phone enrolment with a confirmation
 * code ({@code cf-sms-setup}), phone numbers encrypted at rest, the SMS-pumping and cost guards, and
 * the login step. Codes, attempts, lockout and resends are the shared engine's ({@code otp}); sending
 * is the gateway's ({@code sms}).
 */
package io.creativeflow.keycloak.otp.sms;
