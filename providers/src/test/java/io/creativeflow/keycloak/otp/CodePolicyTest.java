package io.creativeflow.keycloak.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;

class CodePolicyTest {

    @Test
    void anExecutionsConfigOverridesTheDefaultsWhereItSetsAValue() {
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setConfig(Map.of(CodePolicy.LENGTH, "8", CodePolicy.TTL, "", CodePolicy.COOLDOWN, "10"));

        CodePolicy policy = CodePolicy.defaults(120).with(config);

        assertThat(policy).isEqualTo(new CodePolicy(8, 120, 5, 10, 5));
        assertThat(CodePolicy.defaults(300).with(null)).isEqualTo(new CodePolicy(6, 300, 5, 30, 5));
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new CodePolicy(3, 300, 5, 30, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodePolicy(6, 0, 5, 30, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodePolicy(6, 300, 0, 30, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyLimitIsConfigurableInTheAdminConsoleWithHelp() {
        assertThat(CodePolicy.configProperties()).extracting("name")
                .containsExactly(CodePolicy.LENGTH, CodePolicy.TTL, CodePolicy.ATTEMPTS, CodePolicy.COOLDOWN,
                        CodePolicy.SENDS_PER_HOUR);
        assertThat(CodePolicy.configProperties()).allSatisfy(p -> assertThat(p.getHelpText()).isNotBlank());
    }
}
