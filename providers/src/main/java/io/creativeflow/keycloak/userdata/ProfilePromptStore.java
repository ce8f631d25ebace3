package io.creativeflow.keycloak.userdata;

import java.util.Map;

/** Progressive-profiling state per user, realm and attribute. */
public interface ProfilePromptStore {

    /** How an attribute was asked for so far; completedAt in epoch milliseconds or null. */
    record Prompt(String attribute, int timesAsked, int timesSkipped, Long completedAt) {
        public static Prompt none(String attribute) {
            return new Prompt(attribute, 0, 0, null);
        }
    }

    /** Every attribute this user was asked for, by name. */
    Map<String, Prompt> forUser(String realmId, String userId);

    void asked(String realmId, String userId, String attribute, long at);

    void skipped(String realmId, String userId, String attribute);

    void completed(String realmId, String userId, String attribute, long at);

    void deleteUser(String realmId, String userId);

    void deleteRealm(String realmId);
}
