package dev.mlops.functions.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.functions.FakeLambdaContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.awssdk.services.sagemakerruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

@ExtendWith(MockitoExtension.class)
class InferenceHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final UUID ASSIGNED = UUID.fromString("0b6f6e1c-4d2a-4c8e-9f3b-2a7d5e9c1f04");
    private static final String ENDPOINT = "mlops-prod-house-prices-1a2b3c4";

    @Mock
    SageMakerRuntimeClient runtime;
    @Mock
    Metrics metrics;

    private InferenceHandler handler;

    @BeforeEach
    void setUp() {
        handler = handler(Map.of());
    }

    private InferenceHandler handler(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("MODELS", InferenceConfigTest.MODELS);
        return new InferenceHandler(InferenceConfig.fromEnvironment(env), runtime, metrics, () -> ASSIGNED);
    }

    static APIGatewayV2HTTPEvent event(String name) {
        try (InputStream in = InferenceHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readValue(in, APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static APIGatewayV2HTTPEvent withBody(String body) {
        APIGatewayV2HTTPEvent e = event("predict-one-row.json");
        e.setBody(body);
        return e;
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new FakeLambdaContext("mlops-prod-inference", "111111111111", "6f2d0c58-3c1e-4b7e-9a51-0d8c2f1e7a44", 1024, 29_000));
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(String csv, String variant) {
        when(runtime.invokeEndpoint(any(InvokeEndpointRequest.class))).thenReturn(InvokeEndpointResponse.builder()
                .body(SdkBytes.fromUtf8String(csv)).contentType("text/csv; charset=utf-8").invokedProductionVariant(variant).build());
    }

    private InvokeEndpointRequest sent() {
        ArgumentCaptor<InvokeEndpointRequest> request = ArgumentCaptor.forClass(InvokeEndpointRequest.class);
        verify(runtime).invokeEndpoint(request.capture());
        return request.getValue();
    }

    private Map<String, String> dimension() {
        ArgumentCaptor<DimensionSet> dimensions = ArgumentCaptor.forClass(DimensionSet.class);
        verify(metrics).addDimension(dimensions.capture());
        return dimensions.getValue().getDimensions();
    }

    @Test
    void scoresOneRowOnTheModelsEndpointWithAFreshInferenceId() {
        answer("412000.5\n", "champion");

        APIGatewayV2HTTPResponse response = handle(event("predict-one-row.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("X-Inference-Id", ASSIGNED.toString());
        assertThat(response.getBody()).isEqualTo("{\"predictions\":[412000.5],\"inferenceId\":\"" + ASSIGNED
                + "\",\"model\":\"house-prices\",\"modelVersion\":\"V1.0.2\",\"variant\":\"champion\"}");
        InvokeEndpointRequest request = sent();
        assertThat(request.endpointName()).isEqualTo(ENDPOINT);
        assertThat(request.contentType()).isEqualTo("text/csv");
        assertThat(request.accept()).isEqualTo("text/csv");
        assertThat(request.inferenceId()).isEqualTo(ASSIGNED.toString());
        assertThat(request.body().asUtf8String()).isEqualTo("3.0,2.5,1840.0,1995.0,47.61\n");
        assertThat(request.targetVariant()).as("SageMaker routes between variants").isNull();
    }

    @Test
    void scoresSeveralRowsUnderTheCallersInferenceIdAndNamesTheVariantsVersion() {
        answer("412000.5,655000,198500.25", "challenger");

        APIGatewayV2HTTPResponse response = handle(event("predict-rows-with-inference-id.json"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("predictions")).hasSize(3);
        assertThat(body.get("predictions").get(1).asDouble()).isEqualTo(655000.0);
        assertThat(body.get("inferenceId").asText()).isEqualTo("order-2026-05-12:000042");
        assertThat(body.get("modelVersion").asText()).isEqualTo("V1.0.3");
        assertThat(body.get("variant").asText()).isEqualTo("challenger");
        assertThat(response.getHeaders()).containsEntry("X-Inference-Id", "order-2026-05-12:000042");
        InvokeEndpointRequest request = sent();
        assertThat(request.inferenceId()).isEqualTo("order-2026-05-12:000042");
        assertThat(request.body().asUtf8String()).isEqualTo("3.0,2.5,1840.0,1995.0,47.61\n4.0,3.0,2420.0,2008.0,47.68\n2.0,1.0,980.0,1962.0,47.55\n");
    }

    @Test
    void acceptsPredictionsOnePerLine() {
        answer("412000.5\n655000.0\n", "champion");
        assertThat(json(handle(event("predict-base64-body.json"))).get("predictions").toString()).isEqualTo("[412000.5,655000.0]");
        assertThat(sent().body().asUtf8String()).isEqualTo("3.0,2.5,1840.0,1995.0,47.61\n4.0,3.0,2420.0,2008.0,47.68\n");
    }

    @Test
    void findsTheModelInThePathWhenTheRouteHasNoPathParameters() {
        when(runtime.invokeEndpoint(any(InvokeEndpointRequest.class))).thenReturn(InvokeEndpointResponse.builder()
                .body(SdkBytes.fromUtf8String("1875.0")).invokedProductionVariant("champion").build());
        APIGatewayV2HTTPResponse response = handle(event("predict-default-route-with-stage.json"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(json(response).get("modelVersion").asText()).isEqualTo("V2.1.0");
        assertThat(sent().endpointName()).isEqualTo("mlops-prod-rent-9z8y7x6");
    }

    @Test
    void aVariantTheConfigurationDoesNotNameHasNoVersion() {
        answer("1.0", "blue-green-new");
        JsonNode body = json(handle(event("predict-one-row.json")));
        assertThat(body.get("modelVersion").isNull()).isTrue();
        assertThat(body.get("variant").asText()).isEqualTo("blue-green-new");
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of(null, "EMPTY_BODY", "the request has no body"),
                Arguments.of("  ", "EMPTY_BODY", "send {\"features\": [...]} with 5 numbers"),
                Arguments.of("{\"features\": [1, 2, 3, 4, 5]", "INVALID_JSON", "the body is not valid JSON"),
                Arguments.of("{\"features\": [1, 2, 3, 4, 5]} {}", "INVALID_JSON", "the body is not valid JSON"),
                Arguments.of("[1, 2, 3, 4, 5]", "INVALID_REQUEST", "the body must be a JSON object"),
                Arguments.of("{}", "INVALID_REQUEST", "neither \"features\" (one row) nor \"rows\""),
                Arguments.of("{\"features\": [1, 2, 3, 4, 5], \"rows\": [[1, 2, 3, 4, 5]]}", "INVALID_REQUEST", "not both"),
                Arguments.of("{\"features\": [1, 2, 3, 4, 5], \"model\": \"rent\"}", "UNKNOWN_FIELD", "unknown field \"model\""),
                Arguments.of("{\"features\": \"1,2,3,4,5\"}", "INVALID_REQUEST", "features must be a list of 5 numbers, found the text \"1,2,3,4,5\""),
                Arguments.of("{\"features\": [1, 2, 3, 4]}", "FEATURE_COUNT", "features has 4 features; house-prices expects 5"),
                Arguments.of("{\"features\": [1, 2, 3, 4, 5, 6]}", "FEATURE_COUNT", "features has 6 features; house-prices expects 5"),
                Arguments.of("{\"features\": [1, 2, \"3\", 4, 5]}", "NOT_A_NUMBER", "features[2] is the text \"3\"; every feature must be a number"),
                Arguments.of("{\"features\": [1, 2, null, 4, 5]}", "NOT_A_NUMBER", "features[2] is null"),
                Arguments.of("{\"features\": [1, true, 3, 4, 5]}", "NOT_A_NUMBER", "features[1] is the boolean true"),
                Arguments.of("{\"features\": [1, 2, 3, [4], 5]}", "NOT_A_NUMBER", "features[3] is a list"),
                Arguments.of("{\"features\": [1, 2, NaN, 4, 5]}", "NOT_FINITE", "features[2] is NaN; every feature must be a finite number"),
                Arguments.of("{\"features\": [1, 2, 3, Infinity, 5]}", "NOT_FINITE", "features[3] is infinite or too large"),
                Arguments.of("{\"features\": [1, 2, 3, 4, -Infinity]}", "NOT_FINITE", "features[4] is infinite"),
                Arguments.of("{\"features\": [1, 2, 3, 4, 1e400]}", "NOT_FINITE", "features[4] is infinite or too large for a double"),
                Arguments.of("{\"rows\": []}", "NO_ROWS", "\"rows\" is empty"),
                Arguments.of("{\"rows\": [1, 2, 3, 4, 5]}", "INVALID_REQUEST", "rows[0] must be a list of 5 numbers, found 1"),
                Arguments.of("{\"rows\": {\"a\": [1, 2, 3, 4, 5]}}", "INVALID_REQUEST", "\"rows\" must be a list of rows"),
                Arguments.of("{\"rows\": [[1, 2, 3, 4, 5], [1, 2, 3]]}", "FEATURE_COUNT", "rows[1] has 3 features; house-prices expects 5"),
                Arguments.of("{\"rows\": [[1, 2, 3, 4, 5], [1, 2, 3, 4, \"x\"]]}", "NOT_A_NUMBER", "rows[1][4] is the text \"x\""));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void rejectsABadBodyWithA400NamingTheProblemAndNeverCallsSageMaker(String body, String code, String message) {
        APIGatewayV2HTTPResponse response = handle(withBody(body));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(message);
        verifyNoInteractions(runtime);
        verify(metrics).addMetric("ClientErrors", 1, MetricUnit.COUNT);
    }

    @Test
    void rejectsTooManyRows() {
        handler = handler(Map.of("MAX_ROWS", "2"));
        APIGatewayV2HTTPResponse response = handle(event("predict-rows-with-inference-id.json"));
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("message").asText()).isEqualTo("\"rows\" has 3 rows; one request may score at most 2");
        verifyNoInteractions(runtime);
    }

    @Test
    void rejectsABodyOverTheSizeLimitBeforeReadingIt() {
        handler = handler(Map.of("MAX_BODY_BYTES", "64"));
        APIGatewayV2HTTPResponse plain = handle(event("predict-rows-with-inference-id.json"));
        assertThat(plain.getStatusCode()).isEqualTo(400);
        assertThat(json(plain).get("error").get("code").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(json(plain).get("error").get("message").asText()).contains("larger than 64 bytes");
        APIGatewayV2HTTPResponse encoded = handle(event("predict-base64-body.json"));
        assertThat(json(encoded).get("error").get("code").asText()).isEqualTo("BODY_TOO_LARGE");
        // Multi-byte characters count as the bytes they take.
        APIGatewayV2HTTPResponse wide = handle(withBody("{\"features\": [1, 2, 3, 4, 5], \"x\": \"" + "é".repeat(20) + "\"}"));
        assertThat(json(wide).get("error").get("code").asText()).isEqualTo("BODY_TOO_LARGE");
        verifyNoInteractions(runtime);
    }

    @Test
    void rejectsABodyMarkedBase64ThatIsNot() {
        APIGatewayV2HTTPEvent event = withBody("{not base64}");
        event.setIsBase64Encoded(true);
        assertThat(json(handle(event)).get("error").get("code").asText()).isEqualTo("INVALID_BODY");
    }

    @Test
    void anUnknownModelIsA404ThatNamesTheModelsServed() {
        APIGatewayV2HTTPResponse response = handle(event("predict-unknown-model.json"));
        assertThat(response.getStatusCode()).isEqualTo(404);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("UNKNOWN_MODEL");
        assertThat(error.get("message").asText()).isEqualTo("there is no model \"house-price\"; this API serves house-prices, rent");
        verifyNoInteractions(runtime);
        // The caller's text never becomes a metric dimension.
        assertThat(dimension()).containsExactly(Map.entry("Model", "unknown"));
    }

    @Test
    void aPathOutsideTheRouteIsA404() {
        APIGatewayV2HTTPEvent event = event("predict-one-row.json");
        event.setPathParameters(null);
        event.setRawPath("/predict");
        APIGatewayV2HTTPResponse response = handle(event);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("NO_SUCH_ROUTE");
    }

    @Test
    void aCallerInferenceIdThatSageMakerCouldNotTakeIsA400() {
        APIGatewayV2HTTPEvent event = event("predict-one-row.json");
        event.getHeaders().put("x-inference-id", "order 42; drop table");
        APIGatewayV2HTTPResponse response = handle(event);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("INVALID_INFERENCE_ID");
        assertThat(json(response).has("inferenceId")).isFalse();
        event.getHeaders().put("x-inference-id", "a".repeat(65));
        assertThat(handle(event).getStatusCode()).isEqualTo(400);
        verifyNoInteractions(runtime);
    }

    @Test
    void onlyPostWithAJsonBodyIsAccepted() {
        APIGatewayV2HTTPEvent get = event("predict-one-row.json");
        get.getRequestContext().getHttp().setMethod("GET");
        APIGatewayV2HTTPResponse notAllowed = handle(get);
        assertThat(notAllowed.getStatusCode()).isEqualTo(405);
        assertThat(notAllowed.getHeaders()).containsEntry("Allow", "POST");

        APIGatewayV2HTTPEvent form = event("predict-one-row.json");
        form.getHeaders().put("content-type", "application/x-www-form-urlencoded");
        APIGatewayV2HTTPResponse unsupported = handle(form);
        assertThat(unsupported.getStatusCode()).isEqualTo(415);
        assertThat(json(unsupported).get("error").get("message").asText()).contains("send it as application/json");
        verifyNoInteractions(runtime);
    }

    static Stream<Arguments> upstreamFailures() {
        return Stream.of(
                Arguments.of(ModelErrorException.builder().message("Received server error (500) from primary with message \"Traceback"
                        + " (most recent call last): File \\\"/opt/ml/code/inference.py\\\"\"").originalStatusCode(500)
                        .originalMessage("Traceback (most recent call last)").statusCode(424).build(), 502, "MODEL_ERROR",
                        "the model behind endpoint " + ENDPOINT + " failed on this request (it answered HTTP 500)"),
                Arguments.of(SageMakerRuntimeException.builder().message("Rate exceeded").statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build(), 429, "THROTTLED",
                        "too many requests for endpoint " + ENDPOINT),
                Arguments.of(ValidationErrorException.builder().message("Endpoint " + ENDPOINT + " of account 111111111111 not found.")
                        .statusCode(400).build(), 503, "ENDPOINT_UNAVAILABLE", "endpoint " + ENDPOINT + " for model house-prices does not exist"),
                Arguments.of(ModelNotReadyException.builder().message("Model is not ready").statusCode(429).build(), 503, "MODEL_NOT_READY",
                        "is not ready yet"),
                Arguments.of(ServiceUnavailableException.builder().message("Service Unavailable").statusCode(503).build(), 503,
                        "SERVICE_UNAVAILABLE", "SageMaker is unavailable"),
                Arguments.of(InternalFailureException.builder().message("Internal failure").statusCode(500).build(), 502, "UPSTREAM_ERROR",
                        "SageMaker failed to answer"),
                Arguments.of(ValidationErrorException.builder().message("Request payload is too large").statusCode(400).build(), 502,
                        "UPSTREAM_ERROR", "SageMaker rejected the request"),
                Arguments.of(ApiCallTimeoutException.create(25_000), 504, "UPSTREAM_TIMEOUT", "did not answer in time"),
                Arguments.of(SdkClientException.builder().message("Unable to execute HTTP request: Read timed out")
                        .cause(new SocketTimeoutException("Read timed out")).build(), 504, "UPSTREAM_TIMEOUT", "did not answer in time"),
                Arguments.of(SdkClientException.builder().message("Unable to execute HTTP request: connect refused").build(), 502,
                        "UPSTREAM_UNREACHABLE", "SageMaker could not be reached"));
    }

    @ParameterizedTest
    @MethodSource("upstreamFailures")
    void upstreamFailuresBecomeAStatusAndAMessageOfOursWithoutSageMakersText(SdkException failure, int status, String code, String message) {
        when(runtime.invokeEndpoint(any(InvokeEndpointRequest.class))).thenThrow(failure);

        APIGatewayV2HTTPResponse response = handle(event("predict-one-row.json"));

        assertThat(response.getStatusCode()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error").get("code").asText()).isEqualTo(code);
        assertThat(body.get("error").get("message").asText()).contains(message);
        assertThat(body.get("inferenceId").asText()).isEqualTo(ASSIGNED.toString());
        assertThat(response.getBody()).doesNotContain("111111111111", "Traceback", "Exception", "\tat ", "Rate exceeded");
        verify(metrics).addMetric("Failures", 1, MetricUnit.COUNT);
        verify(metrics, never()).addMetric(eq("ClientErrors"), anyDouble(), any(MetricUnit.class));
        if (status == 429 || code.equals("MODEL_NOT_READY") || code.equals("SERVICE_UNAVAILABLE")) {
            assertThat(response.getHeaders()).containsKey("Retry-After");
        }
    }

    @Test
    void anAnswerThatIsNotOnePredictionPerRowIsA502() {
        answer("412000.5,655000", "champion");
        APIGatewayV2HTTPResponse twoForOne = handle(event("predict-one-row.json"));
        assertThat(twoForOne.getStatusCode()).isEqualTo(502);
        assertThat(json(twoForOne).get("error").get("message").asText()).contains("answered 2 predictions for 1 row");

        answer("{\"predictions\": [1.0]}", "champion");
        assertThat(json(handle(event("predict-one-row.json"))).get("error").get("code").asText()).isEqualTo("BAD_MODEL_RESPONSE");
        answer("NaN", "champion");
        assertThat(json(handle(event("predict-one-row.json"))).get("error").get("message").asText()).contains("not a finite number");
    }

    @Test
    void anUnexpectedFailureIsA500WithoutAStackTrace() {
        when(runtime.invokeEndpoint(any(InvokeEndpointRequest.class))).thenThrow(new NullPointerException("body"));
        APIGatewayV2HTTPResponse response = handle(event("predict-one-row.json"));
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(response.getBody()).doesNotContain("NullPointerException", "\tat ");
        verify(metrics).addMetric("Failures", 1, MetricUnit.COUNT);
    }

    @Test
    void recordsRequestsPredictionsAndLatencyPerModelAndFlushesEachRequest() {
        answer("1.0\n2.0\n3.0\n", "champion");
        handle(event("predict-rows-with-inference-id.json"));

        verify(metrics).setNamespace("mlops");
        verify(metrics).addMetric("Predictions", 3, MetricUnit.COUNT);
        verify(metrics).addMetric("Requests", 1, MetricUnit.COUNT);
        verify(metrics).addMetric(eq("Latency"), anyDouble(), eq(MetricUnit.MILLISECONDS));
        verify(metrics).addMetric(eq("EndpointLatency"), anyDouble(), eq(MetricUnit.MILLISECONDS));
        verify(metrics, never()).addMetric(eq("Failures"), anyDouble(), any(MetricUnit.class));
        assertThat(dimension()).containsExactly(Map.entry("Model", "house-prices"));
        InOrder order = inOrder(metrics);
        order.verify(metrics).addDimension(any(DimensionSet.class));
        order.verify(metrics).flush();
    }

    @Test
    void theBase64FixtureHoldsTheRowsItClaims() {
        String body = new String(Base64.getDecoder().decode(event("predict-base64-body.json").getBody()));
        assertThat(body).startsWith("{\"rows\": [[3, 2.5, 1840");
    }
}
