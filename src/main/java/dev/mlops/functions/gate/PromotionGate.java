package dev.mlops.functions.gate;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * The staging promotion gate: when the challenger (shadow variant) beats the champion by the margin over
 * enough labelled samples ({@link GateRule}), approve the challenger's model package ({@code auto}) or ask
 * the ML engineers to approve it through SNS ({@code manual}). Approval of a package is what the rest of the
 * platform reacts to (staging exports the approved package per model; prod deploys it).
 *
 * <p>Idempotent, because it runs on every schedule:
 * <ul>
 *   <li>an already approved package is left alone (DescribeModelPackage first);</li>
 *   <li>a package an engineer has rejected is never approved or announced again by the gate;</li>
 *   <li>a notification is sent once per package: after publishing, the gate records the time in the
 *       package's customer metadata property {@value #NOTIFIED_PROPERTY} and skips packages that carry it.
 *       Model Registry package versions do not support tags (SageMaker Model Registry FAQ), hence metadata.
 *       Publishing comes first, so a failure between the two calls repeats the notification rather than
 *       losing it (at least once).</li>
 * </ul>
 * Every decision, including "not yet", is logged with the figures behind it.
 */
public final class PromotionGate {

    /** Customer metadata property marking a package the engineers were asked to approve; value: ISO-8601 time. */
    public static final String NOTIFIED_PROPERTY = "mlops:promotion-notified";

    static final int MAX_APPROVAL_DESCRIPTION = 1024;  // UpdateModelPackage.ApprovalDescription
    static final int MAX_SUBJECT = 99;                 // SNS Publish.Subject: ASCII, "less than 100 characters"

    private static final Logger LOG = LoggerFactory.getLogger(PromotionGate.class);

    /** What the gate did, and why. */
    public enum Outcome {
        WAITING_FOR_SAMPLES, NOT_BETTER, ALREADY_APPROVED, PACKAGE_REJECTED, APPROVED, NOTIFIED, ALREADY_NOTIFIED
    }

    /** The decision of one run. */
    public record Decision(Outcome outcome, String message) {
    }

    private final GateSettings settings;
    private final SageMakerClient sageMaker;
    private final SnsClient sns;

    /**
     * @param sns may be null unless the mode is manual
     */
    public PromotionGate(GateSettings settings, SageMakerClient sageMaker, SnsClient sns) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("the promotion gate is off");
        }
        this.settings = settings;
        this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
        this.sns = settings.mode() == GateMode.MANUAL ? Objects.requireNonNull(sns, "sns") : sns;
    }

    /**
     * Decides on the challenger and acts on the decision.
     *
     * @param endpoint the endpoint both variants belong to
     * @param window   the evaluated window, for the record
     * @param now      the run's time, recorded with a notification
     */
    public Decision decide(String endpoint, String window, VariantScore champion, VariantScore challenger, Instant now) {
        GateRule.Verdict verdict = GateRule.evaluate(champion, challenger, settings.minSamples(), settings.minImprovement());
        String packageArn = settings.challengerPackageArn();
        Decision decision;
        if (verdict.kind() == GateRule.Kind.WAITING_FOR_SAMPLES) {
            decision = new Decision(Outcome.WAITING_FOR_SAMPLES, verdict.figures());
        } else if (verdict.kind() == GateRule.Kind.NOT_BETTER) {
            decision = new Decision(Outcome.NOT_BETTER, "challenger not promoted: " + verdict.figures());
        } else {
            decision = act(endpoint, window, challenger, verdict, packageArn, now);
        }
        // Every argument has its placeholder (log4j warns otherwise); the entries also become JSON fields.
        LOG.info("promotion gate {}: {} ({} {} {} {} {})", decision.outcome(), decision.message(),
                entry("gateOutcome", decision.outcome().name()), entry("gateMode", settings.mode().name()),
                entry("endpoint", endpoint), entry("window", window), entry("challengerModelPackageArn", packageArn));
        return decision;
    }

    private Decision act(String endpoint, String window, VariantScore challenger, GateRule.Verdict verdict,
                         String packageArn, Instant now) {
        DescribeModelPackageResponse modelPackage = sageMaker.describeModelPackage(
                DescribeModelPackageRequest.builder().modelPackageName(packageArn).build());
        ModelApprovalStatus status = modelPackage.modelApprovalStatus();
        if (status == ModelApprovalStatus.APPROVED) {
            return new Decision(Outcome.ALREADY_APPROVED, "challenger passes and its package is already approved: " + verdict.figures());
        }
        if (status == ModelApprovalStatus.REJECTED) {
            return new Decision(Outcome.PACKAGE_REJECTED,
                    "challenger passes but its package was rejected; the gate leaves that decision alone: " + verdict.figures());
        }
        String description = "Promotion gate, endpoint " + endpoint + ", window " + window + ": " + verdict.figures();
        if (settings.mode() == GateMode.AUTO) {
            sageMaker.updateModelPackage(UpdateModelPackageRequest.builder()
                    .modelPackageArn(packageArn)
                    .modelApprovalStatus(ModelApprovalStatus.APPROVED)
                    .approvalDescription(truncate(description, MAX_APPROVAL_DESCRIPTION))
                    .build());
            return new Decision(Outcome.APPROVED, "challenger approved: " + verdict.figures());
        }
        Map<String, String> metadata = modelPackage.hasCustomerMetadataProperties() ? modelPackage.customerMetadataProperties() : Map.of();
        String notifiedAt = metadata.get(NOTIFIED_PROPERTY);
        if (notifiedAt != null) {
            return new Decision(Outcome.ALREADY_NOTIFIED,
                    "challenger passes; the ML engineers were asked to approve it at " + notifiedAt + ": " + verdict.figures());
        }
        String packageName = modelPackage.modelPackageGroupName() + "/" + modelPackage.modelPackageVersion();
        sns.publish(PublishRequest.builder()
                .topicArn(settings.approvalTopicArn())
                .subject(truncate("mlops: approve challenger " + packageName + " (" + endpoint + ")?", MAX_SUBJECT))
                .message(notification(endpoint, window, challenger, verdict, packageArn, packageName, description))
                .build());
        sageMaker.updateModelPackage(UpdateModelPackageRequest.builder()
                .modelPackageArn(packageArn)
                .customerMetadataProperties(Map.of(NOTIFIED_PROPERTY, now.toString()))
                .build());
        return new Decision(Outcome.NOTIFIED, "challenger passes; approval requested from the ML engineers: " + verdict.figures());
    }

    private static String notification(String endpoint, String window, VariantScore challenger, GateRule.Verdict verdict,
                                       String packageArn, String packageName, String description) {
        return "The challenger on endpoint " + endpoint + " beats the champion over " + window + ":\n"
                + verdict.figures() + "\n\n"
                + "Model package: " + packageName + " (model version " + challenger.modelVersion() + ")\n"
                + packageArn + "\n\n"
                + "To approve it:\n"
                + "  aws sagemaker update-model-package --model-package-arn " + packageArn
                + " --model-approval-status Approved --approval-description '"
                + truncate(description, MAX_APPROVAL_DESCRIPTION).replace("'", "") + "'\n\n"
                + "This request is sent once per model package (customer metadata property " + NOTIFIED_PROPERTY + ").\n";
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
