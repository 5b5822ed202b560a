package dev.mlops.offline;

import com.pulumi.test.Mocks;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the program's resource registrations offline, the way AWS would after a create: ids, ARNs and
 * generated names, all derived deterministically from the stack, its account and region, so two runs
 * give the same preview. Stack references are answered from outputs the caller resolved beforehand.
 * An invoke (a data-source call) is refused: the program must not need AWS to be previewed, and a new
 * call should be noticed, not silently answered with nothing.
 */
public final class OfflineMocks implements Mocks {

    public static final String STACK_REFERENCE = "pulumi:pulumi:StackReference";

    private final String stack;
    private final String accountId;
    private final String region;
    private final String componentPackage;
    private final Map<String, StackOutputs> references;

    /**
     * @param componentPackage the type-token package of this program's components ({@code mlops}); they get no id
     * @param references       outputs of every stack the program may reference, by fully qualified name
     */
    public OfflineMocks(String stack, String accountId, String region, String componentPackage,
                        Map<String, StackOutputs> references) {
        this.stack = stack;
        this.accountId = accountId;
        this.region = region;
        this.componentPackage = componentPackage;
        this.references = Map.copyOf(references);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        String type = args.type;
        String name = args.name;
        Map<String, Object> state = new HashMap<>(args.inputs == null ? Map.of() : args.inputs);
        if (type.startsWith(componentPackage + ":")) {
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.empty(), state));
        }
        if (STACK_REFERENCE.equals(type)) {
            return CompletableFuture.completedFuture(stackReference(String.valueOf(state.getOrDefault("name", name))));
        }
        AutoNames.ruleFor(type).ifPresent(rule ->
                state.putIfAbsent(rule.property(), AutoNames.generate(stack, type, name, rule)));
        String id = id(type, name, state);
        state.putAll(computedOutputs(type, id, state));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "the offline preview cannot answer the provider call " + args.token
                        + "; take the value from settings (StackSettings) instead of asking AWS"));
    }

    private ResourceResult stackReference(String referenced) {
        StackOutputs outputs = references.get(referenced);
        if (outputs == null) {
            throw new IllegalStateException("no outputs were resolved for the stack reference " + referenced
                    + "; known: " + String.join(", ", references.keySet()));
        }
        Map<String, Object> state = new HashMap<>();
        state.put("name", referenced);
        state.put("outputs", outputs.values());
        state.put("secretOutputNames", List.copyOf(outputs.secretNames()));
        return ResourceResult.of(Optional.of(referenced), state);
    }

    /** EC2 ids look like EC2's: a prefix and 17 hex characters. */
    private static final Map<String, String> EC2_ID_PREFIXES = Map.ofEntries(
            Map.entry("aws:ec2/vpc:Vpc", "vpc-"), Map.entry("aws:ec2/subnet:Subnet", "subnet-"),
            Map.entry("aws:ec2/routeTable:RouteTable", "rtb-"), Map.entry("aws:ec2/securityGroup:SecurityGroup", "sg-"),
            Map.entry("aws:ec2/vpcEndpoint:VpcEndpoint", "vpce-"), Map.entry("aws:ec2/internetGateway:InternetGateway", "igw-"),
            Map.entry("aws:ec2/natGateway:NatGateway", "nat-"), Map.entry("aws:ec2/eip:Eip", "eipalloc-"),
            Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", "rtbassoc-"),
            Map.entry("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "sgr-"),
            Map.entry("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "sgr-"));

    private String id(String type, String name, Map<String, Object> state) {
        String ec2 = EC2_ID_PREFIXES.get(type);
        if (ec2 != null) {
            return ec2 + AutoNames.suffix(stack + "::" + type + "::" + name, 17);
        }
        String seed = stack + "::" + type + "::" + name;
        return switch (type) {
            case "aws:s3/bucketV2:BucketV2" -> String.valueOf(state.get("bucket"));
            case "aws:kms/key:Key", "aws:codecommit/repository:Repository" -> uuid(type, name);
            case "aws:kms/alias:Alias", "aws:iam/role:Role", "aws:iam/policy:Policy", "aws:ecr/repository:Repository",
                 "aws:sagemaker/modelPackageGroup:ModelPackageGroup", "aws:codebuild/project:Project",
                 "aws:codepipeline/pipeline:Pipeline", "aws:cloudwatch/logGroup:LogGroup", "aws:lambda/function:Function",
                 "aws:sagemaker/model:Model", "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
                 "aws:sagemaker/endpoint:Endpoint", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:sns/topic:Topic"
                    -> String.valueOf(state.getOrDefault("name", state.getOrDefault("modelPackageGroupName", name)));
            case "aws:sagemaker/domain:Domain" -> "d-" + AutoNames.suffix(seed, 12);
            case "aws:sagemaker/pipeline:Pipeline" -> String.valueOf(state.get("pipelineName"));
            case "aws:apigatewayv2/api:Api" -> AutoNames.suffix(seed, 10);
            default -> type.startsWith("pulumi:providers:") ? uuid(type, name)
                    : name + "-" + AutoNames.suffix(seed, 7);
        };
    }

    private Map<String, Object> computedOutputs(String type, String id, Map<String, Object> state) {
        Map<String, Object> out = new HashMap<>();
        String at = region + ":" + accountId + ":";
        Object name = state.get("name");
        switch (type) {
            case "aws:s3/bucketV2:BucketV2" -> {
                String bucket = String.valueOf(state.get("bucket"));
                out.put("arn", "arn:aws:s3:::" + bucket);
                out.put("bucketDomainName", bucket + ".s3.amazonaws.com");
                out.put("bucketRegionalDomainName", bucket + ".s3." + region + ".amazonaws.com");
                out.put("region", region);
            }
            case "aws:kms/key:Key" -> {
                out.put("keyId", id);
                out.put("arn", "arn:aws:kms:" + at + "key/" + id);
            }
            case "aws:kms/alias:Alias" -> {
                out.put("arn", "arn:aws:kms:" + at + name);
                out.put("targetKeyArn", "arn:aws:kms:" + at + "key/" + state.get("targetKeyId"));
            }
            case "aws:iam/role:Role" -> {
                out.put("arn", "arn:aws:iam::" + accountId + ":role" + state.getOrDefault("path", "/") + name);
                out.put("uniqueId", "AROA" + AutoNames.suffix(id, 17).toUpperCase(Locale.ROOT));
            }
            case "aws:iam/policy:Policy" -> out.put("arn", "arn:aws:iam::" + accountId + ":policy" + state.getOrDefault("path", "/") + name);
            case "aws:ec2/vpcEndpoint:VpcEndpoint" -> {
                out.put("arn", "arn:aws:ec2:" + at + "vpc-endpoint/" + id);
                if ("Gateway".equals(state.get("vpcEndpointType"))) {
                    out.put("prefixListId", "pl-" + AutoNames.suffix(id, 8));
                }
            }
            case "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/securityGroup:SecurityGroup" -> {
                String kind = type.substring(type.indexOf('/') + 1, type.lastIndexOf(':'));
                out.put("arn", "arn:aws:ec2:" + at + (kind.equals("securityGroup") ? "security-group" : kind) + "/" + id);
            }
            case "aws:sagemaker/domain:Domain" -> {
                out.put("arn", "arn:aws:sagemaker:" + at + "domain/" + id);
                out.put("url", "https://" + id + ".studio." + region + ".sagemaker.aws");
                out.put("homeEfsFileSystemId", "fs-" + AutoNames.suffix(id, 17));
            }
            case "aws:sagemaker/userProfile:UserProfile" ->
                    out.put("arn", "arn:aws:sagemaker:" + at + "user-profile/" + state.get("domainId") + "/" + state.get("userProfileName"));
            case "aws:sagemaker/studioLifecycleConfig:StudioLifecycleConfig" ->
                    out.put("arn", "arn:aws:sagemaker:" + at + "studio-lifecycle-config/" + state.get("studioLifecycleConfigName"));
            case "aws:sagemaker/codeRepository:CodeRepository" ->
                    out.put("arn", "arn:aws:sagemaker:" + at + "code-repository/" + state.get("codeRepositoryName"));
            case "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer" -> {
                out.put("arn", "arn:aws:sagemaker:" + at + "mlflow-tracking-server/" + state.get("trackingServerName"));
                out.put("trackingServerUrl", "https://" + state.get("trackingServerName") + ".mlflow." + region + ".sagemaker.aws");
            }
            case "aws:sagemaker/modelPackageGroup:ModelPackageGroup" ->
                    out.put("arn", "arn:aws:sagemaker:" + at + "model-package-group/" + state.get("modelPackageGroupName"));
            case "aws:sagemaker/pipeline:Pipeline" -> out.put("arn", "arn:aws:sagemaker:" + at + "pipeline/" + state.get("pipelineName"));
            case "aws:sagemaker/model:Model" -> out.put("arn", "arn:aws:sagemaker:" + at + "model/" + name);
            case "aws:sagemaker/endpointConfiguration:EndpointConfiguration" -> out.put("arn", "arn:aws:sagemaker:" + at + "endpoint-config/" + name);
            case "aws:sagemaker/endpoint:Endpoint" -> out.put("arn", "arn:aws:sagemaker:" + at + "endpoint/" + name);
            case "aws:ecr/repository:Repository" -> {
                out.put("arn", "arn:aws:ecr:" + at + "repository/" + name);
                out.put("repositoryUrl", accountId + ".dkr.ecr." + region + ".amazonaws.com/" + name);
                out.put("registryId", accountId);
            }
            case "aws:codecommit/repository:Repository" -> {
                out.put("arn", "arn:aws:codecommit:" + at + state.get("repositoryName"));
                out.put("cloneUrlHttp", "https://git-codecommit." + region + ".amazonaws.com/v1/repos/" + state.get("repositoryName"));
                out.put("repositoryId", id);
            }
            case "aws:codebuild/project:Project" -> out.put("arn", "arn:aws:codebuild:" + at + "project/" + name);
            case "aws:codepipeline/pipeline:Pipeline" -> out.put("arn", "arn:aws:codepipeline:" + at + name);
            case "aws:cloudwatch/eventRule:EventRule" -> out.put("arn", "arn:aws:events:" + at + "rule/" + name);
            case "aws:cloudwatch/logGroup:LogGroup" -> out.put("arn", "arn:aws:logs:" + at + "log-group:" + name);
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> out.put("arn", "arn:aws:cloudwatch:" + at + "alarm:" + name);
            case "aws:cloudwatch/compositeAlarm:CompositeAlarm" -> out.put("arn", "arn:aws:cloudwatch:" + at + "alarm:" + state.get("alarmName"));
            case "aws:cloudwatch/dashboard:Dashboard" ->
                    out.put("dashboardArn", "arn:aws:cloudwatch::" + accountId + ":dashboard/" + state.get("dashboardName"));
            case "aws:sqs/queue:Queue" -> {
                out.put("arn", "arn:aws:sqs:" + at + name);
                out.put("url", "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + name);
            }
            case "aws:sns/topic:Topic" -> out.put("arn", "arn:aws:sns:" + at + name);
            case "aws:scheduler/schedule:Schedule" -> out.put("arn", "arn:aws:scheduler:" + at + "schedule/default/" + name);
            case "aws:lambda/function:Function" -> {
                String arn = "arn:aws:lambda:" + at + "function:" + name;
                out.put("arn", arn);
                out.put("invokeArn", invokeArn(arn));
                out.put("version", Boolean.TRUE.equals(state.get("publish")) ? "1" : "$LATEST");
                out.put("qualifiedArn", arn + ":" + out.get("version"));
            }
            case "aws:lambda/alias:Alias" -> {
                String arn = "arn:aws:lambda:" + at + "function:" + state.get("functionName") + ":" + name;
                out.put("arn", arn);
                out.put("invokeArn", invokeArn(arn));
            }
            case "aws:apigatewayv2/api:Api" -> {
                out.put("apiEndpoint", "https://" + id + ".execute-api." + region + ".amazonaws.com");
                out.put("executionArn", "arn:aws:execute-api:" + at + id);
                out.put("arn", "arn:aws:apigateway:" + region + "::/apis/" + id);
            }
            case "aws:apigatewayv2/stage:Stage" -> {
                String stage = String.valueOf(state.get("name"));
                String api = String.valueOf(state.get("apiId"));
                String host = "https://" + api + ".execute-api." + region + ".amazonaws.com/";
                out.put("invokeUrl", stage.equals("$default") ? host : host + stage);
                out.put("executionArn", "arn:aws:execute-api:" + at + api + "/" + stage);
                out.put("arn", "arn:aws:apigateway:" + region + "::/apis/" + api + "/stages/" + stage);
            }
            default -> {
                if (!type.startsWith("pulumi:")) {
                    out.put("arn", genericArn(type, id));
                }
            }
        }
        return out;
    }

    private String invokeArn(String functionArn) {
        return "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + functionArn + "/invocations";
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource-kind>/<id>} from a type token such as {@code aws:sagemaker/domain:Domain}. */
    private String genericArn(String type, String id) {
        String module = type.split(":")[1];
        String service = module.contains("/") ? module.substring(0, module.indexOf('/')) : module;
        String kind = module.contains("/") ? module.substring(module.indexOf('/') + 1) : type.substring(type.lastIndexOf(':') + 1);
        return "arn:aws:" + service.toLowerCase(Locale.ROOT) + ":" + region + ":" + accountId + ":"
                + kind.toLowerCase(Locale.ROOT) + "/" + id;
    }

    private String uuid(String type, String name) {
        return UUID.nameUUIDFromBytes((stack + "::" + type + "::" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
