package dev.mlops.functions.versioning;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Lambda handler for the EventBridge rule on "SageMaker Model Package State Change": gives each package of a
 * model package group its version {@code V<Model_Tag>.<Manual_Revision>.<Auto_Revision>} (see
 * {@link VersionHistory}) in its {@code ModelVersion} metadata property and {@code model-version} tag.
 *
 * <p>Handler string: {@code dev.mlops.functions.versioning.ModelVersioningHandler::handleRequest}. A stream
 * handler, so the event is read exactly as EventBridge sent it. Logs are JSON (Powertools, log4j2); each
 * invocation emits one EMF count per {@link Outcome.Kind#metrics()} ({@code VersioningFailed} when it throws).
 * Returns the outcome as JSON, e.g. {@code {"modelPackageArn":"...","outcome":"ASSIGNED","modelVersion":"V2.1.0"}}.
 *
 * <p>IAM: {@code sagemaker:DescribeModelPackage}, {@code ListModelPackages}, {@code UpdateModelPackage},
 * {@code AddTags} and {@code ListTags} on the groups' model packages.
 */
public final class ModelVersioningHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ModelVersioningHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The EMF count of invocations that threw (alarmed on). */
    public static final String FAILURE_METRIC = "VersioningFailed";

    private final VersionAssigner assigner;
    private final Metrics metrics;

    /** For the Lambda runtime: one instance, so one SDK client, per container. */
    public ModelVersioningHandler() {
        this(VersioningEnvironment.from(System.getenv()));
    }

    private ModelVersioningHandler(VersioningEnvironment env) {
        this(sageMakerClient(env), MetricsFactory.getMetricsInstance());
        metrics.setNamespace(env.metricsNamespace());
    }

    /** For tests: the registry client and the metrics sink. */
    ModelVersioningHandler(SageMakerClient sageMaker, Metrics metrics) {
        this.assigner = new VersionAssigner(new ModelPackageRegistry(sageMaker));
        this.metrics = metrics;
    }

    /**
     * Explicit region, credentials provider and HTTP client: no provider-chain probing at cold start (as AWS
     * recommends for Lambda), and the small URL-connection client is the only one in the bundle.
     */
    private static SageMakerClient sageMakerClient(VersioningEnvironment env) {
        return SageMakerClient.builder()
                .region(env.region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Outcome outcome = PowertoolsLogging.withLogging(context, () -> handle(input, context));
        ObjectNode result = JSON.createObjectNode()
                .put("modelPackageArn", outcome.modelPackageArn())
                .put("outcome", outcome.kind().name());
        outcome.version().ifPresent(v -> result.put("modelVersion", v.toString()));
        result.put("detail", outcome.detail());
        JSON.writeValue(output, result);
    }

    private Outcome handle(InputStream input, Context context) {
        metrics.captureColdStartMetric(context);
        try {
            ModelPackageStateChange event = ModelPackageStateChange.from(JSON.readTree(input));
            metrics.addMetadata("modelPackageArn", event.modelPackageArn());
            metrics.addMetadata("eventId", event.eventId());
            LOG.info("Model package state change: {} {} {} {}", entry("modelPackageArn", event.modelPackageArn()),
                    entry("eventId", event.eventId()), entry("modelPackageStatus", event.status().orElse("-")),
                    entry("modelApprovalStatus", event.approvalStatus().orElse("-")));
            Outcome outcome = assigner.assign(event);
            for (String metric : outcome.kind().metrics()) {
                metrics.addMetric(metric, 1, MetricUnit.COUNT);
            }
            return outcome;
        } catch (IOException e) {
            metrics.addMetric(FAILURE_METRIC, 1, MetricUnit.COUNT);
            throw new UncheckedIOException("the event is not JSON", e);
        } catch (RuntimeException e) {
            metrics.addMetric(FAILURE_METRIC, 1, MetricUnit.COUNT);
            LOG.error("Versioning failed: {}", e.getMessage(), e);
            throw e;
        } finally {
            metrics.flush();
        }
    }
}
