package io.creativeflow.keycloak.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.creativeflow.keycloak.profiling.PromptPlan.AfterSkips;
import io.creativeflow.keycloak.profiling.PromptPlan.Ask;
import io.creativeflow.keycloak.profiling.PromptPlan.Candidate;
import io.creativeflow.keycloak.userdata.ProfilePromptStore.Prompt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptPlanTest {

    private static final List<Candidate> PROFILE = List.of(
            new Candidate("jobTitle", 3, false),
            new Candidate("company", 2, false),
            new Candidate("firstName", 1, true));

    @Test
    void eachAttributeWaitsForItsLoginAndTheEarliestComesFirst() {
        assertThat(PromptPlan.plan(PROFILE, Map.of(), 1, 1, 2, AfterSkips.REQUIRE)).isEmpty();
        assertThat(PromptPlan.plan(PROFILE, Map.of(), 2, 1, 2, AfterSkips.REQUIRE)).containsExactly(new Ask("company", true));
        assertThat(PromptPlan.plan(PROFILE, Map.of(), 3, 1, 2, AfterSkips.REQUIRE)).containsExactly(new Ask("company", true));
        assertThat(PromptPlan.plan(PROFILE, Map.of(), 3, 5, 2, AfterSkips.REQUIRE))
                .containsExactly(new Ask("company", true), new Ask("jobTitle", true));
    }

    @Test
    void afterTheLastSkipTheFieldIsRequiredOrNeverAskedAgain() {
        Map<String, Prompt> skippedTwice = Map.of("company", new Prompt("company", 2, 2, null));
        assertThat(PromptPlan.plan(PROFILE, skippedTwice, 4, 1, 2, AfterSkips.REQUIRE)).containsExactly(new Ask("company", false));
        assertThat(PromptPlan.plan(PROFILE, skippedTwice, 4, 1, 2, AfterSkips.STOP)).containsExactly(new Ask("jobTitle", true));
    }

    @Test
    void aCompleteProfileOrACompletedPromptAsksNothing() {
        List<Candidate> complete = List.of(new Candidate("company", 2, true), new Candidate("jobTitle", 3, true));
        assertThat(PromptPlan.plan(complete, Map.of(), 10, 3, 2, AfterSkips.REQUIRE)).isEmpty();
        Map<String, Prompt> done = Map.of("company", new Prompt("company", 1, 0, 123L), "jobTitle", new Prompt("jobTitle", 1, 0, 456L));
        assertThat(PromptPlan.plan(PROFILE, done, 10, 3, 2, AfterSkips.REQUIRE)).isEmpty();
    }

    @Test
    void theAnnotationIsALoginNumberAndAnythingElseMeansNever() {
        assertThat(PromptPlan.askFromLogin("3")).isEqualTo(3);
        assertThat(PromptPlan.askFromLogin(" 1 ")).isEqualTo(1);
        assertThat(PromptPlan.askFromLogin("soon")).isZero();
        assertThat(PromptPlan.askFromLogin(null)).isZero();
        assertThat(PromptPlan.askFromLogin("-2")).isZero();
    }
}
