package dev.mlops.functions.gate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The promotion gate's configuration, from the function's environment (set by the Pulumi program):
 * <ul>
 *   <li>{@code GATE_MODE} — {@code off} (default), {@code auto} or {@code manual};</li>
 *   <li>{@code GATE_MIN_SAMPLES} — labelled samples both variants need before the gate decides (default 200);</li>
 *   <li>{@code GATE_MIN_IMPROVEMENT} — the margin: the least relative RMSE improvement of the challenger
 *       over the champion, as a fraction in [0, 1) (default 0.05, i.e. 5 % lower RMSE);</li>
 *   <li>{@code CHALLENGER_MODEL_PACKAGE_ARN} — the model package version the shadow variant serves
 *       (required unless off);</li>
 *   <li>{@code APPROVAL_TOPIC_ARN} — the SNS topic of the ML engineers (required in manual mode).</li>
 * </ul>
 */
public record GateSettings(GateMode mode, long minSamples, double minImprovement, String challengerPackageArn,
                           String approvalTopicArn) {

    public static final GateSettings OFF = new GateSettings(GateMode.OFF, 200, 0.05, null, null);

    static final Pattern MODEL_PACKAGE_ARN = Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:model-package/.+");
    static final Pattern TOPIC_ARN = Pattern.compile("arn:aws[a-z\\-]*:sns:[a-z0-9\\-]+:[0-9]{12}:[A-Za-z0-9_\\-]{1,256}(\\.fifo)?");

    public GateSettings {
        Objects.requireNonNull(mode, "mode");
    }

    public boolean enabled() {
        return mode != GateMode.OFF;
    }

    /**
     * Reads the gate's variables from {@code env}, adding one line per bad or missing value to {@code problems}.
     *
     * @return the settings; meaningful only when no problem was added
     */
    public static GateSettings parse(Map<String, String> env, List<String> problems) {
        String modeText = value(env, "GATE_MODE");
        GateMode mode = GateMode.OFF;
        if (modeText != null) {
            mode = GateMode.parse(modeText).orElse(null);
            if (mode == null) {
                problems.add("GATE_MODE: '" + modeText + "' is not one of off, auto, manual");
                mode = GateMode.OFF;
            }
        }
        long minSamples = OFF.minSamples();
        String samplesText = value(env, "GATE_MIN_SAMPLES");
        if (samplesText != null) {
            try {
                minSamples = Long.parseLong(samplesText);
            } catch (NumberFormatException notANumber) {
                minSamples = -1;
            }
            if (minSamples < 1 || minSamples > 100_000_000L) {
                problems.add("GATE_MIN_SAMPLES: '" + samplesText + "' is not a whole number in 1..100000000");
            }
        }
        double minImprovement = OFF.minImprovement();
        String improvementText = value(env, "GATE_MIN_IMPROVEMENT");
        if (improvementText != null) {
            try {
                minImprovement = Double.parseDouble(improvementText);
            } catch (NumberFormatException notANumber) {
                minImprovement = Double.NaN;
            }
            if (!(minImprovement >= 0 && minImprovement < 1)) {
                problems.add("GATE_MIN_IMPROVEMENT: '" + improvementText
                        + "' is not a fraction in [0, 1) (0.05 means the challenger's RMSE is at least 5% lower)");
            }
        }
        String packageArn = value(env, "CHALLENGER_MODEL_PACKAGE_ARN");
        String topicArn = value(env, "APPROVAL_TOPIC_ARN");
        if (mode != GateMode.OFF) {
            if (packageArn == null) {
                problems.add("CHALLENGER_MODEL_PACKAGE_ARN: required when GATE_MODE is " + mode.name().toLowerCase());
            } else if (!MODEL_PACKAGE_ARN.matcher(packageArn).matches()) {
                problems.add("CHALLENGER_MODEL_PACKAGE_ARN: '" + packageArn + "' is not a SageMaker model package ARN");
            }
        }
        if (mode == GateMode.MANUAL) {
            if (topicArn == null) {
                problems.add("APPROVAL_TOPIC_ARN: required when GATE_MODE is manual");
            } else if (!TOPIC_ARN.matcher(topicArn).matches()) {
                problems.add("APPROVAL_TOPIC_ARN: '" + topicArn + "' is not an SNS topic ARN");
            }
        }
        return new GateSettings(mode, minSamples, minImprovement, packageArn, topicArn);
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
