package dev.mlops.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a served model's quality is watched ({@code mlops:models[].monitoring}). The quality metrics function runs
 * hourly over the last {@code evaluationHours} of captured requests joined with their ground truth; an alarm fires
 * when {@code breachingHours} consecutive hourly results breach its threshold, counting only results with at least
 * {@code minSamples} labelled samples.
 *
 * @param rmseAbove           the champion's RMSE above this alarms (default: the model's {@code thresholds.maxRmse})
 * @param maeAbove            the champion's MAE above this alarms (default: {@code thresholds.maxMae}; none: no MAE alarm)
 * @param r2Below             the champion's R² below this alarms (default: {@code thresholds.minR2})
 * @param shadowMarginPercent the challenger's RMSE more than this many percent above the champion's alarms
 * @param evaluationHours     whole hours of capture each run evaluates (the function's {@code WINDOW_HOURS})
 * @param breachingHours      consecutive breaching hourly results before an alarm fires
 * @param minSamples          labelled samples a result needs to count for the alarms
 * @param gate                the promotion gate run after each evaluation
 */
public record MonitoringSettings(double rmseAbove, Optional<Double> maeAbove, double r2Below, double shadowMarginPercent,
                                 int evaluationHours, int breachingHours, int minSamples, Gate gate) {

    public static final double DEFAULT_SHADOW_MARGIN_PERCENT = 10;
    public static final int DEFAULT_EVALUATION_HOURS = 24;
    /** The metrics function's limit on WINDOW_HOURS (30 days). */
    public static final int MAX_EVALUATION_HOURS = 720;
    public static final int DEFAULT_BREACHING_HOURS = 3;
    /** CloudWatch: Period × EvaluationPeriods at most 7 days for hourly periods. */
    public static final int MAX_BREACHING_HOURS = 168;
    public static final int DEFAULT_MIN_SAMPLES = 100;

    /** What the promotion gate does when the challenger beats the champion. */
    public enum GateMode {
        OFF, AUTO, MANUAL;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The staging promotion gate.
     *
     * @param mode          {@code off}, {@code auto} (approve the challenger's package) or {@code manual} (ask the ML engineers)
     * @param minSamples    labelled samples both variants need before the gate decides
     * @param marginPercent how much lower, in percent, the challenger's RMSE must be than the champion's
     */
    public record Gate(GateMode mode, int minSamples, double marginPercent) {
        public static final Gate OFF = new Gate(GateMode.OFF, 200, 5);

        public boolean enabled() {
            return mode != GateMode.OFF;
        }
    }

    /** The defaults of a model with these registration thresholds. */
    public static MonitoringSettings defaults(ModelSettings.QualityThresholds thresholds) {
        return new MonitoringSettings(thresholds.maxRmse(), thresholds.maxMae(), thresholds.minR2(), DEFAULT_SHADOW_MARGIN_PERCENT,
                DEFAULT_EVALUATION_HOURS, DEFAULT_BREACHING_HOURS, DEFAULT_MIN_SAMPLES, Gate.OFF);
    }

    /**
     * @param thresholds the model's registration thresholds, the alarms' defaults; null when they did not parse (reported)
     */
    static MonitoringSettings read(ConfigReader m, ModelSettings.QualityThresholds thresholds, ServingSettings serving) {
        double rmse = m.decimal("rmseAbove").check(Check.positive()).orElse(thresholds == null ? Double.NaN : thresholds.maxRmse());
        Optional<Double> mae = m.decimal("maeAbove").check(Check.positive()).optional()
                .or(() -> thresholds == null ? Optional.empty() : thresholds.maxMae());
        double r2 = m.decimal("r2Below").check(Check.between(0, 1)).orElse(thresholds == null ? Double.NaN : thresholds.minR2());
        double margin = m.decimal("shadowMarginPercent").check(Check.between(0, 1000)).orElse(DEFAULT_SHADOW_MARGIN_PERCENT);
        int hours = m.integer("evaluationHours").check(Check.range(1, MAX_EVALUATION_HOURS)).orElse(DEFAULT_EVALUATION_HOURS);
        int breaching = m.integer("breachingHours").check(Check.range(1, MAX_BREACHING_HOURS)).orElse(DEFAULT_BREACHING_HOURS);
        int samples = m.integer("minSamples").check(Check.range(1, 100_000_000)).orElse(DEFAULT_MIN_SAMPLES);
        Gate gate = gate(m.object("gate"), serving);
        m.rejectUnknownKeys();
        return new MonitoringSettings(rmse, mae, r2, margin, hours, breaching, samples, gate);
    }

    private static Gate gate(ConfigReader g, ServingSettings serving) {
        List<String> modes = List.of(GateMode.OFF.key(), GateMode.AUTO.key(), GateMode.MANUAL.key());
        // YAML 1.1 reads an unquoted `off` as the boolean false, whose text is "false".
        Field<String> modeField = g.string("mode").check(new Check<>(v -> v.equals("false") || modes.contains(v),
                v -> Check.quote(v) + " is not allowed" + Suggestions.didYouMean(v, modes) + "; allowed: " + String.join(", ", modes)));
        GateMode mode = modeField.optional().map(v -> v.equals("false") ? GateMode.OFF : GateMode.valueOf(v.toUpperCase(Locale.ROOT)))
                .orElse(Gate.OFF.mode());
        int samples = g.integer("minSamples").check(Check.range(1, 100_000_000)).orElse(Gate.OFF.minSamples());
        // The function takes the margin as a fraction in [0, 1): a challenger cannot be 100% better.
        double margin = g.decimal("marginPercent").check(new Check<>(v -> v >= 0 && v < 100,
                v -> Check.format(v) + " is out of range 0..100 (100 excluded: an RMSE cannot drop by 100%)")).orElse(Gate.OFF.marginPercent());
        if (mode != GateMode.OFF && serving.strategy() != ServingSettings.Strategy.SHADOW) {
            g.problems().add(modeField.path(), Check.quote(mode.key()) + " is not allowed: the gate compares the challenger (shadow variant)"
                    + " with the champion, and this stack's serving strategy is " + serving.strategy().key()
                    + ", which runs no challenger; allowed here: off (promotion to this stack goes through mlops:promotion)");
        }
        g.rejectUnknownKeys();
        return new Gate(mode, samples, margin);
    }
}
