package dev.mlops.delivery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every step's Arguments against the SageMaker API model (botocore's service-2.json, the shapes of
 * CreateProcessingJob, CreateTrainingJob and CreateModelPackage, excerpted in src/test/resources/pipeline):
 * each field is a member of its shape, required members are present, and literal values keep to the shape's
 * enum, length, range and pattern. Values SageMaker resolves at run time (Get, Std:Join, Std:JsonGet) are
 * checked only for where they stand. The job names are left out because the pipeline names each job.
 */
class ApiShapesTest {

    static final Set<String> SET_BY_THE_PIPELINE = Set.of("ProcessingJobName", "TrainingJobName");
    static final Map<String, String> REQUEST_OF_STEP = Map.of(
            "Processing", "CreateProcessingJobRequest", "Training", "CreateTrainingJobRequest", "RegisterModel", "CreateModelPackageInput");
    static JsonNode shapes;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ApiShapesTest.class.getResourceAsStream("/pipeline/botocore-sagemaker-shapes.json")) {
            shapes = new ObjectMapper().readTree(in).get("shapes");
        }
    }

    static List<String> problems(GeneratedPipeline pipeline) {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Step step : pipeline.definition().allSteps()) {
            String request = REQUEST_OF_STEP.get(step.type());
            if (request != null) {
                JsonNode arguments = DefinitionJson.step(step).get("Arguments");
                check(arguments, request, step.name(), problems);
                checked++;
            }
        }
        assertThat(checked).as("steps checked").isGreaterThan(0);
        return problems;
    }

    static void check(JsonNode value, String shapeName, String path, List<String> problems) {
        JsonNode shape = shapes.get(shapeName);
        if (shape == null) {
            problems.add(path + ": shape " + shapeName + " is not in the excerpt");
            return;
        }
        if (isRuntimeValue(value)) {
            return;
        }
        String type = shape.get("type").asText();
        switch (type) {
            case "structure" -> {
                if (!value.isObject()) {
                    problems.add(path + ": expected an object (" + shapeName + ")");
                    return;
                }
                JsonNode members = shape.get("members");
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    JsonNode member = members.get(field.getKey());
                    if (member == null) {
                        problems.add(path + "." + field.getKey() + ": not a member of " + shapeName);
                    } else {
                        check(field.getValue(), member.get("shape").asText(), path + "." + field.getKey(), problems);
                    }
                }
                if (shape.has("required")) {
                    for (JsonNode required : shape.get("required")) {
                        if (!value.has(required.asText()) && !SET_BY_THE_PIPELINE.contains(required.asText())) {
                            problems.add(path + ": required member " + required.asText() + " of " + shapeName + " is missing");
                        }
                    }
                }
            }
            case "list" -> {
                if (!value.isArray()) {
                    problems.add(path + ": expected a list (" + shapeName + ")");
                    return;
                }
                bounds(value.size(), shape, path + " (items)", problems);
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), shape.get("member").get("shape").asText(), path + "[" + i + "]", problems);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    problems.add(path + ": expected a map (" + shapeName + ")");
                    return;
                }
                bounds(value.size(), shape, path + " (entries)", problems);
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    check(new ObjectMapper().getNodeFactory().textNode(entry.getKey()), shape.get("key").get("shape").asText(),
                            path + " key " + entry.getKey(), problems);
                    check(entry.getValue(), shape.get("value").get("shape").asText(), path + "." + entry.getKey(), problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected a string (" + shapeName + ")");
                    return;
                }
                String text = value.asText();
                if (shape.has("enum")) {
                    List<String> allowed = new ArrayList<>();
                    shape.get("enum").forEach(e -> allowed.add(e.asText()));
                    if (!allowed.contains(text)) {
                        problems.add(path + ": " + text + " is not one of " + allowed);
                    }
                }
                bounds(text.length(), shape, path + " (length)", problems);
                if (shape.has("pattern") && !pattern(shape.get("pattern").asText()).matcher(text).matches()) {
                    problems.add(path + ": " + text + " does not match " + shape.get("pattern").asText());
                }
            }
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": expected a whole number (" + shapeName + ")");
                    return;
                }
                bounds(value.asLong(), shape, path, problems);
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected a boolean (" + shapeName + ")");
                }
            }
            case "double", "float" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": expected a number (" + shapeName + ")");
                }
            }
            default -> problems.add(path + ": the test does not check " + type + " shapes (" + shapeName + ")");
        }
    }

    static boolean isRuntimeValue(JsonNode value) {
        return value.isObject() && value.size() == 1 && (value.has("Get") || value.has("Std:Join") || value.has("Std:JsonGet"));
    }

    static void bounds(long actual, JsonNode shape, String path, List<String> problems) {
        if (shape.has("min") && actual < shape.get("min").asLong()) {
            problems.add(path + ": " + actual + " is below the minimum " + shape.get("min"));
        }
        if (shape.has("max") && actual > shape.get("max").asLong()) {
            problems.add(path + ": " + actual + " is above the maximum " + shape.get("max"));
        }
    }

    /** botocore's patterns are unanchored regular expressions meant to match the whole value. */
    static Pattern pattern(String regex) {
        // CustomerMetadataKey/Value end in "${1,128}", a quantified end anchor: the length is checked by min/max.
        return Pattern.compile(regex.replaceAll("\\$\\{\\d+,\\d+\\}$", ""));
    }

    @Test
    void theTrainingPipelineOfEveryImageKindFitsTheApi() {
        assertThat(problems(TrainingPipeline.generate(PipelineFixtures.housePrices(), PipelineFixtures.trainingInputs()))).isEmpty();
        assertThat(problems(TrainingPipeline.generate(PipelineFixtures.ownContainerModel(),
                PipelineFixtures.trainingInputs(Optional.of(PipelineFixtures.OWN_REPOSITORY))))).isEmpty();
    }

    @Test
    void theDataPipelineFitsTheApi() {
        assertThat(problems(DataPipeline.generate(PipelineFixtures.houseSales(), PipelineFixtures.dataInputs()))).isEmpty();
    }

    @Test
    void theCheckFindsAMisspelledFieldAMissingRequiredOneAndABadEnum() {
        JsonNode arguments = DefinitionJson.step(TrainingPipeline.generate(PipelineFixtures.housePrices(), PipelineFixtures.trainingInputs())
                .definition().step(TrainingPipeline.PREPROCESS)).get("Arguments").deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode input = (com.fasterxml.jackson.databind.node.ObjectNode)
                arguments.get("ProcessingInputs").get(0).get("S3Input");
        input.put("S3DataType", "Prefix");
        input.remove("S3Uri");
        ((com.fasterxml.jackson.databind.node.ObjectNode) arguments).put("NetworkIsolation", true);
        List<String> problems = new ArrayList<>();
        check(arguments, "CreateProcessingJobRequest", "Preprocess", problems);
        assertThat(problems).containsExactlyInAnyOrder(
                "Preprocess.ProcessingInputs[0].S3Input.S3DataType: Prefix is not one of [ManifestFile, S3Prefix]",
                "Preprocess.ProcessingInputs[0].S3Input: required member S3Uri of ProcessingS3Input is missing",
                "Preprocess.NetworkIsolation: not a member of CreateProcessingJobRequest");
    }

    @Test
    void theModelsLimitsAreTheApiModels() {
        assertThat(shapes.get("StepName").get("max").asInt()).isEqualTo(64);
        assertThat(shapes.get("ProcessingMaxRuntimeInSeconds").get("max").asInt()).isEqualTo(Constraints.MAX_PROCESSING_RUNTIME);
        assertThat(shapes.get("ProcessingInputs").get("max").asInt()).isEqualTo(Constraints.MAX_PROCESSING_IO);
        assertThat(shapes.get("ProcessingOutputs").get("max").asInt()).isEqualTo(Constraints.MAX_PROCESSING_IO);
        assertThat(shapes.get("ContainerArguments").get("max").asInt()).isEqualTo(Constraints.MAX_CONTAINER_ITEMS);
        assertThat(shapes.get("ContainerArgument").get("max").asInt()).isEqualTo(Constraints.MAX_CONTAINER_ITEM);
        assertThat(shapes.get("ProcessingEnvironmentMap").get("max").asInt()).isEqualTo(Constraints.MAX_ENVIRONMENT);
        assertThat(shapes.get("ProcessingEnvironmentValue").get("max").asInt()).isEqualTo(Constraints.MAX_ENVIRONMENT_VALUE);
        assertThat(shapes.get("ProcessingLocalPath").get("max").asInt()).isEqualTo(Constraints.MAX_LOCAL_PATH);
        assertThat(shapes.get("ProcessingInstanceCount").get("max").asInt()).isEqualTo(Constraints.MAX_PROCESSING_INSTANCES);
        assertThat(shapes.get("ProcessingVolumeSizeInGB").get("max").asInt()).isEqualTo(Constraints.MAX_PROCESSING_VOLUME_GB);
        assertThat(shapes.get("HyperParameters").get("max").asInt()).isEqualTo(Constraints.MAX_HYPERPARAMETERS);
        assertThat(shapes.get("HyperParameterValue").get("max").asInt()).isEqualTo(Constraints.MAX_HYPERPARAMETER_VALUE);
        assertThat(shapes.get("VpcSecurityGroupIds").get("max").asInt()).isEqualTo(Constraints.MAX_SECURITY_GROUPS);
        assertThat(shapes.get("Subnets").get("max").asInt()).isEqualTo(Constraints.MAX_SUBNETS);
        assertThat(shapes.get("CustomerMetadataMap").get("max").asInt()).isEqualTo(Constraints.MAX_CUSTOMER_METADATA);
        assertThat(shapes.get("ModelPackageContainerDefinitionList").get("max").asInt()).isEqualTo(Constraints.MAX_PACKAGE_CONTAINERS);
        assertThat(shapes.get("PipelineDefinition").get("max").asInt()).isEqualTo(Constraints.MAX_DEFINITION_LENGTH);
        assertThat(shapes.get("AlgorithmImage").get("max").asInt()).isEqualTo(Constraints.MAX_IMAGE);
        assertThat(shapes.get("ModelApprovalStatus").get("enum").toString()).isEqualTo("[\"Approved\",\"Rejected\",\"PendingManualApproval\"]");
    }
}
