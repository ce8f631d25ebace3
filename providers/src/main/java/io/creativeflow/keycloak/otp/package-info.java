/**
 * The one-time-code engine every code channel (email, SMS) shares: how a code is made, kept,
 * checked, resent and throttled. Channels are thin adapters: they only deliver a code and describe
 * where it went.
 *
 * <p>Reading order: {@link io.creativeflow.keycloak.otp.CodePolicy} (the limits and how admins set
 * them) → {@link io.creativeflow.keycloak.otp.CodeChallengeFlow} (the login/enrolment dialogue) →
 * {@link io.creativeflow.keycloak.otp.CodeChallenge} (what is kept of a sent code) →
 * {@link io.creativeflow.keycloak.otp.OneTimeCode} (making, hashing and comparing codes) → {@link
 * io.creativeflow.keycloak.otp.Reservations} (the one atomic, cluster-wide counter behind every cap,
 * attempt, cooldown and single use).
 */
package io.creativeflow.keycloak.otp;
