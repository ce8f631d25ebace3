package io.creativeflow.keycloak.config;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/**
 * Writes the spec's realm-level settings into a realm as it is imported.
 *
 * <p>Only realms that ask for it are touched: the realm file carries the attribute
 * {@value #MARKER_ATTRIBUTE}{@code =true}. The realm file's own values for these settings are the
 * defaults; the environment wins. Realms that already exist are never changed (Keycloak skips their
 * import), so edits made in the admin console survive restarts.
 */
public final class SpecRealmSettings {

    /** Realm attribute that opts a realm into the spec's settings. */
    public static final String MARKER_ATTRIBUTE = "creativeflow.spec-settings";

    static final String VERIFY_EMAIL_LIFESPAN = "actionTokenGeneratedByUserLifespan.verify-email";
    static final String RESET_CREDENTIALS_LIFESPAN = "actionTokenGeneratedByUserLifespan.reset-credentials";

    private SpecRealmSettings() {
    }

    public static boolean wanted(RealmModel realm) {
        return Boolean.parseBoolean(realm.getAttribute(MARKER_ATTRIBUTE));
    }

    static void apply(SpecSettings settings, RealmModel realm) {
        realm.setDisplayName(settings.get("cf.realm.display-name"));
        realm.setDisplayNameHtml(settings.get("cf.realm.display-name"));

        realm.setAccessTokenLifespan(settings.seconds("cf.token.access-lifespan-seconds"));
        int refresh = settings.seconds("cf.token.refresh-lifespan-seconds");
        // The refresh token lives as long as the SSO session: idle and absolute limits both follow
        // REFRESH_TOKEN_EXPIRE_DAYS so that neither cuts it short.
        realm.setSsoSessionIdleTimeout(refresh);
        realm.setSsoSessionMaxLifespan(refresh);
        realm.setSsoSessionIdleTimeoutRememberMe(refresh);
        realm.setSsoSessionMaxLifespanRememberMe(refresh);
        realm.setAttribute(VERIFY_EMAIL_LIFESPAN, settings.get("cf.token.verify-email-lifespan-seconds"));
        realm.setAttribute(RESET_CREDENTIALS_LIFESPAN, settings.get("cf.token.reset-password-lifespan-seconds"));
        realm.setDefaultSignatureAlgorithm(settings.get("cf.token.signature-algorithm"));

        Map<String, String> smtp = new HashMap<>(realm.getSmtpConfig());
        smtp.put("host", settings.get("cf.smtp.host"));
        smtp.put("port", settings.get("cf.smtp.port"));
        smtp.put("from", settings.get("cf.smtp.from"));
        smtp.put("fromDisplayName", settings.get("cf.smtp.from-display-name"));
        smtp.put("starttls", settings.get("cf.smtp.starttls"));
        smtp.put("ssl", "false");
        smtp.put("auth", settings.get("cf.smtp.auth"));
        smtp.put("user", settings.get("cf.smtp.user"));
        smtp.put("password", settings.get("cf.smtp.password"));
        realm.setSmtpConfig(smtp);
    }

    /**
     * Registers our required actions ({@code cf-*}) in a newly imported realm, and at every start those
     * an upgrade of our jar added since. Keycloak registers only its own in a new realm; a realm file
     * that listed ours would have to list all of Keycloak's too, and go stale with every Keycloak
     * release. Existing registrations (enabled or disabled by an admin) are left as they are.
     */
    static void registerOurRequiredActions(KeycloakSession session, RealmModel realm) {
        session.getKeycloakSessionFactory().getProviderFactoriesStream(RequiredActionProvider.class)
                .map(RequiredActionFactory.class::cast)
                .filter(factory -> factory.getId().startsWith("cf-"))
                .filter(factory -> realm.getRequiredActionProviderByAlias(factory.getId()) == null)
                .forEach(factory -> {
                    RequiredActionProviderModel model = new RequiredActionProviderModel();
                    model.setAlias(factory.getId());
                    model.setProviderId(factory.getId());
                    model.setName(factory.getDisplayText());
                    model.setEnabled(true);
                    model.setDefaultAction(false);
                    model.setPriority(100);
                    realm.addRequiredActionProvider(model);
                });
    }

    /**
     * EnableMFA_AuthenticatorApp: Keycloak's own TOTP is offered (every auth-otp-form execution of the
     * realm, whatever flow holds it) and enrollable (CONFIGURE_TOTP) only when it is on. Applied at
     * every start, so the toggle works like the others: change it, restart.
     */
    static void applyToggles(SpecSettings settings, RealmModel realm) {
        boolean totp = settings.enabled("EnableMFA_AuthenticatorApp");
        RequiredActionProviderModel configureTotp = realm.getRequiredActionProviderByAlias("CONFIGURE_TOTP");
        if (configureTotp != null && configureTotp.isEnabled() != totp) {
            configureTotp.setEnabled(totp);
            realm.updateRequiredActionProvider(configureTotp);
        }
        realm.getAuthenticationFlowsStream()
                .toList()
                .forEach(flow -> realm.getAuthenticationExecutionsStream(flow.getId())
                        .filter(execution -> "auth-otp-form".equals(execution.getAuthenticator()))
                        .toList()
                        .forEach(execution -> {
                            AuthenticationExecutionModel.Requirement wanted = totp
                                    ? AuthenticationExecutionModel.Requirement.ALTERNATIVE
                                    : AuthenticationExecutionModel.Requirement.DISABLED;
                            if (execution.getRequirement() != wanted) {
                                execution.setRequirement(wanted);
                                realm.updateAuthenticatorExecution(execution);
                            }
                        }));
    }

    /**
     * Social login: the identity providers {@code google}, {@code facebook} and {@code apple} of the
     * realm file are enabled by their toggles (EnableSocialLogin*) and take their credentials from
     * the environment (SOCIAL_*) at every start, so both follow the environment like the other
     * toggles; a variable left empty keeps what the realm has (e.g. set in the admin console).
     */
    static void applySocial(KeycloakSession session, SpecSettings settings, RealmModel realm) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            social(session, settings, "google", "EnableSocialLoginGoogle", Map.of(
                    "clientId", settings.get("cf.social.google.client-id"),
                    "clientSecret", settings.get("cf.social.google.client-secret")));
            social(session, settings, "facebook", "EnableSocialLoginFacebook", Map.of(
                    "clientId", settings.get("cf.social.facebook.client-id"),
                    "clientSecret", settings.get("cf.social.facebook.client-secret")));
            social(session, settings, "apple", "EnableSocialLoginApple", Map.of(
                    "clientId", settings.get("cf.social.apple.client-id"),
                    "teamId", settings.get("cf.social.apple.team-id"),
                    "keyId", settings.get("cf.social.apple.key-id"),
                    "privateKey", settings.get("cf.social.apple.private-key")));
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    private static void social(KeycloakSession session, SpecSettings settings, String alias, String toggle,
            Map<String, String> config) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null) {
            return;
        }
        idp.setEnabled(settings.enabled(toggle));
        config.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                idp.getConfig().put(key, value);
            }
        });
        session.identityProviders().update(idp);
    }
}
