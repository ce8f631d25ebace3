/**
 * Email one-time codes as a second factor ({@code cf-email-otp}): a thin adapter over the code
 * engine in {@code io.creativeflow.keycloak.otp}.
 *
 * <p>Reading order: {@link io.creativeflow.keycloak.otp.email.EmailOtpAuthenticatorFactory} and
 * {@link io.creativeflow.keycloak.otp.email.EmailOtpSetupFactory} (what admins see) → {@link
 * io.creativeflow.keycloak.otp.email.EmailOtpAuthenticator} (login) and {@link
 * io.creativeflow.keycloak.otp.email.EmailOtpSetup} (enrolment) → {@link
 * io.creativeflow.keycloak.otp.email.EmailCodeChannel} (the email) → {@link
 * io.creativeflow.keycloak.otp.email.EmailOtpCredentialProvider} (what is stored).
 */
package io.creativeflow.keycloak.otp.email;
