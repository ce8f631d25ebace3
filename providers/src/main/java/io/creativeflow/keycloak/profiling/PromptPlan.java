package io.creativeflow.keycloak.profiling;

import io.creativeflow.keycloak.userdata.ProfilePromptStore.Prompt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which profile attributes to ask for at this login: those still empty whose turn has come (their
 * {@value #ASK_FROM_LOGIN} is at most this login's number), not completed, not given up on, earliest
 * turn first, at most {@code maxFields}. An attribute skipped {@code skipsAllowed} times can no
 * longer be skipped ({@link AfterSkips#REQUIRE}) or is never asked again ({@link AfterSkips#STOP}).
 */
public final class PromptPlan {

    /** User-profile annotation: from which login on (1 = the first) the attribute is asked. */
    public static final String ASK_FROM_LOGIN = "creativeflow.ask-from-login";

    /** What happens once an attribute was skipped as often as allowed. */
    public enum AfterSkips {
        REQUIRE, STOP
    }

    /** An attribute of the user profile that carries {@value #ASK_FROM_LOGIN}. */
    public record Candidate(String name, int askFromLogin, boolean hasValue) {
    }

    /** An attribute to ask for now, and whether the user may skip it this time. */
    public record Ask(String name, boolean skippable) {
    }

    private PromptPlan() {
    }

    public static List<Ask> plan(List<Candidate> candidates, Map<String, Prompt> prompts, long loginNumber,
            int maxFields, int skipsAllowed, AfterSkips afterSkips) {
        List<Candidate> due = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Prompt prompt = prompts.getOrDefault(candidate.name(), Prompt.none(candidate.name()));
            boolean givenUp = afterSkips == AfterSkips.STOP && prompt.timesSkipped() >= skipsAllowed;
            if (!candidate.hasValue() && candidate.askFromLogin() <= loginNumber && prompt.completedAt() == null
                    && !givenUp) {
                due.add(candidate);
            }
        }
        due.sort(Comparator.comparingInt(Candidate::askFromLogin));
        List<Ask> asks = new ArrayList<>();
        for (Candidate candidate : due.subList(0, Math.min(Math.max(maxFields, 0), due.size()))) {
            Prompt prompt = prompts.getOrDefault(candidate.name(), Prompt.none(candidate.name()));
            asks.add(new Ask(candidate.name(), prompt.timesSkipped() < skipsAllowed));
        }
        return asks;
    }

    /** The annotation's value as a login number; absent or invalid: not asked at all (0). */
    public static int askFromLogin(Object annotation) {
        if (annotation == null) {
            return 0;
        }
        try {
            int value = Integer.parseInt(annotation.toString().trim());
            return Math.max(value, 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
