package dev.mlops.platform;

import com.pulumi.asset.FileArchive;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.lambda.Alias;
import com.pulumi.aws.lambda.AliasArgs;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionSnapStartArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.access.ServiceRole;
import dev.mlops.access.ServiceRoleArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * A Java 21 Lambda function from the functions bundle ({@code target/mlops-functions.jar}, built by the same
 * {@code mvn package} as this program), with its own role, a log group with a retention, JSON logs, and
 * optionally SnapStart on a published version behind the {@code live} alias.
 */
public final class JavaFunction extends ComponentResource {

    /** Where {@code mvn package} puts the bundle, relative to the project directory Pulumi runs in. */
    public static final String BUNDLE = "target/mlops-functions.jar";
    public static final String RUNTIME = "java21";
    /** The CloudWatch namespace of every platform function's EMF metrics ({@code POWERTOOLS_METRICS_NAMESPACE}). */
    public static final String METRICS_NAMESPACE = "mlops";
    static final int LOG_RETENTION_DAYS = 90;

    public final com.pulumi.aws.lambda.Function function;
    public final Output<String> functionName;
    /** What callers invoke: the {@code live} alias with SnapStart, the function itself otherwise. */
    public final Output<String> invokeArn;
    public final Output<String> qualifiedArn;
    public final ServiceRole role;

    public JavaFunction(String name, JavaFunctionArgs args, ComponentResourceOptions opts) {
        super("mlops:platform:JavaFunction", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var logs = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .name("/aws/lambda/" + name)
                .retentionInDays(LOG_RETENTION_DAYS)
                .build(), child);
        this.role = new ServiceRole(name, new ServiceRoleArgs("lambda.amazonaws.com", args.accountId(), args.description(),
                self -> Output.tuple(args.permissions().apply(self), logs.arn()).applyValue(t -> {
                    List<IamStatement> statements = new ArrayList<>(t.t1);
                    statements.add(IamStatement.builder().sid("OwnLogs").effect(IamEffect.ALLOW)
                            .addAction("logs:CreateLogStream").addAction("logs:PutLogEvents")
                            .addResource(t.t2 + ":*").build());
                    return statements;
                })), ComponentResourceOptions.builder().parent(this).build());
        var function = FunctionArgs.builder()
                .name(name)
                .description(args.description())
                .runtime(RUNTIME)
                .handler(args.handler().contains("::") ? args.handler() : args.handler() + "::handleRequest")
                .code(new FileArchive(BUNDLE))
                .role(role.arn)
                .memorySize(args.memoryMb())
                .timeout(args.timeoutSeconds())
                .environment(FunctionEnvironmentArgs.builder().variables(args.environment()).build())
                .loggingConfig(FunctionLoggingConfigArgs.builder().logFormat("JSON").logGroup(logs.name()).build())
                .publish(args.snapStart());
        if (args.snapStart()) {
            function.snapStart(FunctionSnapStartArgs.builder().applyOn("PublishedVersions").build());
        }
        this.function = new com.pulumi.aws.lambda.Function(name + "-function", function.build(),
                CustomResourceOptions.builder().parent(this).dependsOn(logs).build());
        this.functionName = this.function.name();
        if (args.snapStart()) {
            var live = new Alias(name + "-live", AliasArgs.builder()
                    .name("live")
                    .functionName(this.function.name())
                    .functionVersion(this.function.version())
                    .build(), child);
            this.invokeArn = live.invokeArn();
            this.qualifiedArn = live.arn();
        } else {
            this.invokeArn = this.function.invokeArn();
            this.qualifiedArn = this.function.arn();
        }
        registerOutputs(Map.of("functionName", functionName, "qualifiedArn", qualifiedArn));
    }
}
