package dev.mlops.monitoring;

import dev.mlops.config.MonitoringSettings;
import dev.mlops.data.DataLakeArns;
import dev.mlops.serving.CaptureLocation;
import dev.mlops.serving.ServedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The quality metrics function of one endpoint: its environment ({@code functions/metrics/MetricsSettings},
 * {@code functions/gate/GateSettings}) and its role's permissions, both derived from the same decision.
 * <p>
 * Least privilege: list and read only the endpoint's capture and ground-truth folders, decrypt with the capture key
 * only through S3; the gate's SageMaker and SNS permissions exist only while the gate runs (a mode other than off and
 * a challenger deployed), on the model's own package group and the alert topic. Metrics leave as EMF log lines
 * (the function's own log group), so no {@code cloudwatch:PutMetricData}.
 *
 * @param endpoint the endpoint evaluated
 * @param region   the stack's region (the KMS via-service condition)
 * @param versions model version per variant, champion first
 * @param settings the model's monitoring settings
 * @param gate     the challenger's package ARN while the gate runs
 * @param modelPackages the ARN pattern of the model's package versions
 */
record FunctionSettings(String endpoint, String region, Map<String, String> versions, MonitoringSettings settings,
                        Optional<String> gate, String modelPackages) {

    static FunctionSettings of(ModelMonitoringArgs args) {
        ServedModel served = args.served();
        MonitoringSettings settings = args.model().monitoring();
        Optional<String> gate = settings.gate().enabled() ? served.challenger().map(ServedModel.Variant::modelPackageArn) : Optional.empty();
        return new FunctionSettings(args.endpointName(), args.arns().region(), served.versions(), settings, gate,
                args.arns().sagemaker("model-package/" + args.modelPackageGroup() + "/*"));
    }

    Map<String, String> environment(String captureBucket, String approvalTopicArn) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CAPTURE_BUCKET", captureBucket);
        env.put("CAPTURE_PREFIX", CaptureLocation.CAPTURE_PREFIX);
        env.put("GROUND_TRUTH_PREFIX", CaptureLocation.GROUND_TRUTH_PREFIX);
        env.put("ENDPOINT_NAME", endpoint);
        env.put("PRODUCTION_VARIANT", ServedModel.CHAMPION);
        if (versions.containsKey(ServedModel.CHALLENGER)) {
            env.put("SHADOW_VARIANT", ServedModel.CHALLENGER);
        }
        env.put("MODEL_VERSIONS", versions.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        env.put("WINDOW_HOURS", String.valueOf(settings.evaluationHours()));
        env.put("POWERTOOLS_METRICS_NAMESPACE", QualityAlarms.NAMESPACE);
        env.put("POWERTOOLS_SERVICE_NAME", endpoint + "-quality");
        env.put("GATE_MODE", gate.isPresent() ? settings.gate().mode().key() : MonitoringSettings.GateMode.OFF.key());
        if (gate.isPresent()) {
            env.put("GATE_MIN_SAMPLES", String.valueOf(settings.gate().minSamples()));
            env.put("GATE_MIN_IMPROVEMENT", String.valueOf(settings.gate().marginPercent() / 100.0));
            env.put("CHALLENGER_MODEL_PACKAGE_ARN", gate.get());
            if (settings.gate().mode() == MonitoringSettings.GateMode.MANUAL) {
                env.put("APPROVAL_TOPIC_ARN", approvalTopicArn);
            }
        }
        return env;
    }

    List<IamStatement> permissions(DataLakeArns data, String approvalTopicArn, String approvalKeyArn) {
        String bucket = data.captureBucket();
        List<String> folders = List.of(CaptureLocation.CAPTURE_PREFIX + "/" + endpoint + "/", CaptureLocation.GROUND_TRUTH_PREFIX + "/" + endpoint + "/");
        List<IamStatement> statements = new ArrayList<>();
        IamStatement.Builder list = IamStatement.builder().sid("ListCaptureAndGroundTruth").effect(IamEffect.ALLOW)
                .addAction("s3:ListBucket").addResource(bucket);
        folders.forEach(f -> list.addCondition(IamConditionOperator.STRING_LIKE, "s3:prefix", f + "*"));
        statements.add(list.build());
        IamStatement.Builder read = IamStatement.builder().sid("ReadCaptureAndGroundTruth").effect(IamEffect.ALLOW).addAction("s3:GetObject");
        folders.forEach(f -> read.addResource(data.objects(bucket, f)));
        statements.add(read.build());
        statements.add(IamStatement.builder().sid("DecryptCaptureThroughS3").effect(IamEffect.ALLOW).addAction("kms:Decrypt")
                .addResource(data.platformKey())
                .addCondition(IamConditionOperator.STRING_EQUALS, "kms:ViaService", "s3." + region + ".amazonaws.com").build());
        if (gate.isPresent()) {
            statements.add(IamStatement.builder().sid("PromotionGateReadsAndApproves").effect(IamEffect.ALLOW)
                    .addAction("sagemaker:DescribeModelPackage").addAction("sagemaker:UpdateModelPackage")
                    .addResource(modelPackages).build());
            if (settings.gate().mode() == MonitoringSettings.GateMode.MANUAL) {
                statements.add(IamStatement.builder().sid("PromotionGateAsksForApproval").effect(IamEffect.ALLOW)
                        .addAction("sns:Publish").addResource(approvalTopicArn).build());
                statements.add(IamStatement.builder().sid("PublishToEncryptedTopic").effect(IamEffect.ALLOW)
                        .addAction("kms:GenerateDataKey").addAction("kms:Decrypt").addResource(approvalKeyArn)
                        .addCondition(IamConditionOperator.STRING_EQUALS, "kms:ViaService", "sns." + region + ".amazonaws.com").build());
            }
        }
        return statements;
    }
}
