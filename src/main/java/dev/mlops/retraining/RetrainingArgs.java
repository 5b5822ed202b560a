package dev.mlops.retraining;

import com.pulumi.core.Output;
import dev.mlops.config.ModelSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * @param model             the model and its {@code retraining} settings (at least one trigger on)
 * @param accountId         the account the trigger role may be used in
 * @param pipelineArn       the model's SageMaker training pipeline, the only one the triggers may start
 * @param curatedBucket     the curated bucket, whose Object Created events start a {@code new-data} retraining
 * @param qualityAlarmArn   the model's composite quality alarm, whose ALARM starts a {@code drift} retraining
 * @param deadLetterQueueArn where EventBridge puts a trigger it could not deliver
 */
public record RetrainingArgs(ModelSettings model, String accountId, Output<String> pipelineArn, Output<String> curatedBucket,
                             Optional<Output<String>> qualityAlarmArn, Output<String> deadLetterQueueArn) {
    public RetrainingArgs {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(pipelineArn, "pipelineArn");
        Objects.requireNonNull(curatedBucket, "curatedBucket");
        Objects.requireNonNull(qualityAlarmArn, "qualityAlarmArn");
        Objects.requireNonNull(deadLetterQueueArn, "deadLetterQueueArn");
        if (!model.retraining().any()) {
            throw new IllegalArgumentException(model.name() + " has every retraining trigger switched off");
        }
        if (model.retraining().onDrift() && qualityAlarmArn.isEmpty()) {
            throw new IllegalArgumentException(model.name() + " retrains on drift, so its quality alarm is required");
        }
    }
}
