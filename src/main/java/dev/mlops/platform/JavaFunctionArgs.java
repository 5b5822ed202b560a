package dev.mlops.platform;

import com.pulumi.core.Output;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * @param handler     the handler class in the functions bundle, e.g. {@code dev.mlops.functions.versioning.ModelVersioningHandler}
 * @param description what the function does
 * @param accountId   the account its role may be used in
 * @param memoryMb    128..10240
 * @param timeoutSeconds 1..900
 * @param environment the function's environment variables
 * @param permissions the role's statements beyond writing its own logs, given the role's ARN
 * @param snapStart   publish a version with SnapStart and point the {@code live} alias at it (latency-sensitive functions)
 */
public record JavaFunctionArgs(String handler, String description, String accountId, int memoryMb, int timeoutSeconds,
                               Output<Map<String, String>> environment,
                               Function<String, Output<List<IamStatement>>> permissions, boolean snapStart) {
    public JavaFunctionArgs {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(permissions, "permissions");
        if (!handler.matches("dev\\.mlops\\.functions\\.[a-z]+\\.[A-Z][A-Za-z0-9]*(::[a-zA-Z]+)?")) {
            throw new IllegalArgumentException("handler must be a class under dev.mlops.functions, was " + handler);
        }
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new IllegalArgumentException("memoryMb must be 128..10240 (Lambda's range), was " + memoryMb);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 900) {
            throw new IllegalArgumentException("timeoutSeconds must be 1..900 (Lambda's range), was " + timeoutSeconds);
        }
    }
}
