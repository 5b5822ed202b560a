package dev.mlops.delivery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.config.DataSourceSettings;
import dev.mlops.config.ModelSettings;
import dev.mlops.config.ModelSettings.QualityThresholds;
import dev.mlops.config.ModelSettings.RepositorySettings;
import dev.mlops.config.ModelSettings.TrainingImage;
import dev.mlops.config.ModelSettings.TrainingSettings;
import dev.mlops.config.StackSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings and resolved values for the pipeline tests: the real stacks' models and data sources (read from
 * this repository's Pulumi.&lt;stack&gt;.yaml, as the offline preview reads them) and hand-made variants.
 */
final class PipelineFixtures {

    static final Path REPOSITORY = Path.of("").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REGION = "eu-west-1";
    static final String ROLE = "arn:aws:iam::111111111111:role/mlops-staging-sagemaker-execution";
    static final String DATA_ROLE = "arn:aws:iam::111111111111:role/mlops-staging-data-pipeline";
    static final String RAW_KEY = "arn:aws:kms:eu-west-1:111111111111:key/11111111-1111-1111-1111-111111111111";
    static final String PLATFORM_KEY = "arn:aws:kms:eu-west-1:111111111111:key/22222222-2222-2222-2222-222222222222";
    static final VpcConfig VPC = new VpcConfig(List.of("sg-0123456789abcdef0"),
            List.of("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"));
    static final String OWN_REPOSITORY = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/mlops-staging-house-prices";

    private PipelineFixtures() {
    }

    static StackSettings stack(String name) {
        return StackSettings.fromStackFile(REPOSITORY, name);
    }

    static PipelineCode code() {
        return PipelineCode.fromRepository(REPOSITORY);
    }

    /** Digests that do not change when a script does, for golden files that should show generator changes only. */
    static PipelineCode fixedCode() {
        Map<String, String> digests = new java.util.TreeMap<>();
        PipelineCode.SCRIPTS.forEach(script -> digests.put(script, PipelineCode.sha256(script)));
        return new PipelineCode(digests);
    }

    static TrainingPipelineInputs trainingInputs(Optional<String> ownRepository, PipelineCode code) {
        return new TrainingPipelineInputs("mlops-staging", REGION, ROLE, "mlops-staging-curated-1a2b3c4", "mlops-staging-artifacts-5d6e7f8",
                PLATFORM_KEY, VPC, "mlops-staging-house-prices", ownRepository, code);
    }

    static TrainingPipelineInputs trainingInputs(Optional<String> ownRepository) {
        return trainingInputs(ownRepository, code());
    }

    static TrainingPipelineInputs trainingInputs() {
        return trainingInputs(Optional.empty());
    }

    static DataPipelineInputs dataInputs(PipelineCode code) {
        return new DataPipelineInputs("mlops-staging", REGION, DATA_ROLE, "mlops-staging-raw-9a8b7c6", "mlops-staging-curated-1a2b3c4",
                "mlops-staging-artifacts-5d6e7f8", RAW_KEY, PLATFORM_KEY, VPC, code);
    }

    static DataPipelineInputs dataInputs() {
        return dataInputs(code());
    }

    /** The staging stack's house-prices model. */
    static ModelSettings housePrices() {
        return stack("staging").models().get(0);
    }

    /** The staging stack's house-sales data source. */
    static DataSourceSettings houseSales() {
        return stack("staging").dataSources().get(0);
    }

    /** A model as configured in code, to vary the image and thresholds. */
    static ModelSettings model(TrainingImage image, Optional<Double> maxMae, Map<String, String> hyperparameters) {
        return new ModelSettings("house-prices", 3, Optional.of("Sale prices."), Optional.of("house-sales"), "price",
                new RepositorySettings("codecommit", "house-prices-model", "main", Optional.empty()),
                new TrainingSettings(image, "ml.m5.xlarge", 2, "ml.m5.large", 90, hyperparameters),
                new QualityThresholds(50_000, maxMae, 0.7), Optional.empty(), dev.mlops.config.ServingSettings.ModelServing.defaults());
    }

    static ModelSettings ownContainerModel() {
        return model(new TrainingImage(TrainingImage.Kind.OWN_CONTAINER, Optional.empty()), Optional.empty(), Map.of("epochs", "10"));
    }

    /** The definition pretty-printed, for golden files a reviewer can read. */
    static String pretty(GeneratedPipeline pipeline) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(pipeline)).replace("\r\n", "\n") + "\n";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Compares {@code actual} with src/test/resources/pipeline/golden/{@code name}. A deliberate change is recorded by
     * running the tests with {@code -Dgolden.update=true} and reviewing the file's diff like any other change.
     */
    static void assertGolden(String name, String actual) {
        Path file = REPOSITORY.resolve("src/test/resources/pipeline/golden").resolve(name);
        try {
            if (Boolean.getBoolean("golden.update") || !java.nio.file.Files.exists(file)) {
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.writeString(file, actual);
            }
            org.assertj.core.api.Assertions.assertThat(actual)
                    .as("definition differs from %s (rerun with -Dgolden.update=true if the change is intended)", file)
                    .isEqualTo(java.nio.file.Files.readString(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode tree(GeneratedPipeline pipeline) {
        try {
            return JSON.readTree(pipeline.definitionJson());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The step called {@code name}, wherever it is in the definition tree (condition branches included). */
    static JsonNode step(JsonNode definition, String name) {
        for (JsonNode step : definition.get("Steps")) {
            if (step.get("Name").asText().equals(name)) {
                return step;
            }
            if (step.get("Type").asText().equals("Condition")) {
                for (String branch : List.of("IfSteps", "ElseSteps")) {
                    for (JsonNode inner : step.get("Arguments").get(branch)) {
                        if (inner.get("Name").asText().equals(name)) {
                            return inner;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no step " + name + " in " + definition);
    }

    static JsonNode parameter(JsonNode definition, String name) {
        for (JsonNode parameter : definition.get("Parameters")) {
            if (parameter.get("Name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name);
    }
}
