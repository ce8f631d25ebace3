/**
 * Sign in with Apple as a Keycloak identity provider ({@code apple}): Apple's OpenID Connect with an
 * ES256 client-secret JWT made from the .p8 key, {@code response_mode=form_post}, the user's name
 * from Apple's one-time {@code user} form field, and Apple's private-relay addresses told apart.
 */
package io.creativeflow.keycloak.apple;
