package dev.mlops.delivery.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link PipelineDefinition} as the JSON CreatePipeline takes, in one place. Objects are built field by
 * field in a fixed order (the order sagemaker-python-sdk writes them in); the maps a definition holds
 * (Environment, HyperParameters, CustomerMetadataProperties) are written sorted by key. Same definition,
 * same bytes.
 */
final class DefinitionJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DefinitionJson() {
    }

    static String write(PipelineDefinition definition) {
        try {
            return JSON.writeValueAsString(tree(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the pipeline definition", e);
        }
    }

    static ObjectNode tree(PipelineDefinition definition) {
        ObjectNode root = NODES.objectNode();
        root.put("Version", PipelineDefinition.VERSION);
        ArrayNode parameters = root.putArray("Parameters");
        definition.parameters().forEach(p -> parameters.add(parameter(p)));
        ArrayNode steps = root.putArray("Steps");
        definition.steps().forEach(s -> steps.add(step(s)));
        return root;
    }

    static ObjectNode parameter(Parameter parameter) {
        ObjectNode node = NODES.objectNode();
        node.put("Name", parameter.name());
        node.put("Type", parameter.typeName());
        if (parameter instanceof Parameter.StringParameter p) {
            node.put("DefaultValue", p.defaultValue());
            if (!p.enumValues().isEmpty()) {
                ArrayNode values = node.putArray("EnumValues");
                p.enumValues().forEach(values::add);
            }
        } else if (parameter instanceof Parameter.IntegerParameter p) {
            node.put("DefaultValue", p.defaultValue());
        } else if (parameter instanceof Parameter.FloatParameter p) {
            node.put("DefaultValue", p.defaultValue());
        } else if (parameter instanceof Parameter.BooleanParameter p) {
            node.put("DefaultValue", p.defaultValue());
        }
        return node;
    }

    static ObjectNode step(Step step) {
        ObjectNode node = NODES.objectNode();
        node.put("Name", step.name());
        node.put("Type", step.type());
        node.set("Arguments", arguments(step));
        if (!step.dependsOn().isEmpty()) {
            ArrayNode dependsOn = node.putArray("DependsOn");
            step.dependsOn().forEach(dependsOn::add);
        }
        step.description().ifPresent(d -> node.put("Description", d));
        if (step instanceof Step.ProcessingStep processing && !processing.propertyFiles().isEmpty()) {
            ArrayNode files = node.putArray("PropertyFiles");
            for (PropertyFile file : processing.propertyFiles()) {
                ObjectNode f = files.addObject();
                f.put("PropertyFileName", file.name());
                f.put("OutputName", file.outputName());
                f.put("FilePath", file.filePath());
            }
        }
        return node;
    }

    private static ObjectNode arguments(Step step) {
        if (step instanceof Step.ProcessingStep s) {
            return processing(s.job());
        } else if (step instanceof Step.TrainingStep s) {
            return training(s.job());
        } else if (step instanceof Step.ConditionStep s) {
            return condition(s);
        } else if (step instanceof Step.RegisterModelStep s) {
            return modelPackage(s.modelPackage());
        }
        ObjectNode node = NODES.objectNode();
        node.set("ErrorMessage", value(((Step.FailStep) step).errorMessage()));
        return node;
    }

    private static ObjectNode processing(ProcessingJob job) {
        ObjectNode node = NODES.objectNode();
        node.putObject("ProcessingResources").set("ClusterConfig", resources(job.resources()));
        ObjectNode app = node.putObject("AppSpecification");
        app.set("ImageUri", value(job.imageUri()));
        ArrayNode entrypoint = app.putArray("ContainerEntrypoint");
        job.entrypoint().forEach(entrypoint::add);
        if (!job.arguments().isEmpty()) {
            ArrayNode arguments = app.putArray("ContainerArguments");
            job.arguments().forEach(a -> arguments.add(value(a)));
        }
        node.put("RoleArn", job.roleArn());
        if (!job.inputs().isEmpty()) {
            ArrayNode inputs = node.putArray("ProcessingInputs");
            for (ProcessingJob.Input input : job.inputs()) {
                ObjectNode i = inputs.addObject();
                i.put("InputName", input.name());
                ObjectNode s3 = i.putObject("S3Input");
                s3.set("S3Uri", value(input.s3Uri()));
                s3.put("LocalPath", input.localPath());
                s3.put("S3DataType", input.dataType().name());
                s3.put("S3InputMode", "File");
                s3.put("S3DataDistributionType", "FullyReplicated");
            }
        }
        if (!job.outputs().isEmpty()) {
            ObjectNode config = node.putObject("ProcessingOutputConfig");
            ArrayNode outputs = config.putArray("Outputs");
            for (ProcessingJob.Output output : job.outputs()) {
                ObjectNode o = outputs.addObject();
                o.put("OutputName", output.name());
                ObjectNode s3 = o.putObject("S3Output");
                s3.set("S3Uri", value(output.s3Uri()));
                s3.put("LocalPath", output.localPath());
                s3.put("S3UploadMode", "EndOfJob");
            }
            job.outputKmsKeyId().ifPresent(key -> config.put("KmsKeyId", key));
        }
        node.putObject("StoppingCondition").put("MaxRuntimeInSeconds", job.maxRuntimeSeconds());
        if (!job.environment().isEmpty()) {
            node.set("Environment", map(job.environment()));
        }
        ObjectNode network = node.putObject("NetworkConfig");
        network.put("EnableInterContainerTrafficEncryption", job.network().interContainerEncryption());
        network.put("EnableNetworkIsolation", job.network().networkIsolation());
        network.set("VpcConfig", vpc(job.network().vpc()));
        return node;
    }

    private static ObjectNode training(TrainingJob job) {
        ObjectNode node = NODES.objectNode();
        ObjectNode algorithm = node.putObject("AlgorithmSpecification");
        algorithm.set("TrainingImage", value(job.trainingImage()));
        algorithm.put("TrainingInputMode", "File");
        ObjectNode output = node.putObject("OutputDataConfig");
        output.set("S3OutputPath", value(job.outputPath()));
        job.outputKmsKeyId().ifPresent(key -> output.put("KmsKeyId", key));
        node.put("RoleArn", job.roleArn());
        node.set("ResourceConfig", resources(job.resources()));
        node.putObject("StoppingCondition").put("MaxRuntimeInSeconds", job.maxRuntimeSeconds());
        if (!job.hyperParameters().isEmpty()) {
            ObjectNode hyper = node.putObject("HyperParameters");
            new TreeMap<>(job.hyperParameters()).forEach(hyper::put);
        }
        ArrayNode channels = node.putArray("InputDataConfig");
        for (TrainingJob.Channel channel : job.channels()) {
            ObjectNode c = channels.addObject();
            c.put("ChannelName", channel.name());
            ObjectNode s3 = c.putObject("DataSource").putObject("S3DataSource");
            s3.put("S3DataType", "S3Prefix");
            s3.set("S3Uri", value(channel.s3Uri()));
            s3.put("S3DataDistributionType", "FullyReplicated");
            c.put("ContentType", channel.contentType());
        }
        node.set("VpcConfig", vpc(job.network().vpc()));
        node.put("EnableNetworkIsolation", job.network().networkIsolation());
        node.put("EnableInterContainerTrafficEncryption", job.network().interContainerEncryption());
        return node;
    }

    private static ObjectNode condition(Step.ConditionStep step) {
        ObjectNode node = NODES.objectNode();
        ArrayNode conditions = node.putArray("Conditions");
        for (Condition condition : step.conditions()) {
            ObjectNode c = conditions.addObject();
            c.put("Type", condition.type().name());
            c.set("LeftValue", value(condition.left()));
            c.set("RightValue", value(condition.right()));
        }
        ArrayNode ifSteps = node.putArray("IfSteps");
        step.ifSteps().forEach(s -> ifSteps.add(step(s)));
        ArrayNode elseSteps = node.putArray("ElseSteps");
        step.elseSteps().forEach(s -> elseSteps.add(step(s)));
        return node;
    }

    private static ObjectNode modelPackage(ModelPackage request) {
        ObjectNode node = NODES.objectNode();
        node.put("ModelPackageGroupName", request.groupName());
        request.description().ifPresent(d -> node.put("ModelPackageDescription", d));
        ObjectNode inference = node.putObject("InferenceSpecification");
        ArrayNode containers = inference.putArray("Containers");
        for (ModelPackage.Container container : request.containers()) {
            ObjectNode c = containers.addObject();
            c.set("Image", value(container.image()));
            c.set("ModelDataUrl", value(container.modelDataUrl()));
        }
        ArrayNode contentTypes = inference.putArray("SupportedContentTypes");
        request.contentTypes().forEach(contentTypes::add);
        ArrayNode responseTypes = inference.putArray("SupportedResponseMIMETypes");
        request.responseTypes().forEach(responseTypes::add);
        node.set("ModelApprovalStatus", value(request.approvalStatus()));
        request.modelQualityStatistics().ifPresent(stats -> {
            ObjectNode statistics = node.putObject("ModelMetrics").putObject("ModelQuality").putObject("Statistics");
            statistics.put("ContentType", stats.contentType());
            statistics.set("S3Uri", value(stats.s3Uri()));
        });
        if (!request.customerMetadata().isEmpty()) {
            node.set("CustomerMetadataProperties", map(request.customerMetadata()));
        }
        request.domain().ifPresent(d -> node.put("Domain", d));
        request.task().ifPresent(t -> node.put("Task", t));
        return node;
    }

    private static ObjectNode resources(ComputeResources resources) {
        ObjectNode node = NODES.objectNode();
        node.put("InstanceCount", resources.instanceCount());
        node.set("InstanceType", value(resources.instanceType()));
        node.put("VolumeSizeInGB", resources.volumeSizeInGb());
        resources.volumeKmsKeyId().ifPresent(key -> node.put("VolumeKmsKeyId", key));
        return node;
    }

    private static ObjectNode vpc(VpcConfig vpc) {
        ObjectNode node = NODES.objectNode();
        ArrayNode groups = node.putArray("SecurityGroupIds");
        vpc.securityGroupIds().forEach(groups::add);
        ArrayNode subnets = node.putArray("Subnets");
        vpc.subnets().forEach(subnets::add);
        return node;
    }

    private static ObjectNode map(Map<String, Expr> values) {
        ObjectNode node = NODES.objectNode();
        new TreeMap<>(values).forEach((key, value) -> node.set(key, value(value)));
        return node;
    }

    /** A value: the literal itself, or the expression object SageMaker resolves at run time. */
    static JsonNode value(Expr expr) {
        if (expr instanceof Expr.Text t) {
            return NODES.textNode(t.value());
        } else if (expr instanceof Expr.Int i) {
            return NODES.numberNode(i.value());
        } else if (expr instanceof Expr.Num n) {
            return NODES.numberNode(n.value());
        } else if (expr instanceof Expr.Bool b) {
            return NODES.booleanNode(b.value());
        } else if (expr instanceof Expr.Get g) {
            return NODES.objectNode().put("Get", g.path());
        } else if (expr instanceof Expr.Join j) {
            ObjectNode join = NODES.objectNode();
            ObjectNode body = join.putObject("Std:Join");
            body.put("On", j.on());
            ArrayNode values = body.putArray("Values");
            j.values().forEach(v -> values.add(value(v)));
            return join;
        }
        Expr.JsonGet j = (Expr.JsonGet) expr;
        ObjectNode jsonGet = NODES.objectNode();
        ObjectNode body = jsonGet.putObject("Std:JsonGet");
        body.putObject("PropertyFile").put("Get", "Steps." + j.stepName() + ".PropertyFiles." + j.propertyFile());
        body.put("Path", j.jsonPath());
        return jsonGet;
    }
}
