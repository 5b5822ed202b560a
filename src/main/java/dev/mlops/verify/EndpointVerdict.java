package dev.mlops.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.PendingDeploymentSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * How one endpoint compares with what the stack deployed, as lines for people.
 * <p>
 * DescribeEndpoint says which endpoint configuration the endpoint runs ({@code EndpointConfigName}), its status, the
 * reason of its last failure ({@code FailureReason}) and, while a deployment is under way, the configuration being
 * deployed ({@code PendingDeploymentSummary.EndpointConfigName}). It keeps no record of the configuration of a
 * deployment that was rolled back, so a rollback shows as an InService endpoint still on an older configuration; the
 * failure reason, when SageMaker gives one, says why.
 *
 * @param outcome what it means for the exit code
 * @param lines   one line per finding, each starting with the model's name
 */
public record EndpointVerdict(Outcome outcome, List<String> lines) {

    public enum Outcome { MATCHES, DIFFERS, NOT_SETTLED }

    public EndpointVerdict {
        lines = List.copyOf(lines);
    }

    /** The verdict on an endpoint SageMaker describes. */
    public static EndpointVerdict judge(ExpectedEndpoint expected, DescribeEndpointResponse actual) {
        String who = expected.model() + ": endpoint " + expected.endpointName();
        EndpointStatus status = actual.endpointStatus();
        String statusText = actual.endpointStatusAsString();
        String failure = actual.failureReason() == null || actual.failureReason().isBlank() ? null : actual.failureReason().strip();
        switch (status == null ? EndpointStatus.UNKNOWN_TO_SDK_VERSION : status) {
            case CREATING, UPDATING, SYSTEM_UPDATING -> {
                PendingDeploymentSummary pending = actual.pendingDeploymentSummary();
                String deploying = pending == null || pending.endpointConfigName() == null ? ""
                        : " (deploying endpoint config " + pending.endpointConfigName()
                        + (pending.endpointConfigName().equals(expected.endpointConfigName()) ? "" : ", not the expected " + expected.endpointConfigName())
                        + (pending.startTime() == null ? "" : " since " + pending.startTime()) + ")";
                return new EndpointVerdict(Outcome.NOT_SETTLED, List.of(who + " is " + statusText + deploying
                        + ": not settled yet; run verify again when it is InService"));
            }
            case IN_SERVICE -> {
                return inService(expected, actual, who, failure);
            }
            case FAILED -> {
                return differs(who + " is Failed" + (failure == null ? " (SageMaker gives no reason)" : ": " + failure));
            }
            case UPDATE_ROLLBACK_FAILED -> {
                return differs(who + " is UpdateRollbackFailed: SageMaker could not roll a failed update back; the endpoint needs"
                        + " attention" + lastFailure(failure));
            }
            case ROLLING_BACK -> {
                return differs(who + " is RollingBack to its previous configuration (the stack expects endpoint config "
                        + expected.endpointConfigName() + ")" + lastFailure(failure));
            }
            default -> {
                return differs(who + " is " + statusText + ", not InService" + lastFailure(failure));
            }
        }
    }

    /** The verdict on an endpoint SageMaker does not know. */
    public static EndpointVerdict missing(ExpectedEndpoint expected, String region) {
        return differs(expected.model() + ": endpoint " + expected.endpointName() + " does not exist in " + region
                + " (the stack expects it with endpoint config " + expected.endpointConfigName() + ")");
    }

    private static EndpointVerdict inService(ExpectedEndpoint expected, DescribeEndpointResponse actual, String who, String failure) {
        List<String> problems = new ArrayList<>();
        if (!expected.endpointConfigName().equals(actual.endpointConfigName())) {
            problems.add(who + " runs endpoint config " + actual.endpointConfigName() + ", the stack expects " + expected.endpointConfigName()
                    + ": " + (failure == null
                    ? "SageMaker rolled the deployment back, or the endpoint was changed outside the stack (status InService, no failure reason given)"
                    : "SageMaker rolled the deployment back (status InService, last failure: " + failure + ")"));
        }
        Set<String> present = new LinkedHashSet<>();
        Stream.concat(actual.productionVariants().stream(), actual.shadowProductionVariants().stream())
                .map(ProductionVariantSummary::variantName).forEach(present::add);
        List<String> absent = expected.variants().stream().filter(v -> !present.contains(v)).toList();
        if (!absent.isEmpty()) {
            problems.add(who + " has no " + (absent.size() == 1 ? "variant " : "variants ") + String.join(", ", absent)
                    + " (it has " + (present.isEmpty() ? "none" : String.join(", ", present)) + ")");
        }
        if (!problems.isEmpty()) {
            return new EndpointVerdict(Outcome.DIFFERS, problems);
        }
        return new EndpointVerdict(Outcome.MATCHES, List.of(who + " is InService on endpoint config " + expected.endpointConfigName()
                + " with " + (present.size() == 1 ? "variant " : "variants ") + String.join(", ", present)));
    }

    private static String lastFailure(String failure) {
        return failure == null ? "" : " (last failure: " + failure + ")";
    }

    private static EndpointVerdict differs(String line) {
        return new EndpointVerdict(Outcome.DIFFERS, List.of(line));
    }
}
