package io.creativeflow.keycloak.otp;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Where the live challenge of a dialogue is kept. At login: in the authentication session (one code
 * per sign-in). At enrolment: in one record per user and channel in the cluster-wide single-use
 * store, so that every enrolment page a user has open shares one challenge (one code, one set of
 * attempts) instead of each texting its own.
 */
interface ChallengeStore {

    Optional<CodeChallenge> load();

    void save(CodeChallenge challenge, long nowMillis);

    void clear();

    static ChallengeStore authSession(AuthenticationSessionModel authSession, String prefix) {
        CodeChallenge.Notes notes = new CodeChallenge.Notes() {
            @Override
            public String get(String key) {
                return authSession.getAuthNote(key);
            }

            @Override
            public void set(String key, String value) {
                authSession.setAuthNote(key, value);
            }

            @Override
            public void remove(String key) {
                authSession.removeAuthNote(key);
            }
        };
        return new ChallengeStore() {
            @Override
            public Optional<CodeChallenge> load() {
                return CodeChallenge.load(notes, prefix);
            }

            @Override
            public void save(CodeChallenge challenge, long nowMillis) {
                challenge.save(notes, prefix);
            }

            @Override
            public void clear() {
                CodeChallenge.clear(notes, prefix);
            }
        };
    }

    static ChallengeStore shared(SingleUseObjectProvider singleUse, String key) {
        return new ChallengeStore() {
            @Override
            public Optional<CodeChallenge> load() {
                Map<String, String> record = singleUse.get(key);
                if (record == null) {
                    return Optional.empty();
                }
                Map<String, String> copy = new HashMap<>(record);
                return CodeChallenge.load(notes(copy), "");
            }

            @Override
            public void save(CodeChallenge challenge, long nowMillis) {
                Map<String, String> record = new HashMap<>();
                challenge.save(notes(record), "");
                // put replaces at commit; a remove now would leave parallel pages without the code.
                singleUse.put(key, challenge.lifespanSeconds(nowMillis), record);
            }

            @Override
            public void clear() {
                singleUse.remove(key);
            }
        };
    }

    private static CodeChallenge.Notes notes(Map<String, String> record) {
        return new CodeChallenge.Notes() {
            @Override
            public String get(String name) {
                return record.get(name);
            }

            @Override
            public void set(String name, String value) {
                record.put(name, value);
            }

            @Override
            public void remove(String name) {
                record.remove(name);
            }
        };
    }
}
