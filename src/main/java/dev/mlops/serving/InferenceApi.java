package dev.mlops.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.apigatewayv2.Api;
import com.pulumi.aws.apigatewayv2.ApiArgs;
import com.pulumi.aws.apigatewayv2.Integration;
import com.pulumi.aws.apigatewayv2.IntegrationArgs;
import com.pulumi.aws.apigatewayv2.Route;
import com.pulumi.aws.apigatewayv2.RouteArgs;
import com.pulumi.aws.apigatewayv2.Stage;
import com.pulumi.aws.apigatewayv2.StageArgs;
import com.pulumi.aws.apigatewayv2.inputs.StageAccessLogSettingsArgs;
import com.pulumi.aws.apigatewayv2.inputs.StageDefaultRouteSettingsArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.config.ServingSettings;
import dev.mlops.platform.JavaFunction;
import dev.mlops.platform.JavaFunctionArgs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The inference API: {@code POST /models/{model}/predictions} on an HTTP API that only IAM-signed requests pass
 * (SigV4, {@code execute-api:Invoke}), throttled per stage, logging each request, in front of the inference
 * function (SnapStart on its {@code live} alias). The function validates the body, invokes the model's endpoint
 * with an inference id and answers with the prediction, the inference id and the model version; its role may
 * invoke exactly the stack's endpoints.
 */
public final class InferenceApi extends ComponentResource {

    /** The route every model is served on. */
    public static final String ROUTE = "POST /models/{model}/predictions";
    static final int ACCESS_LOG_RETENTION_DAYS = 90;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One model the API serves.
     *
     * @param model        the name in the path
     * @param endpointName its endpoint
     * @param endpointArn  its endpoint's ARN, for the function's role
     * @param features     values per row
     * @param versions     model version per variant
     */
    public record Route(String model, String endpointName, String endpointArn, int features, Map<String, String> versions) {
        public Route {
            Objects.requireNonNull(model, "model");
            // Ordered, champion first: Map.copyOf would iterate in an order that changes from one JVM to the next.
            versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        }
    }

    public final Output<String> url;
    public final Output<String> executionArn;
    public final JavaFunction function;

    public InferenceApi(String name, String accountId, List<Route> routes, ServingSettings.ApiSettings throttling,
                        ComponentResourceOptions opts) {
        super("mlops:serving:InferenceApi", name, opts);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("the inference API needs at least one model with an endpoint");
        }
        var child = CustomResourceOptions.builder().parent(this).build();
        List<String> endpointArns = routes.stream().map(Route::endpointArn).toList();
        this.function = new JavaFunction(name, new JavaFunctionArgs(
                "dev.mlops.functions.inference.InferenceHandler",
                "Validates prediction requests and invokes the models' endpoints (" + name + ")",
                accountId, 1024, 29,
                Output.of(environment(routes)),
                self -> Output.of(List.of(IamStatement.builder().sid("InvokeTheStacksEndpoints").effect(IamEffect.ALLOW)
                        .addAction("sagemaker:InvokeEndpoint").resourceIds(endpointArns).build())),
                true), ComponentResourceOptions.builder().parent(this).build());

        var api = new Api(name, ApiArgs.builder()
                .name(name)
                .protocolType("HTTP")
                .description("Predictions of the regression models (" + name + "); requests are signed with SigV4")
                .build(), child);
        var integration = new Integration(name + "-function", IntegrationArgs.builder()
                .apiId(api.id())
                .integrationType("AWS_PROXY")
                .integrationMethod("POST")
                .integrationUri(function.qualifiedArn)
                .payloadFormatVersion("2.0")
                // Under API Gateway's 30 s; the function gives up on the endpoint before that.
                .timeoutMilliseconds(29_000)
                .build(), child);
        new com.pulumi.aws.apigatewayv2.Route(name + "-predictions", RouteArgs.builder()
                .apiId(api.id())
                .routeKey(ROUTE)
                .authorizationType("AWS_IAM")
                .target(integration.id().applyValue(id -> "integrations/" + id))
                .build(), child);
        var accessLogs = new LogGroup(name + "-access-logs", LogGroupArgs.builder()
                .name("/aws/apigateway/" + name)
                .retentionInDays(ACCESS_LOG_RETENTION_DAYS)
                .build(), child);
        var stage = new Stage(name + "-stage", StageArgs.builder()
                .apiId(api.id())
                .name("$default")
                .autoDeploy(true)
                .defaultRouteSettings(StageDefaultRouteSettingsArgs.builder()
                        .throttlingRateLimit(throttling.rateLimit())
                        .throttlingBurstLimit(throttling.burstLimit())
                        .detailedMetricsEnabled(true)
                        .build())
                .accessLogSettings(StageAccessLogSettingsArgs.builder()
                        .destinationArn(accessLogs.arn())
                        .format(accessLogFormat())
                        .build())
                .build(), child);
        new Permission(name + "-invoke", PermissionArgs.builder()
                .action("lambda:InvokeFunction")
                .function(function.functionName)
                .qualifier("live")
                .principal("apigateway.amazonaws.com")
                // Only this API's prediction route may invoke the function.
                .sourceArn(api.executionArn().applyValue(arn -> arn + "/*/POST/models/*/predictions"))
                .build(), child);
        this.url = stage.invokeUrl();
        this.executionArn = api.executionArn();
        registerOutputs(Map.of("url", url));
    }

    /** The function's environment: the routes as the handler reads them ({@code MODELS}) and its limits. */
    static Map<String, String> environment(List<Route> routes) {
        Map<String, Object> models = new LinkedHashMap<>();
        for (Route r : routes) {
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("endpoint", r.endpointName());
            route.put("features", r.features());
            route.put("versions", r.versions());
            models.put(r.model(), route);
        }
        Map<String, String> env = new LinkedHashMap<>();
        try {
            env.put("MODELS", JSON.writeValueAsString(models));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        env.put("MAX_BODY_BYTES", "65536");
        env.put("MAX_ROWS", "100");
        env.put("POWERTOOLS_SERVICE_NAME", "inference");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "mlops");
        env.put("POWERTOOLS_LOG_LEVEL", "INFO");
        return env;
    }

    private static String accessLogFormat() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", "$context.requestId");
        fields.put("requestTime", "$context.requestTime");
        fields.put("caller", "$context.identity.caller");
        fields.put("userArn", "$context.identity.userArn");
        fields.put("sourceIp", "$context.identity.sourceIp");
        fields.put("routeKey", "$context.routeKey");
        fields.put("model", "$context.path");
        fields.put("status", "$context.status");
        fields.put("latencyMs", "$context.responseLatency");
        fields.put("integrationLatencyMs", "$context.integration.latency");
        fields.put("integrationError", "$context.integrationErrorMessage");
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
