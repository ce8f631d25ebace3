package io.creativeflow.keycloak.otp;

import org.keycloak.models.UserModel;

/** Where codes go (email, SMS): all a channel adds to the engine. */
public interface CodeChannel {

    /** Stable id, also the prefix of the channel's message keys and session notes. */
    String id();

    /**
     * Prefix of the channel's own message keys: {@code <prefix>Title}, {@code <prefix>Intro},
     * {@code <prefix>Unreachable} in the login theme.
     */
    String messagePrefix();

    /** Whether this user can receive codes here at all (e.g. a verified email address). */
    boolean canReach(UserModel user);

    /** The destination as shown to the user, masked (m•••@example.com). */
    String maskedDestination(UserModel user);

    /**
     * Whether the enrolment form offers to change the destination (a phone number the user typed);
     * the form then posts {@value CodeChallengeFlow#CHANGE_DESTINATION_FIELD}.
     */
    default boolean destinationChangeable() {
        return false;
    }

    /**
     * A stable key of where codes go now (a hash of the number or address, never the destination
     * itself): a challenge is only valid for the destination it was sent to.
     */
    String destinationKey(UserModel user);

    /**
     * Sends {@code code}. Guards of the channel (caps, budgets) are reserved here, before the code
     * leaves, and count the attempt whether or not the delivery then succeeds. Must not log, store or put the code in an exception. */
    void deliver(CodeDialogue dialogue, String code, CodePolicy policy) throws CodeDeliveryException;
}
