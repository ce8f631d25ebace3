package io.creativeflow.keycloak.otp;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The dialogue around one code, shared by every channel and by login and enrolment alike: send a
 * code (never twice on a refresh), check what the user typed, resend the same code after the
 * cooldown, refuse beyond the hourly cap, stop a locked-out user.
 */
public final class CodeChallengeFlow {

    /** Form field with the code the user typed. */
    public static final String CODE_FIELD = "code";
    /** Form field present when the user asked for the code again. */
    public static final String RESEND_FIELD = "resend";
    /** Form field present when the user wants to enrol another destination (see CodeChannel). */
    public static final String CHANGE_DESTINATION_FIELD = "change-destination";
    /** Login-theme template of the code form. */
    public static final String TEMPLATE = "cf-otp-code.ftl";

    /** Brute-force category: Keycloak counts wrong one-time codes under "otp". */
    private static final Set<String> OTP_CATEGORY = Set.of("otp");

    private static final Logger LOG = Logger.getLogger(CodeChallengeFlow.class);

    /** What the caller does next. */
    public enum Kind {
        /** Show the response and wait for the user. */
        CHALLENGE,
        /** A wrong code: show the response as a failed attempt. */
        WRONG_CODE,
        /** The code was right. */
        ACCEPTED
    }

    public record Step(Kind kind, Response response) {
    }

    private final CodeChannel channel;
    private final CodePolicy policy;
    private final CodeDialogue dialogue;
    private final String notePrefix;

    public CodeChallengeFlow(CodeChannel channel, CodePolicy policy, CodeDialogue dialogue) {
        this.channel = channel;
        this.policy = policy;
        this.dialogue = dialogue;
        this.notePrefix = channel.id() + (dialogue.login() ? ".login." : ".setup.");
    }

    /** First display: sends a code unless a live one was already sent in this session. */
    public Step start() {
        if (lockedOut()) {
            return challenge(form().setError("cfOtpLockedOut"));
        }
        long now = Time.currentTimeMillis();
        Optional<CodeChallenge> current = CodeChallenge.load(dialogue.notes(), notePrefix);
        if (current.isPresent() && current.get().isLive(now)) {
            return challenge(form(current.get(), now));
        }
        return sendNew(now, null);
    }

    /** A form submission: a code to check, or a resend request. */
    public Step handle(MultivaluedMap<String, String> formData) {
        if (lockedOut()) {
            return challenge(form().setError("cfOtpLockedOut"));
        }
        long now = Time.currentTimeMillis();
        Optional<CodeChallenge> current = CodeChallenge.load(dialogue.notes(), notePrefix);
        if (formData.containsKey(RESEND_FIELD)) {
            return resend(current, now);
        }
        if (current.isEmpty()) {
            return challenge(form().setError("cfOtpNoCode"));
        }
        CodeChallenge challenge = current.get();
        CodeChallenge.Verdict verdict = challenge.verify(formData.getFirst(CODE_FIELD), now);
        switch (verdict) {
            case ACCEPTED:
                CodeChallenge.clear(dialogue.notes(), notePrefix);
                if (dialogue.login()) {
                    bruteForce().successfulLogin(dialogue.realm(), dialogue.user(), dialogue.connection(),
                            dialogue.uri(), OTP_CATEGORY);
                }
                return new Step(Kind.ACCEPTED, null);
            case EXPIRED:
                return challenge(form(challenge, now).setError("cfOtpExpired"));
            case EXHAUSTED:
                return challenge(form(challenge, now).setError("cfOtpCodeExhausted"));
            case WRONG:
            default:
                challenge.save(dialogue.notes(), notePrefix);
                if (dialogue.login() && dialogue.realm().isBruteForceProtected()) {
                    // Keycloak only counts the categories it knows; a wrong code must count like a
                    // wrong password, or lockout never sees it.
                    bruteForce().failedLogin(dialogue.realm(), dialogue.user(), dialogue.connection(),
                            dialogue.uri(), OTP_CATEGORY);
                }
                LoginFormsProvider form = form(challenge, now);
                if (challenge.attemptsLeft() > 0) {
                    form.setError("cfOtpWrongCode", challenge.attemptsLeft());
                } else {
                    form.setError("cfOtpCodeExhausted");
                }
                return new Step(Kind.WRONG_CODE, form.createForm(TEMPLATE));
        }
    }

    private Step resend(Optional<CodeChallenge> current, long now) {
        if (current.isPresent()) {
            CodeChallenge challenge = current.get();
            int wait = challenge.secondsUntilResend(now, policy);
            if (wait > 0) {
                return challenge(form(challenge, now).setError("cfOtpResendCooldown", wait));
            }
            if (challenge.isLive(now)) {
                return resendSame(challenge, now);
            }
        }
        return sendNew(now, "cfOtpNewCodeSent");
    }

    private Step resendSame(CodeChallenge challenge, long now) {
        if (!underHourlyCap(now)) {
            return challenge(form(challenge, now).setError("cfOtpTooManySends"));
        }
        String code = OneTimeCode.derive(secretKey(), challenge.nonce(), context(), policy.length());
        if (!challenge.isFor(code)) {
            // The realm's key rotated since the first send: this code cannot be repeated.
            return sendNew(now, "cfOtpNewCodeSent");
        }
        try {
            channel.deliver(dialogue, code, policy);
        } catch (CodeDeliveryException e) {
            return deliveryFailed(e);
        }
        recordSend(now);
        challenge.markResent(now);
        challenge.save(dialogue.notes(), notePrefix);
        return challenge(form(challenge, now).setInfo("cfOtpCodeResent"));
    }

    /** Forgets the code of this dialogue (the destination changed). */
    public void discard() {
        CodeChallenge.clear(dialogue.notes(), notePrefix);
    }

    private Step sendNew(long now, String infoKey) {
        if (!channel.canReach(dialogue.user())) {
            return challenge(form().setError(channel.messagePrefix() + "Unreachable"));
        }
        if (!underHourlyCap(now)) {
            dialogue.event().clone().detail("reason", "send_cap").error(Errors.ACCESS_DENIED);
            return challenge(form().setError("cfOtpTooManySends"));
        }
        String nonce = OneTimeCode.newNonce();
        String code = OneTimeCode.derive(secretKey(), nonce, context(), policy.length());
        try {
            channel.deliver(dialogue, code, policy);
        } catch (CodeDeliveryException e) {
            return deliveryFailed(e);
        }
        recordSend(now);
        CodeChallenge challenge = CodeChallenge.issue(nonce, code, policy, now);
        challenge.save(dialogue.notes(), notePrefix);
        LoginFormsProvider form = form(challenge, now);
        if (infoKey != null) {
            form.setInfo(infoKey);
        }
        return challenge(form);
    }

    private Step deliveryFailed(CodeDeliveryException e) {
        LOG.warnf("Could not send a %s code to user %s: %s", channel.id(), dialogue.user().getId(), e.getMessage());
        dialogue.event().clone().detail("channel", channel.id()).detail("reason", e.userMessageKey())
                .error(e.eventError());
        CodeChallenge.clear(dialogue.notes(), notePrefix);
        return challenge(form().setError(e.userMessageKey()));
    }

    private boolean underHourlyCap(long now) {
        return new SendLedger(dialogue.session().singleUseObjects())
                .allows(channel.id(), dialogue.user().getId(), policy.maxSendsPerHour(), now);
    }

    private void recordSend(long now) {
        new SendLedger(dialogue.session().singleUseObjects()).record(channel.id(), dialogue.user().getId(), now);
    }

    private boolean lockedOut() {
        if (!dialogue.login() || !dialogue.realm().isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = bruteForce();
        return protector.isPermanentlyLockedOut(dialogue.session(), dialogue.realm(), dialogue.user())
                || protector.isTemporarilyDisabled(dialogue.session(), dialogue.realm(), dialogue.user());
    }

    private BruteForceProtector bruteForce() {
        return dialogue.session().getProvider(BruteForceProtector.class);
    }

    private SecretKey secretKey() {
        KeyWrapper key = dialogue.session().keys().getActiveKey(dialogue.realm(), KeyUse.SIG, Algorithm.HS512);
        if (key == null || key.getSecretKey() == null) {
            throw new IllegalStateException("Realm " + dialogue.realm().getName()
                    + " has no active HS512 key (provider hmac-generated); one-time codes need it");
        }
        return key.getSecretKey();
    }

    private String context() {
        return channel.id() + '|' + dialogue.user().getId();
    }

    private LoginFormsProvider form() {
        return dialogue.forms().get()
                .setAttribute("cfOtp", bean(null, Time.currentTimeMillis()));
    }

    private LoginFormsProvider form(CodeChallenge challenge, long now) {
        return dialogue.forms().get().setAttribute("cfOtp", bean(challenge, now));
    }

    private Map<String, Object> bean(CodeChallenge challenge, long now) {
        Map<String, Object> bean = new LinkedHashMap<>();
        bean.put("messagePrefix", channel.messagePrefix());
        bean.put("destination", channel.maskedDestination(dialogue.user()));
        bean.put("codeLength", policy.length());
        bean.put("enrolment", !dialogue.login());
        bean.put("changeDestination", !dialogue.login() && channel.destinationChangeable());
        bean.put("sent", challenge != null);
        bean.put("secondsLeft", challenge == null ? 0 : challenge.secondsLeft(now));
        bean.put("minutesLeft", challenge == null ? 0 : (challenge.secondsLeft(now) + 59) / 60);
        bean.put("resendInSeconds", challenge == null ? 0 : challenge.secondsUntilResend(now, policy));
        bean.put("attemptsLeft", challenge == null ? 0 : challenge.attemptsLeft());
        return bean;
    }

    private Step challenge(LoginFormsProvider form) {
        return new Step(Kind.CHALLENGE, form.createForm(TEMPLATE));
    }
}
