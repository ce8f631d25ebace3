package io.creativeflow.keycloak.profiling;

import io.creativeflow.keycloak.config.SpecSettingsProvider;
import io.creativeflow.keycloak.userdata.LoginActivityStore;
import io.creativeflow.keycloak.userdata.ProfilePromptStore;
import io.creativeflow.keycloak.userdata.UserData;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.services.validation.Validation;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * After the second factor: asks for at most a few missing profile attributes whose turn has come
 * ({@link PromptPlan}), validated by the user profile's own validators, with "Skip for now" while
 * skips remain. Passes silently when the toggle is off, for service accounts, in identity-provider
 * logins, and for users whose profile holds everything due.
 */
final class ProgressiveProfileAuthenticator implements Authenticator {

    static final String TOGGLE = "EnableProgressiveProfilingTrigger";
    static final String TEMPLATE = "cf-progressive-profile.ftl";
    static final String SKIP_FIELD = "skip";
    /** The attributes asked for in this login (comma-separated), and which of them may be skipped. */
    private static final String ASKED_NOTE = "cf-profile.asked";
    private static final String SKIPPABLE_NOTE = "cf-profile.skippable";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!applies(context)) {
            context.success();
            return;
        }
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        long loginNumber = UserData.loginActivity(context.getSession()).find(realm.getId(), user.getId())
                .map(LoginActivityStore.Activity::loginCount).orElse(0L) + 1;
        ProfilePromptStore prompts = UserData.profilePrompts(context.getSession());
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        List<PromptPlan.Ask> asks = PromptPlan.plan(candidates(context.getSession(), user),
                prompts.forUser(realm.getId(), user.getId()), loginNumber,
                ProgressiveProfileSettings.maxFields(config), ProgressiveProfileSettings.skipsAllowed(config),
                ProgressiveProfileSettings.afterSkips(config));
        if (asks.isEmpty()) {
            context.success();
            return;
        }
        long now = Time.currentTimeMillis();
        List<String> names = new ArrayList<>();
        List<String> skippable = new ArrayList<>();
        for (PromptPlan.Ask ask : asks) {
            prompts.asked(realm.getId(), user.getId(), ask.name(), now);
            names.add(ask.name());
            if (ask.skippable()) {
                skippable.add(ask.name());
            }
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setAuthNote(ASKED_NOTE, String.join(",", names));
        authSession.setAuthNote(SKIPPABLE_NOTE, String.join(",", skippable));
        context.challenge(form(context, names, skippable, Map.of(), List.of()));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        List<String> names = split(authSession.getAuthNote(ASKED_NOTE));
        List<String> skippable = split(authSession.getAuthNote(SKIPPABLE_NOTE));
        if (names.isEmpty()) {
            context.success();
            return;
        }
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        ProfilePromptStore prompts = UserData.profilePrompts(context.getSession());
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();

        if (form.containsKey(SKIP_FIELD)) {
            if (skippable.containsAll(names)) {
                names.forEach(name -> prompts.skipped(realm.getId(), user.getId(), name));
                finish(context);
                return;
            }
            context.challenge(form(context, names, skippable, Map.of(), List.of(new FormMessage(null, "cfProfileRequired"))));
            return;
        }

        Map<String, String> typed = new LinkedHashMap<>();
        List<FormMessage> errors = new ArrayList<>();
        for (String name : names) {
            String value = form.getFirst(name) == null ? "" : form.getFirst(name).trim();
            typed.put(name, value);
            if (value.isEmpty()) {
                errors.add(new FormMessage(name, skippable.contains(name) ? "cfProfileFillOrSkip" : "cfProfileRequired"));
            }
        }
        if (!errors.isEmpty()) {
            context.challenge(form(context, names, skippable, typed, errors));
            return;
        }

        UserProfileProvider profiles = context.getSession().getProvider(UserProfileProvider.class);
        Map<String, List<String>> values = new HashMap<>(
                profiles.create(UserProfileContext.USER_API, user).getAttributes().getReadable());
        typed.forEach((name, value) -> values.put(name, List.of(value)));
        // The attributes' scope selector keeps them out of every form Keycloak shows in a login flow,
        // this one included; so they are validated and saved outside the flow context. Only attributes
        // the user may edit are ever asked (candidates), and only those are taken from the form.
        UserProfile profile = profiles.create(UserProfileContext.USER_API, values, user);
        try {
            profile.validate();
            profile.update(false);
        } catch (ValidationException e) {
            List<FormMessage> messages = Validation.getFormErrorsFromValidation(e.getErrors()).stream()
                    .filter(message -> message.getField() == null || names.contains(message.getField()))
                    .toList();
            context.challenge(form(context, names, skippable, typed,
                    messages.isEmpty() ? List.of(new FormMessage(null, "cfProfileNotSaved")) : messages));
            return;
        }
        long now = Time.currentTimeMillis();
        names.forEach(name -> prompts.completed(realm.getId(), user.getId(), name, now));
        finish(context);
    }

    private static void finish(AuthenticationFlowContext context) {
        context.getAuthenticationSession().removeAuthNote(ASKED_NOTE);
        context.getAuthenticationSession().removeAuthNote(SKIPPABLE_NOTE);
        context.success();
    }

    private static boolean applies(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        return context.getSession().getProvider(SpecSettingsProvider.class).settings().enabled(TOGGLE)
                && user != null
                && user.getServiceAccountClientLink() == null
                && authSession.getAuthNote(AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE) == null
                && authSession.getAuthNote(PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT) == null;
    }

    /** The user-profile attributes that carry the annotation, and whether the user has a value. */
    static List<PromptPlan.Candidate> candidates(KeycloakSession session, UserModel user) {
        List<PromptPlan.Candidate> candidates = new ArrayList<>();
        for (UPAttribute attribute : session.getProvider(UserProfileProvider.class).getConfiguration().getAttributes()) {
            Map<String, Object> annotations = attribute.getAnnotations();
            int from = PromptPlan.askFromLogin(annotations == null ? null : annotations.get(PromptPlan.ASK_FROM_LOGIN));
            boolean userEditable = attribute.getPermissions() != null && attribute.getPermissions().getEdit() != null
                    && attribute.getPermissions().getEdit().contains("user");
            if (from > 0 && userEditable) {
                String value = user.getFirstAttribute(attribute.getName());
                candidates.add(new PromptPlan.Candidate(attribute.getName(), from, value != null && !value.isBlank()));
            }
        }
        return candidates;
    }

    private static jakarta.ws.rs.core.Response form(AuthenticationFlowContext context, List<String> names,
            List<String> skippable, Map<String, String> typed, List<FormMessage> errors) {
        Map<String, String> labels = new HashMap<>();
        for (UPAttribute attribute : context.getSession().getProvider(UserProfileProvider.class).getConfiguration()
                .getAttributes()) {
            labels.put(attribute.getName(), attribute.getDisplayName() == null ? attribute.getName() : attribute.getDisplayName());
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", name);
            field.put("label", labels.getOrDefault(name, name));
            field.put("value", typed.getOrDefault(name, ""));
            fields.add(field);
        }
        LoginFormsProvider form = context.form()
                .setAttribute("cfProfile", Map.of("fields", fields, "skippable", skippable.containsAll(names)));
        errors.forEach(form::addError);
        return form.createForm(TEMPLATE);
    }

    private static List<String> split(String note) {
        if (note == null || note.isBlank()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.asList(note.split(",")));
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to enrol
    }

    @Override
    public void close() {
        // stateless
    }
}
