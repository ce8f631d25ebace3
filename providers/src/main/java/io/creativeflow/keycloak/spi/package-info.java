/** Plumbing the capabilities share: Keycloak SPI lifecycle defaults and the shape of a "gate" authenticator (check the user, pass or refuse). */
package io.creativeflow.keycloak.spi;
