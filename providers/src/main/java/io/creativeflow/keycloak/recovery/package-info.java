/**
 * Recovery codes ({@code cf-recovery-codes}): a batch of one-time codes, any unused one of which
 * signs the user in when their other second factors are out of reach.
 *
 * <p>Reading order: {@link io.creativeflow.keycloak.recovery.RecoveryCodesAuthenticatorFactory} and
 * {@link io.creativeflow.keycloak.recovery.RecoveryCodesSetupFactory} (what admins see) → {@link
 * io.creativeflow.keycloak.recovery.RecoveryCodesAuthenticator} (login) and {@link
 * io.creativeflow.keycloak.recovery.RecoveryCodesSetup} (generate, show once, confirm) → {@link
 * io.creativeflow.keycloak.recovery.RecoveryCodesCredentialProvider} (storage) → {@link
 * io.creativeflow.keycloak.recovery.RecoveryCodeBatch} (codes, hashing, use).
 */
package io.creativeflow.keycloak.recovery;
