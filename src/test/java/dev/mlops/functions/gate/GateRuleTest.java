package dev.mlops.functions.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GateRuleTest {

    private static VariantScore champion(long samples, double rmse) {
        return new VariantScore("AllTraffic", "V1.0.3", samples, rmse);
    }

    private static VariantScore challenger(long samples, double rmse) {
        return new VariantScore("Shadow", "V1.1.0", samples, rmse);
    }

    @Test
    void waitsUntilBothVariantsHaveEnoughLabelledSamples() {
        GateRule.Verdict verdict = GateRule.evaluate(champion(130, 2.0), challenger(120, 1.0), 200, 0.05);

        assertThat(verdict.kind()).isEqualTo(GateRule.Kind.WAITING_FOR_SAMPLES);
        assertThat(verdict.improvement()).isNaN();
        assertThat(verdict.figures()).isEqualTo(
                "not yet: challenger Shadow has 120 of 200 labelled samples, champion AllTraffic has 130 of 200");
        assertThat(GateRule.evaluate(champion(199, 2.0), challenger(500, 1.0), 200, 0.05).kind())
                .as("the champion's figure needs as much evidence").isEqualTo(GateRule.Kind.WAITING_FOR_SAMPLES);
    }

    @Test
    void passesWhenTheRelativeRmseImprovementReachesTheMargin() {
        GateRule.Verdict verdict = GateRule.evaluate(champion(250, 2.0), challenger(240, 1.8), 200, 0.05);

        assertThat(verdict.kind()).isEqualTo(GateRule.Kind.PASSES);
        assertThat(verdict.improvement()).isCloseTo(0.10, within(1e-12));
        assertThat(verdict.figures()).isEqualTo("challenger Shadow (model V1.1.0) RMSE 1.80000 on 240 samples vs champion "
                + "AllTraffic (model V1.0.3) RMSE 2.00000 on 250 samples: relative RMSE improvement 10.00% >= margin 5.00%");
    }

    @Test
    void anImprovementExactlyAtTheMarginPasses() {
        assertThat(GateRule.evaluate(champion(200, 4.0), challenger(200, 3.0), 200, 0.25).kind()).isEqualTo(GateRule.Kind.PASSES);
    }

    @Test
    void doesNotPassBelowTheMarginOrWhenWorse() {
        GateRule.Verdict small = GateRule.evaluate(champion(300, 2.0), challenger(300, 1.95), 200, 0.05);
        assertThat(small.kind()).isEqualTo(GateRule.Kind.NOT_BETTER);
        assertThat(small.figures()).endsWith("relative RMSE improvement 2.50% < margin 5.00%");

        GateRule.Verdict worse = GateRule.evaluate(champion(300, 2.0), challenger(300, 3.0), 200, 0.05);
        assertThat(worse.kind()).isEqualTo(GateRule.Kind.NOT_BETTER);
        assertThat(worse.improvement()).isEqualTo(-0.5);
    }

    @Test
    void anEqualChallengerDoesNotPassEvenWithAZeroMargin() {
        GateRule.Verdict verdict = GateRule.evaluate(champion(300, 2.0), challenger(300, 2.0), 200, 0.0);

        assertThat(verdict.kind()).isEqualTo(GateRule.Kind.NOT_BETTER);
        assertThat(verdict.figures()).endsWith("the challenger is not strictly better");
    }

    @Test
    void aPerfectChampionCannotBeBeaten() {
        GateRule.Verdict verdict = GateRule.evaluate(champion(300, 0.0), challenger(300, 0.0), 200, 0.0);

        assertThat(verdict.kind()).isEqualTo(GateRule.Kind.NOT_BETTER);
        assertThat(verdict.figures()).endsWith("the champion's RMSE is 0 and cannot be beaten");
    }
}
