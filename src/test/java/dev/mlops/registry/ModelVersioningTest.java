package dev.mlops.registry;

import static dev.mlops.testing.IamEvaluator.Decision.ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.CONDITIONAL_ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.functions.versioning.ModelPackageStateChange;
import dev.mlops.functions.versioning.ModelVersioningHandler;
import dev.mlops.functions.versioning.Outcome;
import dev.mlops.functions.versioning.VersioningEnvironment;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Policies;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model-versioning function as both stacks deploy it: what starts it, what it may touch, where events that it
 * could not version end up, and the alarms that say so.
 */
class ModelVersioningTest {

    private static final String FUNCTION = "aws:lambda/function:Function";
    private static final String QUEUE = "aws:sqs/queue:Queue";
    private static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

    @TempDir
    Path temp;

    /** The versioning resources of one stack, found by the component's name. */
    private record Versioning(String stack, Resources r) {
        static Versioning of(String stack) {
            return new Versioning(stack, Previews.resources(stack));
        }

        String name() {
            return "mlops-" + stack + "-model-versioning";
        }

        ResourceState function() {
            return r.one(FUNCTION, name() + "-function");
        }

        ResourceState queue() {
            return r.one(QUEUE, name() + "-dead-letters");
        }

        String queueArn() {
            return "arn:aws:sqs:eu-west-1:" + account() + ":" + queue().input("name").asText();
        }

        ResourceState rule() {
            return r.one(RULE, name() + "-on-package-change");
        }

        String ruleArn() {
            return "arn:aws:events:eu-west-1:" + account() + ":rule/" + rule().input("name").asText();
        }

        String functionArn() {
            return "arn:aws:lambda:eu-west-1:" + account() + ":function:" + function().input("name").asText();
        }

        String account() {
            return stack.equals("prod") ? "222222222222" : "111111111111";
        }

        IamEvaluator role() {
            String roleArn = function().input("role").asText();
            return Policies.evaluator(r, roleArn.substring(roleArn.lastIndexOf('/') + 1));
        }

        String sagemaker(String resource) {
            return "arn:aws:sagemaker:eu-west-1:" + account() + ":" + resource;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theHandlerRunsOnJava21WithPowertoolsSettingsAndJsonLogs(String stack) {
        ResourceState function = Versioning.of(stack).function();
        assertThat(function.input("name").asText()).isEqualTo("mlops-" + stack + "-model-versioning");
        assertThat(function.input("handler").asText()).isEqualTo(ModelVersioningHandler.class.getName() + "::handleRequest");
        assertThat(function.input("runtime").asText()).isEqualTo("java21");
        assertThat(function.input("code.path").asText()).isEqualTo("target/mlops-functions.jar");
        assertThat(function.input("timeout").asInt()).isBetween(30, 900);
        assertThat(function.input("memorySize").asInt()).isGreaterThanOrEqualTo(512);
        assertThat(function.input("loggingConfig.logFormat").asText()).isEqualTo("JSON");
        JsonNode env = function.input("environment.variables");
        assertThat(env.path("POWERTOOLS_SERVICE_NAME").asText()).isEqualTo("model-versioning");
        assertThat(env.path("POWERTOOLS_METRICS_NAMESPACE").asText()).isEqualTo(VersioningEnvironment.DEFAULT_METRICS_NAMESPACE);
        assertThat(env.path("POWERTOOLS_LOG_LEVEL").asText()).isEqualTo("INFO");
        // Lambda sets AWS_REGION itself and rejects functions that try to.
        assertThat(env.has("AWS_REGION")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theRuleSendsExactlyThisStacksModelPackageStateChanges(String stack) {
        JsonNode pattern = Resources.documentOf(Versioning.of(stack).rule().input("eventPattern").asText());
        assertThat(pattern.path("source").toString()).isEqualTo("[\"" + ModelPackageStateChange.SOURCE + "\"]");
        assertThat(pattern.path("detail-type").toString()).isEqualTo("[\"" + ModelPackageStateChange.DETAIL_TYPE + "\"]");
        assertThat(pattern.path("detail").path("ModelPackageGroupName").toString())
                .isEqualTo("[\"mlops-" + stack + "-house-prices\"]");
        assertThat(pattern.size()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void eventBridgeInvokesTheFunctionWithRetriesAndADeadLetterQueue(String stack) {
        Versioning v = Versioning.of(stack);
        ResourceState target = v.r().one("aws:cloudwatch/eventTarget:EventTarget", v.name() + "-target");
        assertThat(target.input("rule").asText()).isEqualTo(v.rule().input("name").asText());
        assertThat(target.input("arn").asText()).isEqualTo(v.functionArn());
        assertThat(target.input("retryPolicy.maximumRetryAttempts").asInt()).isBetween(1, 185);
        assertThat(target.input("retryPolicy.maximumEventAgeInSeconds").asInt()).isBetween(60, 86400);
        assertThat(target.input("deadLetterConfig.arn").asText()).isEqualTo(v.queueArn());

        ResourceState permission = v.r().one("aws:lambda/permission:Permission", v.name() + "-invoke");
        assertThat(permission.input("action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(permission.input("principal").asText()).isEqualTo("events.amazonaws.com");
        assertThat(permission.input("function").asText()).isEqualTo(v.function().input("name").asText());
        assertThat(permission.input("sourceArn").asText()).isEqualTo(v.ruleArn());
        assertThat(target.dependencies()).contains(permission.urn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void onlyThisRuleMayPutEventsOnTheEncryptedDeadLetterQueue(String stack) {
        Versioning v = Versioning.of(stack);
        assertThat(v.queue().input("sqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(v.queue().input("messageRetentionSeconds").asInt()).isEqualTo(14 * 24 * 3600);

        ResourceState policy = v.r().one("aws:sqs/queuePolicy:QueuePolicy", v.name() + "-dead-letters-policy");
        assertThat(policy.input("queueUrl").asText()).endsWith("/" + v.queue().input("name").asText());
        String document = policy.input("policy").asText();
        assertThat(IamEvaluator.of(List.of(document)).principals()).containsExactly("Service:events.amazonaws.com");
        JsonNode statement = Resources.documentOf(document).path("Statement").path(0);
        assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText()).isEqualTo(v.ruleArn());
        IamEvaluator events = IamEvaluator.ofResourcePolicy(document, "events.amazonaws.com");
        assertThat(events.decide("sqs:SendMessage", v.queueArn())).isEqualTo(CONDITIONAL_ALLOW);
        assertThat(events.decide("sqs:ReceiveMessage", v.queueArn())).isEqualTo(IMPLICIT_DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void anInvocationThatKeepsFailingEndsOnTheSameQueue(String stack) {
        Versioning v = Versioning.of(stack);
        ResourceState async = v.r().one("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig", v.name() + "-async");
        assertThat(async.input("functionName").asText()).isEqualTo(v.function().input("name").asText());
        assertThat(async.input("maximumRetryAttempts").asInt()).isBetween(0, 2);
        assertThat(async.input("maximumEventAgeInSeconds").asInt()).isBetween(60, 21600);
        assertThat(async.input("destinationConfig.onFailure.destination").asText()).isEqualTo(v.queueArn());
        // Lambda sends the invocation record with the function's own role.
        assertThat(v.role().decide("sqs:SendMessage", v.queueArn())).isEqualTo(ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theRoleVersionsThisStacksPackagesAndNothingElse(String stack) {
        Versioning v = Versioning.of(stack);
        IamEvaluator role = v.role();
        String version = v.sagemaker("model-package/mlops-" + stack + "-house-prices/7");
        for (String action : List.of("sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:UpdateModelPackage",
                "sagemaker:AddTags", "sagemaker:ListTags")) {
            assertThat(role.decide(action, version)).as(action).isEqualTo(ALLOW);
        }
        String other = stack.equals("prod") ? "staging" : "prod";
        assertThat(role.decide("sagemaker:UpdateModelPackage", v.sagemaker("model-package/mlops-" + other + "-house-prices/7")))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(role.decide("sagemaker:UpdateModelPackage", v.sagemaker("model-package/mlops-" + stack + "-rent-index/7")))
                .isEqualTo(IMPLICIT_DENY);
        for (String action : List.of("sagemaker:DeleteModelPackage", "sagemaker:CreateModelPackage", "sagemaker:CreateModel",
                "sagemaker:DeleteTags")) {
            assertThat(role.decide(action, version)).as(action).isEqualTo(IMPLICIT_DENY);
        }
        assertThat(role.decide("sagemaker:AddTags", v.sagemaker("model-package-group/mlops-" + stack + "-house-prices")))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(role.decide("sagemaker:AddTags", v.sagemaker("endpoint/mlops-" + stack + "-house-prices"))).isEqualTo(IMPLICIT_DENY);
        String roleArn = v.function().input("role").asText();
        for (String document : Policies.of(v.r(), roleArn.substring(roleArn.lastIndexOf('/') + 1))) {
            Resources.documentOf(document).path("Statement").forEach(st -> assertThat(st.path("Resource").toString())
                    .as(st.path("Sid").asText()).isNotEqualTo("\"*\"").doesNotContain("\"*\""));
        }
    }

    @Test
    void theAlarmedMetricsAreOnesTheHandlerEmits() {
        Set<String> emitted = Arrays.stream(Outcome.Kind.values()).flatMap(k -> k.metrics().stream()).collect(Collectors.toSet());
        assertThat(emitted).contains(ModelVersioning.MISSING_METADATA_METRIC);
        assertThat(emitted).doesNotContain(ModelVersioningHandler.FAILURE_METRIC);
        assertThat(ModelVersioning.HANDLER).isEqualTo(ModelVersioningHandler.class.getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void alarmsWatchFailuresMissingMetadataAndTheDeadLetterQueue(String stack) {
        Versioning v = Versioning.of(stack);
        for (String metric : List.of(ModelVersioningHandler.FAILURE_METRIC, ModelVersioning.MISSING_METADATA_METRIC)) {
            List<ResourceState> alarms = v.r().matching(a -> a.type().equals(ALARM) && a.input("metricName").asText().equals(metric));
            assertThat(alarms).as(metric).singleElement().satisfies(a -> {
                assertThat(a.input("namespace").asText()).isEqualTo(VersioningEnvironment.DEFAULT_METRICS_NAMESPACE);
                // Powertools' default dimension: Service = POWERTOOLS_SERVICE_NAME.
                assertThat(a.input("dimensions").toString()).isEqualTo("{\"Service\":\"model-versioning\"}");
                assertThat(a.input("statistic").asText()).isEqualTo("Sum");
                assertThat(a.input("threshold").asDouble()).isEqualTo(1.0);
                assertThat(a.input("comparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
                assertThat(a.input("treatMissingData").asText()).isEqualTo("notBreaching");
            });
        }
        ResourceState depth = v.r().one(ALARM, v.name() + "-dead-letters-alarm");
        assertThat(depth.input("namespace").asText()).isEqualTo("AWS/SQS");
        assertThat(depth.input("metricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(depth.input("dimensions.QueueName").asText()).isEqualTo(v.queue().input("name").asText());
        assertThat(depth.input("threshold").asDouble()).isEqualTo(1.0);
        // Named under the stack's prefix, so the ML engineers' alarm permissions (alarm:<prefix>-*) cover them.
        assertThat(v.r().ofType(ALARM)).filteredOn(a -> a.parent().contains("ModelVersioning"))
                .hasSize(3).allSatisfy(a -> assertThat(a.input("name").asText()).startsWith("mlops-" + stack + "-model-versioning-"));
    }

    @Test
    void aStackWithoutModelsHasNothingToVersion() {
        var preview = Previews.edited(temp, "staging", text -> {
            int models = text.indexOf("  mlops:models:");
            int registry = text.indexOf("  # Prod deploys");
            return text.substring(0, models) + "  mlops:models: []\n" + text.substring(registry);
        });
        Resources r = new Resources(preview.preview().resources());
        assertThat(preview.settings().models()).isEmpty();
        assertThat(r.matching(x -> x.type().startsWith("mlops:registry:ModelVersioning"))).isEmpty();
        assertThat(r.ofType(FUNCTION)).isEmpty();
    }
}
