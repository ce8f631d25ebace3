package io.creativeflow.keycloak.otp.sms;

import io.creativeflow.keycloak.config.SpecSettings;
import io.creativeflow.keycloak.otp.CodeChallengeFlow;
import io.creativeflow.keycloak.otp.CodeDialogue;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.FormMessage;

/**
 * Enrolment, and changing the number: the user types a number (parsed and checked with
 * libphonenumber, its country against the allowlist), gets a code on it and types the code back;
 * only then is the credential created (or the old number replaced). Reachable with
 * {@code kc_action=cf-sms-setup} and from the account console's "Signing in" page.
 */
final class SmsOtpSetup implements RequiredActionProvider {

    /** Login-theme template of the phone form. */
    static final String PHONE_TEMPLATE = "cf-sms-phone.ftl";
    static final String PHONE_FIELD = "phone";
    /** The number being confirmed (E.164), kept in the authentication session until then. */
    private static final String PENDING_NOTE = "cf-sms-otp.pending-phone";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // enrolment is asked for by the flow (setRequiredActions), an admin or the user
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (!SmsOtp.enabled(context.getSession())) {
            refuseDisabled(context);
            return;
        }
        String pending = context.getAuthenticationSession().getAuthNote(PENDING_NOTE);
        if (pending == null) {
            context.challenge(phoneForm(context, null, null));
        } else {
            apply(context, flow(context, pending).start());
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (!SmsOtp.enabled(context.getSession())) {
            refuseDisabled(context);
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String pending = context.getAuthenticationSession().getAuthNote(PENDING_NOTE);
        if (form.containsKey(PHONE_FIELD)) {
            choose(context, form.getFirst(PHONE_FIELD), pending);
        } else if (form.containsKey(CodeChallengeFlow.CHANGE_DESTINATION_FIELD) || pending == null) {
            if (pending != null) {
                flow(context, pending).discard();
                context.getAuthenticationSession().removeAuthNote(PENDING_NOTE);
            }
            context.challenge(phoneForm(context, null, null));
        } else {
            apply(context, flow(context, pending).handle(form));
        }
    }

    /** The user typed a number: refuse it with a reason, or send the first code to it. */
    private void choose(RequiredActionContext context, String input, String pending) {
        SpecSettings settings = SmsOtp.settings(context.getSession());
        PhoneNumbers.Phone phone;
        try {
            phone = PhoneNumbers.parse(input, settings.get("cf.sms.default-region"));
        } catch (PhoneNumbers.InvalidPhoneException e) {
            context.challenge(phoneForm(context, input, e.messageKey()));
            return;
        }
        if (!SmsGuards.from(settings).countryAllowed(phone.region())) {
            context.getEvent().clone().detail("reason", "country_not_allowed").detail("country", phone.region())
                    .error(SmsOtp.SEND_REFUSED);
            context.challenge(phoneForm(context, input, "cfSmsCountryNotAllowedSetup"));
            return;
        }
        if (pending != null) {
            flow(context, pending).discard();
        }
        context.getAuthenticationSession().setAuthNote(PENDING_NOTE, phone.e164());
        apply(context, flow(context, phone.e164()).start());
    }

    private static CodeChallengeFlow flow(RequiredActionContext context, String e164) {
        KeycloakSession session = context.getSession();
        String hash = PhoneKeys.cipher(session, context.getRealm()).lookupHash(e164);
        SmsCodeChannel channel = new SmsCodeChannel(e164, hash, SmsGuards.from(SmsOtp.settings(session)));
        return new CodeChallengeFlow(channel, SmsOtp.policy(session, null), CodeDialogue.of(context));
    }

    private static void apply(RequiredActionContext context, CodeChallengeFlow.Step step) {
        if (step.kind() != CodeChallengeFlow.Kind.ACCEPTED) {
            context.challenge(step.response());
            return;
        }
        String e164 = context.getAuthenticationSession().getAuthNote(PENDING_NOTE);
        SmsOtpCredentialProvider credentials = (SmsOtpCredentialProvider) context.getSession()
                .getProvider(CredentialProvider.class, SmsOtp.TYPE);
        credentials.enrol(context.getRealm(), context.getUser(),
                new PhoneNumbers.Phone(e164, PhoneNumbers.region(e164)));
        context.getAuthenticationSession().removeAuthNote(PENDING_NOTE);
        context.getEvent().detail(Details.CREDENTIAL_TYPE, SmsOtp.TYPE);
        context.success();
    }

    private static Response phoneForm(RequiredActionContext context, String input, String errorKey) {
        SpecSettings settings = SmsOtp.settings(context.getSession());
        LoginFormsProvider form = context.form()
                .setAttribute("cfSmsPhone", java.util.Map.of(
                        "value", input == null ? "" : input,
                        "example", PhoneNumbers.example(settings.get("cf.sms.default-region")),
                        "current", currentMasked(context)));
        if (errorKey != null) {
            form.addError(new FormMessage(PHONE_FIELD, errorKey));
        }
        return form.createForm(PHONE_TEMPLATE);
    }

    private static String currentMasked(RequiredActionContext context) {
        return context.getUser().credentialManager().getStoredCredentialsByTypeStream(SmsOtp.TYPE)
                .map(credential -> credential.getUserLabel() == null ? "" : credential.getUserLabel())
                .findFirst().orElse("");
    }

    private static void refuseDisabled(RequiredActionContext context) {
        context.getUser().removeRequiredAction(SmsOtp.SETUP_ACTION);
        context.challenge(context.form().setError("cfSmsOtpDisabled").createErrorPage(Response.Status.BAD_REQUEST));
    }

    @Override
    public void close() {
        // stateless
    }
}
