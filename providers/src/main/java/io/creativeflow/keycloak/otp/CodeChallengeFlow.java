package io.creativeflow.keycloak.otp;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
import org.keycloak.theme.Theme;

/**
 * The dialogue around one code, shared by every channel and by login and enrolment alike: send a
 * code (never twice on a refresh), check what the user typed, resend the same code after the
 * cooldown, refuse beyond the hourly cap, stop a locked-out user.
 *
 * <p>Every limit is reserved before it is used, atomically and cluster-wide ({@link Reservations}):
 * a send takes a slot of the user's hourly cap before the channel is called (and the channel takes
 * its own guards' slots), a guess takes one of the code's attempts before it is compared, a resend
 * takes the code's cooldown, an accepted code is claimed once. Parallel requests therefore get at
 * most what one request after another would.
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
    private static final long HOUR = 3_600_000L;

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
    private final ChallengeStore store;
    private final Reservations reservations;
    private Properties messages;

    public CodeChallengeFlow(CodeChannel channel, CodePolicy policy, CodeDialogue dialogue) {
        this.channel = channel;
        this.policy = policy;
        this.dialogue = dialogue;
        this.store = dialogue.login()
                ? ChallengeStore.authSession(dialogue.authSession(), channel.id() + ".login.")
                : ChallengeStore.shared(dialogue.session().singleUseObjects(),
                        "cf-otp-setup:" + channel.id() + ':' + dialogue.realm().getId() + ':' + dialogue.user().getId());
        this.reservations = Reservations.of(dialogue.session());
    }

    /** First display: sends a code unless a live one was already sent to this user and destination. */
    public Step start() {
        if (lockedOut()) {
            return challenge(form(null, 0).setError(wording("cfOtpLockedOut")));
        }
        long now = Time.currentTimeMillis();
        Optional<CodeChallenge> current = current();
        if (current.isPresent() && isLive(current.get(), now)) {
            return challenge(form(current.get(), now));
        }
        return sendNew(now, null);
    }

    /** A form submission: a code to check, or a resend request. */
    public Step handle(MultivaluedMap<String, String> formData) {
        if (lockedOut()) {
            return challenge(form(null, 0).setError(wording("cfOtpLockedOut")));
        }
        long now = Time.currentTimeMillis();
        Optional<CodeChallenge> current = current();
        if (formData.containsKey(RESEND_FIELD)) {
            return resend(current, now);
        }
        if (current.isEmpty()) {
            return challenge(form(null, now).setError("cfOtpNoCode"));
        }
        return verify(current.get(), formData.getFirst(CODE_FIELD), now);
    }

    /** Forgets the code of this dialogue (the destination changed). */
    public void discard() {
        store.clear();
    }

    private Step verify(CodeChallenge challenge, String candidate, long now) {
        if (challenge.isExpired(now)) {
            return challenge(form(challenge, now).setError("cfOtpExpired"));
        }
        // The attempt is taken before the comparison: parallel guesses cannot exceed the attempts.
        if (!reservations.reserve(attemptsKey(challenge), policy.maxAttempts(), challenge.lifespanSeconds(now))) {
            return challenge(form(challenge, now).setError("cfOtpCodeExhausted"));
        }
        if (challenge.matches(candidate)) {
            if (!reservations.claim(usedKey(challenge), challenge.lifespanSeconds(now))) {
                // The same code was just accepted by a parallel request: it works once.
                store.clear();
                return challenge(form(null, now).setError("cfOtpAlreadyUsed"));
            }
            store.clear();
            reservations.release(sendLockKey());
            if (dialogue.login()) {
                bruteForce().successfulLogin(dialogue.realm(), dialogue.user(), dialogue.connection(),
                        dialogue.uri(), OTP_CATEGORY);
            }
            return new Step(Kind.ACCEPTED, null);
        }
        if (dialogue.realm().isBruteForceProtected()) {
            // Keycloak only counts the categories it knows; a wrong code must count like a wrong
            // password, or lockout never sees it. At enrolment too: the user is signed in, but a
            // guess is still a guess.
            bruteForce().failedLogin(dialogue.realm(), dialogue.user(), dialogue.connection(), dialogue.uri(),
                    OTP_CATEGORY);
        }
        int left = attemptsLeft(challenge);
        LoginFormsProvider form = form(challenge, now);
        form.setError(left > 0 ? countable("cfOtpWrongCode", left) : "cfOtpWrongCodeLast", left);
        return new Step(Kind.WRONG_CODE, form.createForm(TEMPLATE));
    }

    private Step resend(Optional<CodeChallenge> current, long now) {
        if (current.isPresent() && isLive(current.get(), now)) {
            CodeChallenge challenge = current.get();
            if (policy.resendCooldownSeconds() > 0
                    && !reservations.claim(cooldownKey(challenge), policy.resendCooldownSeconds())) {
                int wait = Math.max(1, challenge.secondsUntilResend(now, policy));
                return challenge(form(challenge, now).setError(countable("cfOtpResendCooldown", wait), wait));
            }
            return resendSame(challenge, now);
        }
        return sendNew(now, "cfOtpNewCodeSent");
    }

    private Step resendSame(CodeChallenge challenge, long now) {
        String code = OneTimeCode.derive(secretKey(), challenge.nonce(), context(), policy.length());
        if (!challenge.matches(code)) {
            // The realm's key rotated since the first send: this code cannot be repeated.
            return sendNew(now, "cfOtpNewCodeSent");
        }
        if (!reserveUserCap(now)) {
            return refusedByUserCap(challenge, now);
        }
        try {
            channel.deliver(dialogue, code, policy);
        } catch (CodeDeliveryException e) {
            return deliveryFailed(e, challenge, now);
        }
        CodeChallenge resent = challenge.resentAt(now);
        store.save(resent, now);
        return challenge(form(resent, now).setInfo("cfOtpCodeResent"));
    }

    private Step sendNew(long now, String infoKey) {
        if (!channel.canReach(dialogue.user())) {
            return challenge(form(null, now).setError(wording(channel.messagePrefix() + "Unreachable")));
        }
        // One sender at a time per dialogue and destination: parallel pages of one enrolment (or
        // reloads of one login page) send one code, not one each. The lock lasts the cooldown.
        if (!reservations.claim(sendLockKey(), Math.max(1, policy.resendCooldownSeconds()))) {
            Optional<CodeChallenge> current = current();
            if (current.isPresent() && isLive(current.get(), now)) {
                return challenge(form(current.get(), now));
            }
            if (current.isPresent()) {
                // Its code is used up or expired, and it was sent moments ago: the cooldown applies.
                int wait = Math.max(1, current.get().secondsUntilResend(now, policy));
                return challenge(form(null, now).setError(countable("cfOtpResendCooldown", wait), wait));
            }
            // A parallel request of this dialogue is sending to this destination right now.
            Map<String, Object> awaiting = bean(null, now);
            awaiting.put("sent", true);
            awaiting.put("minutesLeft", minutes(policy.ttlSeconds()));
            return challenge(dialogue.forms().get().setAttribute("cfOtp", awaiting).setInfo("cfOtpCodeOnItsWay"));
        }
        if (!reserveUserCap(now)) {
            return refusedByUserCap(null, now);
        }
        String nonce = OneTimeCode.newNonce();
        String code = OneTimeCode.derive(secretKey(), nonce, context(), policy.length());
        try {
            channel.deliver(dialogue, code, policy);
        } catch (CodeDeliveryException e) {
            reservations.release(sendLockKey());
            store.clear();
            return deliveryFailed(e, null, now);
        }
        CodeChallenge challenge = CodeChallenge.issue(nonce, code, policy, now, dialogue.user().getId(),
                channel.destinationKey(dialogue.user()));
        if (policy.resendCooldownSeconds() > 0) {
            reservations.claim(cooldownKey(challenge), policy.resendCooldownSeconds());
        }
        store.save(challenge, now);
        LoginFormsProvider form = form(challenge, now);
        if (infoKey != null) {
            form.setInfo(infoKey);
        }
        return challenge(form);
    }

    private boolean reserveUserCap(long now) {
        return reservations.reserve("otp-sends:" + channel.id() + ':' + dialogue.user().getId(),
                policy.maxSendsPerHour(), HOUR, now);
    }

    private Step refusedByUserCap(CodeChallenge challenge, long now) {
        int minutes = minutes(Reservations.secondsUntilNextWindow(HOUR, now));
        dialogue.event().clone().detail("channel", channel.id()).detail("reason", "send_cap")
                .error(Errors.ACCESS_DENIED);
        LoginFormsProvider form = challenge == null ? form(null, now) : form(challenge, now);
        return challenge(form.setError(countable(wording("cfOtpTooManySends"), minutes), minutes));
    }

    private Step deliveryFailed(CodeDeliveryException e, CodeChallenge stillLive, long now) {
        // The reason names the guard or the gateway's code; never a destination, address or code.
        LOG.warnf("No %s code sent to user %s: %s", channel.id(), dialogue.user().getId(),
                io.creativeflow.keycloak.spi.Redacted.text(e.getMessage()));
        dialogue.event().clone().detail("channel", channel.id()).detail("reason", e.userMessageKey())
                .error(e.eventError());
        LoginFormsProvider form = form(stillLive, now);
        String key = wording(e.userMessageKey());
        if (e.retryAfterSeconds() > 0) {
            int minutes = minutes(e.retryAfterSeconds());
            form.setError(countable(key, minutes), minutes);
        } else {
            form.setError(key);
        }
        return challenge(form);
    }

    /** The stored challenge, if it was made for this user and this destination. */
    private Optional<CodeChallenge> current() {
        Optional<CodeChallenge> current = store.load();
        if (current.isPresent()
                && !current.get().isFor(dialogue.user().getId(), channel.destinationKey(dialogue.user()))) {
            store.clear();
            return Optional.empty();
        }
        return current;
    }

    private boolean isLive(CodeChallenge challenge, long now) {
        return !challenge.isExpired(now) && attemptsLeft(challenge) > 0 && !reservations.claimed(usedKey(challenge));
    }

    private int attemptsLeft(CodeChallenge challenge) {
        return policy.maxAttempts() - reservations.used(attemptsKey(challenge), policy.maxAttempts());
    }

    private String attemptsKey(CodeChallenge challenge) {
        return "otp-attempts:" + challenge.nonce();
    }

    private String usedKey(CodeChallenge challenge) {
        return "otp-used:" + challenge.nonce();
    }

    private String cooldownKey(CodeChallenge challenge) {
        return "otp-resend:" + challenge.nonce();
    }

    private String sendLockKey() {
        String dialogueKey = dialogue.login()
                ? "login:" + dialogue.authSession().getParentSession().getId() + '.' + dialogue.authSession().getTabId()
                : "setup:" + dialogue.realm().getId() + ':' + dialogue.user().getId();
        return "otp-send:" + channel.id() + ':' + dialogueKey + ':' + channel.destinationKey(dialogue.user());
    }

    /** Locked out by brute-force protection (see BruteForceLockout: not merely busy). */
    private boolean lockedOut() {
        return io.creativeflow.keycloak.spi.BruteForceLockout.locked(dialogue.session(), dialogue.realm(), dialogue.user());
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

    /**
     * The key for this dialogue: at enrolment {@code <key>Setup} where the theme has it (the words
     * speak of setting up, not of signing in), else {@code key}.
     */
    private String wording(String key) {
        if (dialogue.login()) {
            return key;
        }
        return messages().containsKey(key + "Setup") ? key + "Setup" : key;
    }

    /** {@code <key>One} for a count of one (English and German have one singular form). */
    static String countable(String key, int count) {
        return count == 1 ? key + "One" : key;
    }

    private static int minutes(int seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }

    private Properties messages() {
        if (messages == null) {
            try {
                messages = dialogue.session().theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(
                        dialogue.realm(), dialogue.session().getContext().resolveLocale(dialogue.user()));
            } catch (IOException e) {
                messages = new Properties();
            }
        }
        return messages;
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
        // "sent": a live code exists for this page; only then does the page say a code was sent
        // and show the code field.
        bean.put("sent", challenge != null);
        bean.put("secondsLeft", challenge == null ? 0 : challenge.secondsLeft(now));
        bean.put("minutesLeft", challenge == null ? 0 : (challenge.secondsLeft(now) + 59) / 60);
        bean.put("resendInSeconds", challenge == null ? 0 : challenge.secondsUntilResend(now, policy));
        bean.put("attemptsLeft", challenge == null ? 0 : attemptsLeft(challenge));
        return bean;
    }

    private Step challenge(LoginFormsProvider form) {
        return new Step(Kind.CHALLENGE, form.createForm(TEMPLATE));
    }
}
