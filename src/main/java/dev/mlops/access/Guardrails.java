package dev.mlops.access;

import dev.mlops.data.DataLakeArns;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * What no person may do, whatever else their role allows: explicit denies, which no allow can override.
 * A running delivery can be neither stopped nor restarted by hand, so a new merge is the only way to
 * start one; the data buckets and their keys cannot be deleted.
 */
public final class Guardrails {

    private Guardrails() {
    }

    public static List<IamStatement> statements(ArnPatterns arns, DataLakeArns data) {
        return List.of(
                Statements.deny("NoStoppingPipelineExecutions",
                        List.of("sagemaker:StopPipelineExecution", "codepipeline:StopPipelineExecution"), List.of("*")),
                Statements.deny("NoStartingDeliveryByHand",
                        List.of("codepipeline:StartPipelineExecution", "codepipeline:RetryStageExecution",
                                "codepipeline:DisableStageTransition", "codepipeline:EnableStageTransition"),
                        List.of(arns.deliveryPipelines(), arns.deliveryPipelines() + "/*")),
                Statements.deny("NoStartingTrainingByHand",
                        List.of("sagemaker:StartPipelineExecution", "sagemaker:RetryPipelineExecution"),
                        List.of(arns.trainingPipelines(), arns.pipelineExecutions(arns.trainingPipelines()))),
                Statements.deny("NoDisablingStageTransitions", List.of("codepipeline:DisableStageTransition"), List.of("*")),
                Statements.deny("NoDeletingDataBuckets",
                        List.of("s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:PutBucketVersioning",
                                "s3:PutLifecycleConfiguration", "s3:PutEncryptionConfiguration"),
                        data.buckets()),
                Statements.deny("NoDeletingDataKeys",
                        List.of("kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy", "kms:DisableKeyRotation"),
                        data.keys()));
    }
}
