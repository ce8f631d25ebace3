/**
 * Progressive profiling ({@code cf-progressive-profile}, toggle EnableProgressiveProfilingTrigger):
 * instead of asking for every missing profile field at once, ask for a few at a time, over several
 * logins. Which attributes, their labels and validators come from Keycloak's declarative user
 * profile; from which login on each is asked is the attribute's annotation
 * {@value io.creativeflow.keycloak.profiling.PromptPlan#ASK_FROM_LOGIN}.
 */
package io.creativeflow.keycloak.profiling;
