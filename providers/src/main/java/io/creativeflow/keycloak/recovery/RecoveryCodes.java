package io.creativeflow.keycloak.recovery;

/** The public names of the recovery-code factor. */
public final class RecoveryCodes {

    /** Credential type, authenticator id and reference category. */
    public static final String TYPE = "cf-recovery-codes";
    /** Required action that generates (or regenerates) a batch; also kc_action. */
    public static final String SETUP_ACTION = "cf-recovery-codes-setup";
    /** Codes in a batch. */
    public static final int DEFAULT_COUNT = 10;
    /** At or below this many unused codes the user is asked to regenerate. */
    public static final int DEFAULT_LOW_THRESHOLD = 3;

    private RecoveryCodes() {
    }
}
