package dev.mlops.functions.gate;

import java.util.Locale;

/**
 * The promotion rule, without side effects: does the challenger beat the champion?
 *
 * <p>Definitions:
 * <ul>
 *   <li><b>enough samples</b>: both variants have at least {@code minSamples} labelled predictions in the
 *       window (the champion's figure is the yardstick, so it needs as much evidence as the challenger's);</li>
 *   <li><b>relative RMSE improvement</b> = (RMSE<sub>champion</sub> − RMSE<sub>challenger</sub>) /
 *       RMSE<sub>champion</sub>: 0.10 means the challenger's RMSE is 10 % lower;</li>
 *   <li><b>passes</b> when the improvement is at least {@code minImprovement} and the challenger's RMSE is
 *       strictly lower (so a margin of 0 does not promote an equal model). A champion with RMSE 0 cannot be
 *       beaten.</li>
 * </ul>
 */
public final class GateRule {

    /** The rule's answer. */
    public enum Kind {
        /** Too few labelled samples yet; the gate decides on a later run. */
        WAITING_FOR_SAMPLES,
        /** Enough samples, but the challenger is not better by the margin. */
        NOT_BETTER,
        /** Enough samples and better by at least the margin. */
        PASSES
    }

    /**
     * @param improvement the relative RMSE improvement; NaN when there were too few samples or the champion's RMSE is 0
     * @param figures     the numbers behind the answer, for logs, the approval description and the notification
     */
    public record Verdict(Kind kind, double improvement, String figures) {
    }

    private GateRule() {
    }

    public static Verdict evaluate(VariantScore champion, VariantScore challenger, long minSamples, double minImprovement) {
        if (challenger.samples() < minSamples || champion.samples() < minSamples) {
            String figures = String.format(Locale.ROOT, "not yet: challenger %s has %d of %d labelled samples, champion %s has %d of %d",
                    challenger.variant(), challenger.samples(), minSamples, champion.variant(), champion.samples(), minSamples);
            return new Verdict(Kind.WAITING_FOR_SAMPLES, Double.NaN, figures);
        }
        double improvement = champion.rmse() > 0 ? (champion.rmse() - challenger.rmse()) / champion.rmse() : Double.NaN;
        boolean passes = challenger.rmse() < champion.rmse() && improvement >= minImprovement;
        String comparison = String.format(Locale.ROOT,
                "challenger %s (model %s) RMSE %.6g on %d samples vs champion %s (model %s) RMSE %.6g on %d samples",
                challenger.variant(), challenger.modelVersion(), challenger.rmse(), challenger.samples(),
                champion.variant(), champion.modelVersion(), champion.rmse(), champion.samples());
        String verdict;
        if (Double.isNaN(improvement)) {
            verdict = "the champion's RMSE is 0 and cannot be beaten";
        } else if (!passes && improvement >= minImprovement) {
            verdict = "the challenger is not strictly better";
        } else {
            verdict = String.format(Locale.ROOT, "relative RMSE improvement %.2f%% %s margin %.2f%%",
                    improvement * 100, passes ? ">=" : "<", minImprovement * 100);
        }
        return new Verdict(passes ? Kind.PASSES : Kind.NOT_BETTER, improvement, comparison + ": " + verdict);
    }
}
