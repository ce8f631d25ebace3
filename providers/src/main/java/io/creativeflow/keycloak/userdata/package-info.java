/**
 * User data Keycloak does not keep, in Keycloak's own database (JPA entities with Liquibase
 * changelogs, tables {@code CF_*}): login activity per user (first and last login, count, last IP,
 * client and identity provider) and the state of progressive profiling per user and attribute.
 * Everything else reaches it through {@link io.creativeflow.keycloak.userdata.UserData}'s small
 * store interfaces, never through the EntityManager.
 */
package io.creativeflow.keycloak.userdata;
