package dev.mlops.functions.inference;

import java.util.Map;

/**
 * A request the API answers with an error: the HTTP status, a stable machine-readable code and a message for people.
 * The message never holds a stack trace or an upstream service's raw text (those go to the log).
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;
    private final boolean upstream;

    ApiError(int status, String code, String message) {
        this(status, code, message, Map.of(), false);
    }

    /**
     * @param upstream true when SageMaker (or the model) failed rather than the caller
     */
    ApiError(int status, String code, String message, Map<String, String> headers, boolean upstream) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
        this.upstream = upstream;
    }

    static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    static ApiError upstream(int status, String code, String message) {
        return new ApiError(status, code, message, Map.of(), true);
    }

    static ApiError upstream(int status, String code, String message, int retryAfterSeconds) {
        return new ApiError(status, code, message, Map.of("Retry-After", String.valueOf(retryAfterSeconds)), true);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    Map<String, String> headers() {
        return headers;
    }

    /** Whether SageMaker or the model failed (counted as a failure), rather than the caller's request. */
    boolean isUpstream() {
        return upstream;
    }
}
