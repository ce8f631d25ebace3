/** Plumbing every capability's providers share (Keycloak SPI lifecycle defaults). */
package io.creativeflow.keycloak.spi;
