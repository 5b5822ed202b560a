package dev.mlops.functions.inference;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClientBuilder;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The inference API's function: {@code POST /models/{model}/predictions} on an API Gateway HTTP API (payload format
 * 2.0). It checks the request against the model's configuration, calls SageMaker's InvokeEndpoint with text/csv and an
 * inference id, and answers the predictions with the id and the version of the variant that produced them.
 * <p>
 * SnapStart: the configuration is read and the SageMaker client built in the constructor, which makes no network call;
 * a sample request is parsed and a response written there too, so those classes are loaded before the snapshot.
 * <p>
 * Metrics (EMF, dimension {@code Model}): {@code Requests}, {@code Predictions} (rows scored), {@code ClientErrors}
 * (4xx caused by the caller), {@code Failures} (SageMaker, the model or this function failed), {@code Latency} (the
 * whole request) and {@code EndpointLatency} (InvokeEndpoint), in milliseconds.
 */
public final class InferenceHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String INFERENCE_ID_HEADER = "X-Inference-Id";
    // SageMaker takes 1 to 64 printable characters (\A\S[\p{Print}]*\z); a caller's id is held to a subset that is
    // safe in logs, headers and the captured data.
    static final Pattern INFERENCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    // The route's path, with or without a stage prefix, for events that carry no path parameters ($default route).
    private static final Pattern PATH = Pattern.compile("(?:/[^/]+)*/models/([^/]+)/predictions/?");
    // API Gateway HTTP APIs stop waiting after 30 seconds; give up on SageMaker before that.
    static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(25);

    private static final Logger LOG = LoggerFactory.getLogger(InferenceHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InferenceConfig config;
    private final SageMakerRuntimeClient runtime;
    private final Metrics metrics;
    private final Supplier<UUID> ids;

    /** For the Lambda runtime: configuration from the environment, a client for the function's region. */
    public InferenceHandler() {
        this(InferenceConfig.fromEnvironment(System.getenv()), defaultClient(), MetricsFactory.getMetricsInstance(), UUID::randomUUID);
    }

    InferenceHandler(InferenceConfig config, SageMakerRuntimeClient runtime, Metrics metrics, Supplier<UUID> ids) {
        this.config = Objects.requireNonNull(config, "config");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ids = Objects.requireNonNull(ids, "ids");
        metrics.setNamespace(config.metricsNamespace());
        prime();
    }

    private static SageMakerRuntimeClient defaultClient() {
        SageMakerRuntimeClientBuilder builder = SageMakerRuntimeClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(INVOKE_TIMEOUT).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(INVOKE_TIMEOUT).build());
        // Lambda always sets AWS_REGION; naming it keeps the SDK from searching further at start-up.
        Optional.ofNullable(System.getenv("AWS_REGION")).map(Region::of).ifPresent(builder::region);
        return builder.build();
    }

    /** Loads the classes of a request's path without calling anything, for SnapStart's snapshot. */
    private void prime() {
        ModelRoute route = config.models().values().iterator().next();
        StringBuilder sample = new StringBuilder("{\"features\": [0");
        sample.append(",0".repeat(route.featureCount() - 1)).append("]}");
        FeatureRows.parse(sample.toString(), route, config.maxRows()).toCsv();
        Predictions.parseCsv("0.0", 1, route.endpointName());
        write(new PredictionResponse(List.of(0.0), "prime", route.model(), "V0.0.0", "prime"));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        metrics.captureColdStartMetric(context);
        return PowertoolsLogging.withLogging(context, () -> handle(event));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        long start = System.nanoTime();
        String modelDimension = "unknown"; // never the caller's text: unknown names must not become metric dimensions
        String inferenceId = null;
        try {
            String model = modelOf(event);
            ModelRoute route = config.route(model).orElseThrow(() -> new ApiError(404, "UNKNOWN_MODEL", "there is no model \""
                    + model + "\"; this API serves " + String.join(", ", config.models().keySet())));
            modelDimension = route.model();
            MDC.put("model", route.model());
            requirePost(event);
            requireJson(event);
            inferenceId = inferenceIdOf(event);
            MDC.put("inferenceId", inferenceId);
            FeatureRows rows = FeatureRows.parse(bodyOf(event), route, config.maxRows());
            InvokeEndpointResponse answer = invoke(route, rows, inferenceId);
            List<Double> predictions = Predictions.parseCsv(answer.body().asUtf8String(), rows.size(), route.endpointName());
            String variant = answer.invokedProductionVariant();
            Optional<String> version = route.versionOf(variant);
            if (version.isEmpty()) {
                LOG.warn("endpoint {} answered from variant {}, which MODELS gives no version for", route.endpointName(), variant);
            }
            metrics.addMetric("Predictions", rows.size(), MetricUnit.COUNT);
            LOG.info("scored {} rows for {} on variant {} ({})", rows.size(), route.model(), variant, version.orElse("version unknown"));
            return respond(200, write(new PredictionResponse(predictions, inferenceId, route.model(), version.orElse(null), variant)),
                    inferenceId, Map.of());
        } catch (ApiError e) {
            metrics.addMetric(e.isUpstream() ? "Failures" : "ClientErrors", 1, MetricUnit.COUNT);
            if (e.isUpstream()) {
                LOG.warn("{} {}: {}", e.status(), e.code(), e.getMessage());
            } else {
                LOG.info("{} {}: {}", e.status(), e.code(), e.getMessage());
            }
            return respond(e.status(), error(e.code(), e.getMessage(), inferenceId), inferenceId, e.headers());
        } catch (RuntimeException e) {
            metrics.addMetric("Failures", 1, MetricUnit.COUNT);
            LOG.error("the request failed unexpectedly", e);
            return respond(500, error("INTERNAL_ERROR", "the request failed inside the inference API", inferenceId), inferenceId, Map.of());
        } finally {
            metrics.addDimension(DimensionSet.of("Model", modelDimension));
            metrics.addMetric("Requests", 1, MetricUnit.COUNT);
            metrics.addMetric("Latency", (System.nanoTime() - start) / 1_000_000.0, MetricUnit.MILLISECONDS);
            metrics.flush();
        }
    }

    private InvokeEndpointResponse invoke(ModelRoute route, FeatureRows rows, String inferenceId) {
        InvokeEndpointRequest request = InvokeEndpointRequest.builder()
                .endpointName(route.endpointName())
                .contentType("text/csv")
                .accept("text/csv")
                .inferenceId(inferenceId)
                .body(SdkBytes.fromUtf8String(rows.toCsv()))
                .build();
        long start = System.nanoTime();
        try {
            return runtime.invokeEndpoint(request);
        } catch (SdkException e) {
            ApiError mapped = UpstreamErrors.map(e, route);
            LOG.warn("InvokeEndpoint {} failed ({}): {}", route.endpointName(), e.getClass().getSimpleName(), e.getMessage());
            throw mapped;
        } finally {
            metrics.addMetric("EndpointLatency", (System.nanoTime() - start) / 1_000_000.0, MetricUnit.MILLISECONDS);
        }
    }

    private static String modelOf(APIGatewayV2HTTPEvent event) {
        Map<String, String> params = event.getPathParameters();
        if (params != null && params.get("model") != null) {
            return params.get("model");
        }
        String path = event.getRawPath();
        Matcher m = path == null ? null : PATH.matcher(path);
        if (m == null || !m.matches()) {
            throw new ApiError(404, "NO_SUCH_ROUTE", "this API answers POST /models/{model}/predictions");
        }
        return m.group(1);
    }

    private static void requirePost(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                : event.getRequestContext().getHttp().getMethod();
        if (method != null && !method.equalsIgnoreCase("POST")) {
            throw new ApiError(405, "METHOD_NOT_ALLOWED", method + " is not allowed; predictions are requested with POST",
                    Map.of("Allow", "POST"), false);
        }
    }

    private static void requireJson(APIGatewayV2HTTPEvent event) {
        String type = header(event, "Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse(null);
        if (type != null && !type.equals("application/json") && !type.endsWith("+json")) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "the body is " + type + "; send it as application/json");
        }
    }

    private String inferenceIdOf(APIGatewayV2HTTPEvent event) {
        Optional<String> given = header(event, INFERENCE_ID_HEADER);
        if (given.isEmpty()) {
            return ids.get().toString();
        }
        String id = given.get();
        if (!INFERENCE_ID.matcher(id).matches()) {
            throw ApiError.badRequest("INVALID_INFERENCE_ID", INFERENCE_ID_HEADER + " must be 1 to 64 letters, digits and . _ : -,"
                    + " starting with a letter or digit (a UUID is fine); leave it out to have one assigned");
        }
        return id;
    }

    private String bodyOf(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        int limit = config.maxBodyBytes();
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            // 4 base64 characters carry 3 bytes: refuse before decoding what is certainly too large.
            if ((long) body.length() / 4 * 3 > limit + 3L) {
                throw tooLarge(limit);
            }
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("INVALID_BODY", "the body is marked base64-encoded but is not base64");
            }
        } else {
            if (body.length() > limit) {
                throw tooLarge(limit);
            }
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ApiError tooLarge(int limit) {
        return ApiError.badRequest("BODY_TOO_LARGE", "the body is larger than " + limit + " bytes; send fewer rows per request");
    }

    private static Optional<String> header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        // Payload format 2.0 lower-cases header names; other callers (tests, proxies) may not.
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).filter(Objects::nonNull).findFirst();
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body, String inferenceId, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        if (inferenceId != null) {
            headers.put(INFERENCE_ID_HEADER, inferenceId);
        }
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).withIsBase64Encoded(false).build();
    }

    private static String error(String code, String message, String inferenceId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (inferenceId != null) {
            body.put("inferenceId", inferenceId);
        }
        return write(body);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
