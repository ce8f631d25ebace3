package io.creativeflow.keycloak.profiling;

import java.util.List;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The execution settings of {@code cf-progressive-profile}, with their defaults. */
final class ProgressiveProfileSettings {

    static final String MAX_FIELDS = "cf.profile.max-fields";
    static final String SKIPS_ALLOWED = "cf.profile.skips-allowed";
    static final String AFTER_SKIPS = "cf.profile.after-skips";

    private ProgressiveProfileSettings() {
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_FIELDS).label("Fields per prompt")
                .helpText("At most this many missing attributes are asked for at one login.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("1").add()
                .property().name(SKIPS_ALLOWED).label("Skips per attribute")
                .helpText("How often a user may choose 'Skip for now' for one attribute.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("2").add()
                .property().name(AFTER_SKIPS).label("After the last skip")
                .helpText("require: the attribute must then be filled in; stop: it is never asked again.")
                .type(ProviderConfigProperty.LIST_TYPE).options("require", "stop").defaultValue("require").add()
                .build();
    }

    static int maxFields(AuthenticatorConfigModel config) {
        return number(config, MAX_FIELDS, 1);
    }

    static int skipsAllowed(AuthenticatorConfigModel config) {
        return number(config, SKIPS_ALLOWED, 2);
    }

    static PromptPlan.AfterSkips afterSkips(AuthenticatorConfigModel config) {
        String value = config == null || config.getConfig() == null ? null : config.getConfig().get(AFTER_SKIPS);
        return "stop".equalsIgnoreCase(value) ? PromptPlan.AfterSkips.STOP : PromptPlan.AfterSkips.REQUIRE;
    }

    private static int number(AuthenticatorConfigModel config, String key, int fallback) {
        String value = config == null || config.getConfig() == null ? null : config.getConfig().get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
