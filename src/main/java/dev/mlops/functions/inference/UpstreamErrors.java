package dev.mlops.functions.inference;

import java.net.SocketTimeoutException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalDependencyException;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.awssdk.services.sagemakerruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * Turns an InvokeEndpoint failure into what the caller sees: a status and a message of ours. SageMaker's own text can
 * name the account and the model container's internals, so it goes to the log, never into the response.
 * <ul>
 *   <li>the model failed (ModelError) or SageMaker did (InternalFailure, InternalDependency, others): 502</li>
 *   <li>throttled: 429 with Retry-After</li>
 *   <li>the endpoint is missing or not ready (ValidationError "not found", ModelNotReady, ServiceUnavailable): 503</li>
 *   <li>no answer in time: 504; SageMaker unreachable: 502</li>
 * </ul>
 */
final class UpstreamErrors {

    private UpstreamErrors() {
    }

    static ApiError map(SdkException e, ModelRoute route) {
        String endpoint = route.endpointName();
        if (e instanceof ModelErrorException m) {
            return ApiError.upstream(502, "MODEL_ERROR", "the model behind endpoint " + endpoint + " failed on this request"
                    + (m.originalStatusCode() == null ? "" : " (it answered HTTP " + m.originalStatusCode() + ")"));
        }
        if (e instanceof ModelNotReadyException) {
            return ApiError.upstream(503, "MODEL_NOT_READY", "the model behind endpoint " + endpoint + " is not ready yet; try again shortly", 5);
        }
        if (e instanceof ServiceUnavailableException) {
            return ApiError.upstream(503, "SERVICE_UNAVAILABLE", "SageMaker is unavailable; try again shortly", 5);
        }
        if (e instanceof ValidationErrorException v && v.getMessage() != null
                && v.getMessage().toLowerCase(Locale.ROOT).contains("not found")) {
            return ApiError.upstream(503, "ENDPOINT_UNAVAILABLE", "endpoint " + endpoint + " for model " + route.model()
                    + " does not exist or is not in service");
        }
        if (e instanceof SageMakerRuntimeException s && (s.isThrottlingException() || s.statusCode() == 429)) {
            return ApiError.upstream(429, "THROTTLED", "too many requests for endpoint " + endpoint + "; retry after a pause", 1);
        }
        if (e instanceof InternalFailureException || e instanceof InternalDependencyException) {
            return ApiError.upstream(502, "UPSTREAM_ERROR", "SageMaker failed to answer for endpoint " + endpoint);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || causedByTimeout(e)) {
            return ApiError.upstream(504, "UPSTREAM_TIMEOUT", "endpoint " + endpoint + " did not answer in time");
        }
        if (e instanceof SdkClientException) {
            return ApiError.upstream(502, "UPSTREAM_UNREACHABLE", "SageMaker could not be reached for endpoint " + endpoint);
        }
        return ApiError.upstream(502, "UPSTREAM_ERROR", "SageMaker rejected the request for endpoint " + endpoint);
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
