/**
 * Rules that span the second factors: which credentials count as a second factor, and the guard that
 * keeps the password grant from skipping them.
 *
 * <p>Reading order: {@link io.creativeflow.keycloak.mfa.DirectGrantGuardFactory} → {@link
 * io.creativeflow.keycloak.mfa.DirectGrantGuard} → {@link io.creativeflow.keycloak.mfa.SecondFactors}.
 */
package io.creativeflow.keycloak.mfa;
