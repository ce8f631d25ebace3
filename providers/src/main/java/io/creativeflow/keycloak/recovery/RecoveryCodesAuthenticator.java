package io.creativeflow.keycloak.recovery;

import jakarta.ws.rs.core.MultivaluedMap;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.CredentialValidator;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import io.creativeflow.keycloak.spi.BruteForceLockout;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Login with any unused recovery code. Wrong codes count toward brute-force lockout (under
 * Keycloak's recovery-code category); a used code is gone; the user learns how many remain, is asked
 * to regenerate when few do, and gets a security email.
 */
final class RecoveryCodesAuthenticator implements Authenticator, CredentialValidator<RecoveryCodesCredentialProvider> {

    @Override
    public RecoveryCodesCredentialProvider getCredentialProvider(KeycloakSession session) {
        return provider(session);
    }

    static final String LOW_THRESHOLD = "cf.recovery.low-threshold";
    private static final String TEMPLATE = "cf-recovery-code.ftl";
    private static final String NOTE_ACCEPTED = "cf-recovery.accepted";
    private static final Set<String> CATEGORY = Set.of("recovery-authn-codes");
    private static final Logger LOG = Logger.getLogger(RecoveryCodesAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (lockedOut(context)) {
            context.challenge(form(context, null).setError("cfOtpLockedOut").createForm(TEMPLATE));
            return;
        }
        context.challenge(form(context, null).createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> formData = context.getHttpRequest().getDecodedFormParameters();
        String acceptedFor = context.getAuthenticationSession().getAuthNote(NOTE_ACCEPTED);
        if (acceptedFor != null) {
            context.getAuthenticationSession().removeAuthNote(NOTE_ACCEPTED);
            // Only for the user whose code it was: a broker login to a linked account can switch the
            // session's user without clearing notes.
            if (acceptedFor.equals(context.getUser().getId())) {
                io.creativeflow.keycloak.mfa.SecondFactorPendingCondition.recordPassed(context.getAuthenticationSession(),
                        acceptedFor);
                context.success();
                return;
            }
        }
        if (lockedOut(context)) {
            context.challenge(form(context, null).setError("cfOtpLockedOut").createForm(TEMPLATE));
            return;
        }
        if (busy(context)) {
            context.challenge(form(context, null).setError("cfSignInInProgress").createForm(TEMPLATE));
            return;
        }
        UserModel user = context.getUser();
        RecoveryCodesCredentialProvider credentials = provider(context.getSession());
        Optional<RecoveryCodesCredentialProvider.Stored> stored = credentials.find(user);
        // Claimed first, atomically and cluster-wide: two requests with the same code (two nodes, or
        // brute-force protection off) cannot both read it unused and both be accepted.
        String claim = stored.isPresent() ? stored.get().batch().claimKey(formData.getFirst("code")) : null;
        boolean first = claim == null || io.creativeflow.keycloak.otp.Reservations.of(context.getSession())
                .claim("recovery-used:" + stored.get().credential().getId() + ':' + claim, 600);
        if (stored.isPresent() && first && stored.get().batch().use(formData.getFirst("code"))) {
            credentials.update(user, stored.get());
            bruteForce(context).successfulLogin(context.getRealm(), user, context.getConnection(),
                    context.getUriInfo(), CATEGORY);
            int remaining = stored.get().batch().remaining();
            if (remaining <= threshold(context.getAuthenticatorConfig())) {
                user.addRequiredAction(RecoveryCodes.SETUP_ACTION);
            }
            securityEmail(context, remaining);
            context.getAuthenticationSession().setAuthNote(NOTE_ACCEPTED, user.getId());
            context.challenge(form(context, remaining).createForm(TEMPLATE));
            return;
        }
        if (context.getRealm().isBruteForceProtected()) {
            bruteForce(context).failedLogin(context.getRealm(), user, context.getConnection(), context.getUriInfo(),
                    CATEGORY);
        }
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                form(context, null).setError("cfRecoveryCodeWrong").createForm(TEMPLATE));
    }

    private static LoginFormsProvider form(AuthenticationFlowContext context, Integer remainingAfterUse) {
        Map<String, Object> bean = new HashMap<>();
        bean.put("accepted", remainingAfterUse != null);
        bean.put("remaining", remainingAfterUse == null ? 0 : remainingAfterUse);
        bean.put("low", remainingAfterUse != null && remainingAfterUse <= threshold(context.getAuthenticatorConfig()));
        return context.form().setAttribute("cfRecovery", bean);
    }

    private static void securityEmail(AuthenticationFlowContext context, int remaining) {
        UserModel user = context.getUser();
        if (user.getEmail() == null) {
            return;
        }
        RealmModel realm = context.getRealm();
        String realmName = realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
        String client = context.getAuthenticationSession().getClient().getName() != null
                ? context.getAuthenticationSession().getClient().getName()
                : context.getAuthenticationSession().getClient().getClientId();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("realmName", realmName);
        attributes.put("clientName", client);
        attributes.put("ipAddress", context.getConnection().getRemoteAddr());
        attributes.put("time", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME));
        attributes.put("remaining", remaining);
        try {
            context.getSession().getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .setAuthenticationSession(context.getAuthenticationSession())
                    .send("cfRecoveryCodeUsedSubject", List.of(realmName), "cf-recovery-code-used.ftl", attributes);
        } catch (EmailException e) {
            // The sign-in itself succeeded; the notice is best effort, and says nothing secret.
            LOG.warnf("Could not send the recovery-code notice to user %s: %s", user.getId(),
                    io.creativeflow.keycloak.spi.Redacted.text(e.getMessage()));
        }
    }

    private static int threshold(AuthenticatorConfigModel config) {
        if (config == null || config.getConfig() == null || config.getConfig().get(LOW_THRESHOLD) == null) {
            return RecoveryCodes.DEFAULT_LOW_THRESHOLD;
        }
        try {
            return Integer.parseInt(config.getConfig().get(LOW_THRESHOLD).trim());
        } catch (NumberFormatException e) {
            return RecoveryCodes.DEFAULT_LOW_THRESHOLD;
        }
    }

    private static boolean lockedOut(AuthenticationFlowContext context) {
        return BruteForceLockout.locked(context.getSession(), context.getRealm(), context.getUser());
    }

    /**
     * Keycloak refuses a second sign-in of the user while one is in progress: that keeps a recovery
     * code from being used twice at once, and is not a lockout.
     */
    private static boolean busy(AuthenticationFlowContext context) {
        return BruteForceLockout.busy(context.getSession(), context.getRealm(), context.getUser());
    }

    private static BruteForceProtector bruteForce(AuthenticationFlowContext context) {
        return context.getSession().getProvider(BruteForceProtector.class);
    }

    static RecoveryCodesCredentialProvider provider(KeycloakSession session) {
        return (RecoveryCodesCredentialProvider) session.getProvider(CredentialProvider.class, RecoveryCodes.TYPE);
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return provider(session).find(user).map(stored -> stored.batch().remaining() > 0).orElse(false);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        user.addRequiredAction(RecoveryCodes.SETUP_ACTION);
    }

    @Override
    public void close() {
        // stateless
    }
}
