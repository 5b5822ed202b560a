package dev.mlops.delivery.pipeline;

import static dev.mlops.delivery.pipeline.PipelineFixtures.parameter;
import static dev.mlops.delivery.pipeline.PipelineFixtures.step;
import static dev.mlops.delivery.pipeline.PipelineFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.config.ModelSettings;
import dev.mlops.config.ModelSettings.TrainingImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The staging house-prices model's training pipeline, step by step, and its variants. */
class TrainingPipelineTest {

    static final String ARTIFACTS = "s3://mlops-staging-artifacts-5d6e7f8/training/house-prices/";
    static final String XGBOOST = "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1";
    static final String SKLEARN = "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
    static GeneratedPipeline pipeline;
    static JsonNode definition;

    @BeforeAll
    static void generate() {
        pipeline = TrainingPipeline.generate(PipelineFixtures.housePrices(), PipelineFixtures.trainingInputs());
        definition = tree(pipeline);
    }

    static String json(JsonNode node) {
        return node.toString();
    }

    /** {@code {"Std:Join": {"On": "", "Values": [ARTIFACTS, execution id, "/leaf"]}}}. */
    static String runPath(String leaf) {
        return "{\"Std:Join\":{\"On\":\"\",\"Values\":[\"" + ARTIFACTS + "\",{\"Get\":\"Execution.PipelineExecutionId\"},\"/" + leaf + "\"]}}";
    }

    static JsonNode arguments(String stepName) {
        return step(definition, stepName).get("Arguments");
    }

    @Test
    void theDefinitionIsVersion20201201WithFourTopLevelSteps() {
        assertThat(definition.get("Version").asText()).isEqualTo("2020-12-01");
        List<String> steps = new ArrayList<>();
        definition.get("Steps").forEach(s -> steps.add(s.get("Name").asText() + ":" + s.get("Type").asText()));
        assertThat(steps).containsExactly("Preprocess:Processing", "Train:Training", "Evaluate:Processing", "CheckQuality:Condition");
        assertThat(pipeline.pipelineName()).isEqualTo("mlops-staging-house-prices-training");
    }

    @Nested
    class Parameters {

        @Test
        void namesTypesAndDefaultsComeFromTheModelSettings() {
            List<String> all = new ArrayList<>();
            definition.get("Parameters").forEach(p -> all.add(p.get("Name").asText() + ":" + p.get("Type").asText() + "=" + p.get("DefaultValue")));
            assertThat(all).containsExactly(
                    "InputData:String=\"s3://mlops-staging-curated-1a2b3c4/house-sales/\"",
                    "ModelTag:Integer=1",
                    "TriggerType:String=\"code-change\"",
                    "TrainingInstanceType:String=\"ml.m5.xlarge\"",
                    "ProcessingInstanceType:String=\"ml.m5.large\"",
                    "MaxRmse:Float=60000.0",
                    "MaxMae:Float=40000.0",
                    "MinR2:Float=0.75",
                    "ModelApprovalStatus:String=\"PendingManualApproval\"");
        }

        @Test
        void triggerTypeAndApprovalStatusOfferTheirValues() {
            assertThat(json(parameter(definition, "TriggerType").get("EnumValues"))).isEqualTo("[\"code-change\",\"scheduled\",\"new-data\",\"drift\"]");
            assertThat(json(parameter(definition, "ModelApprovalStatus").get("EnumValues")))
                    .isEqualTo("[\"PendingManualApproval\",\"Approved\",\"Rejected\"]");
        }

        @Test
        void theBuiltInAlgorithmHasNoImageTag() {
            assertThat(definition.get("Parameters").findValuesAsText("Name")).doesNotContain("ImageTag");
        }
    }

    @Nested
    class Preprocess {

        @Test
        void runsPreprocessPyOnTheScikitLearnImage() {
            JsonNode app = arguments("Preprocess").get("AppSpecification");
            assertThat(app.get("ImageUri").asText()).isEqualTo(SKLEARN);
            assertThat(json(app.get("ContainerEntrypoint"))).isEqualTo("[\"python3\",\"/opt/ml/processing/input/code/preprocess.py\"]");
            assertThat(json(app.get("ContainerArguments"))).isEqualTo("[\"--input-dir\",\"/opt/ml/processing/input/data\","
                    + "\"--output-dir\",\"/opt/ml/processing/output\",\"--target\",\"price\",\"--validation-fraction\",\"0.15\","
                    + "\"--test-fraction\",\"0.15\",\"--seed\",\"42\"]");
        }

        @Test
        void readsItsScriptAndTheInputDataParameter() {
            JsonNode inputs = arguments("Preprocess").get("ProcessingInputs");
            assertThat(inputs).hasSize(2);
            assertThat(inputs.get(0).get("InputName").asText()).isEqualTo("code");
            assertThat(inputs.get(0).get("S3Input").get("S3Uri").asText())
                    .isEqualTo(pipeline.uploads().get(0).uri())
                    .matches("s3://mlops-staging-artifacts-5d6e7f8/pipeline-code/[0-9a-f]{16}/preprocess.py");
            assertThat(inputs.get(0).get("S3Input").get("LocalPath").asText()).isEqualTo("/opt/ml/processing/input/code");
            assertThat(json(inputs.get(1))).isEqualTo("{\"InputName\":\"data\",\"S3Input\":{\"S3Uri\":{\"Get\":\"Parameters.InputData\"},"
                    + "\"LocalPath\":\"/opt/ml/processing/input/data\",\"S3DataType\":\"S3Prefix\",\"S3InputMode\":\"File\","
                    + "\"S3DataDistributionType\":\"FullyReplicated\"}}");
        }

        @Test
        void writesFourOutputsPerExecutionEncryptedWithThePlatformKey() {
            JsonNode config = arguments("Preprocess").get("ProcessingOutputConfig");
            assertThat(config.get("Outputs").findValuesAsText("OutputName")).containsExactly("train", "validation", "test", "features");
            for (JsonNode output : config.get("Outputs")) {
                String name = output.get("OutputName").asText();
                assertThat(json(output.get("S3Output").get("S3Uri"))).isEqualTo(runPath(name));
                assertThat(output.get("S3Output").get("LocalPath").asText()).isEqualTo("/opt/ml/processing/output/" + name);
                assertThat(output.get("S3Output").get("S3UploadMode").asText()).isEqualTo("EndOfJob");
            }
            assertThat(config.get("KmsKeyId").asText()).isEqualTo(PipelineFixtures.PLATFORM_KEY);
        }

        @Test
        void runsIsolatedInTheVpcOnAnEncryptedVolume() {
            JsonNode args = arguments("Preprocess");
            assertThat(json(args.get("ProcessingResources"))).isEqualTo("{\"ClusterConfig\":{\"InstanceCount\":1,\"InstanceType\":"
                    + "{\"Get\":\"Parameters.ProcessingInstanceType\"},\"VolumeSizeInGB\":30,\"VolumeKmsKeyId\":\"" + PipelineFixtures.PLATFORM_KEY + "\"}}");
            assertThat(json(args.get("NetworkConfig"))).isEqualTo("{\"EnableInterContainerTrafficEncryption\":true,"
                    + "\"EnableNetworkIsolation\":true,\"VpcConfig\":{\"SecurityGroupIds\":[\"sg-0123456789abcdef0\"],"
                    + "\"Subnets\":[\"subnet-0aaaaaaaaaaaaaaaa\",\"subnet-0bbbbbbbbbbbbbbbb\"]}}");
            assertThat(args.get("RoleArn").asText()).isEqualTo(PipelineFixtures.ROLE);
            assertThat(args.get("StoppingCondition").get("MaxRuntimeInSeconds").asInt()).isEqualTo(7200);
        }
    }

    @Nested
    class Train {

        @Test
        void trainsTheRegionsBuiltInXgboostWithTheModelsHyperparameters() {
            JsonNode args = arguments("Train");
            assertThat(json(args.get("AlgorithmSpecification"))).isEqualTo("{\"TrainingImage\":\"" + XGBOOST + "\",\"TrainingInputMode\":\"File\"}");
            assertThat(json(args.get("HyperParameters")))
                    .isEqualTo("{\"eta\":\"0.1\",\"max_depth\":\"6\",\"num_round\":\"300\",\"objective\":\"reg:squarederror\"}");
        }

        @Test
        void readsTheTrainAndValidationSplitsAsCsv() {
            JsonNode channels = arguments("Train").get("InputDataConfig");
            assertThat(channels).hasSize(2);
            for (int i = 0; i < 2; i++) {
                String name = i == 0 ? "train" : "validation";
                assertThat(json(channels.get(i))).isEqualTo("{\"ChannelName\":\"" + name + "\",\"DataSource\":{\"S3DataSource\":"
                        + "{\"S3DataType\":\"S3Prefix\",\"S3Uri\":{\"Get\":\"Steps.Preprocess.ProcessingOutputConfig.Outputs['" + name
                        + "'].S3Output.S3Uri\"},\"S3DataDistributionType\":\"FullyReplicated\"}},\"ContentType\":\"text/csv\"}");
            }
        }

        @Test
        void writesTheModelPerExecutionEncryptedAndStopsAfterTheConfiguredRuntime() {
            JsonNode args = arguments("Train");
            assertThat(json(args.get("OutputDataConfig"))).isEqualTo("{\"S3OutputPath\":" + runPath("model") + ",\"KmsKeyId\":\""
                    + PipelineFixtures.PLATFORM_KEY + "\"}");
            assertThat(json(args.get("ResourceConfig"))).isEqualTo("{\"InstanceCount\":1,\"InstanceType\":{\"Get\":\"Parameters.TrainingInstanceType\"},"
                    + "\"VolumeSizeInGB\":30,\"VolumeKmsKeyId\":\"" + PipelineFixtures.PLATFORM_KEY + "\"}");
            assertThat(args.get("StoppingCondition").get("MaxRuntimeInSeconds").asInt()).isEqualTo(120 * 60);
        }

        @Test
        void theBuiltInAlgorithmTrainsNetworkIsolatedInTheVpc() {
            JsonNode args = arguments("Train");
            assertThat(args.get("EnableNetworkIsolation").asBoolean()).isTrue();
            assertThat(args.get("EnableInterContainerTrafficEncryption").asBoolean()).isTrue();
            assertThat(args.get("VpcConfig").get("Subnets")).hasSize(2);
        }
    }

    @Nested
    class Evaluate {

        @Test
        void runsEvaluatePyOnTheXgboostImageAgainstTheModelAndTheTestSplit() {
            JsonNode args = arguments("Evaluate");
            assertThat(args.get("AppSpecification").get("ImageUri").asText()).isEqualTo(XGBOOST);
            assertThat(json(args.get("AppSpecification").get("ContainerEntrypoint"))).contains("/opt/ml/processing/input/code/evaluate.py");
            List<String> inputs = new ArrayList<>();
            args.get("ProcessingInputs").forEach(i -> inputs.add(i.get("InputName").asText() + " " + json(i.get("S3Input").get("S3Uri"))
                    + " " + i.get("S3Input").get("LocalPath").asText()));
            assertThat(inputs).containsExactly(
                    "code \"" + pipeline.uploads().get(1).uri() + "\" /opt/ml/processing/input/code",
                    "model {\"Get\":\"Steps.Train.ModelArtifacts.S3ModelArtifacts\"} /opt/ml/processing/input/model",
                    "test {\"Get\":\"Steps.Preprocess.ProcessingOutputConfig.Outputs['test'].S3Output.S3Uri\"} /opt/ml/processing/input/test",
                    "features {\"Get\":\"Steps.Preprocess.ProcessingOutputConfig.Outputs['features'].S3Output.S3Uri\"} /opt/ml/processing/input/features");
        }

        @Test
        void publishesTheReportAsAPropertyFile() {
            JsonNode evaluate = step(definition, "Evaluate");
            assertThat(json(evaluate.get("PropertyFiles")))
                    .isEqualTo("[{\"PropertyFileName\":\"EvaluationReport\",\"OutputName\":\"evaluation\",\"FilePath\":\"evaluation.json\"}]");
            assertThat(json(evaluate.get("Arguments").get("ProcessingOutputConfig").get("Outputs").get(0).get("S3Output").get("S3Uri")))
                    .isEqualTo(runPath("evaluation"));
        }
    }

    @Nested
    class CheckQuality {

        static String metric(String name) {
            return "{\"Std:JsonGet\":{\"PropertyFile\":{\"Get\":\"Steps.Evaluate.PropertyFiles.EvaluationReport\"},"
                    + "\"Path\":\"regression_metrics." + name + ".value\"}}";
        }

        @Test
        void requiresEveryThresholdOfTheModel() {
            assertThat(json(arguments("CheckQuality").get("Conditions"))).isEqualTo("["
                    + "{\"Type\":\"LessThanOrEqualTo\",\"LeftValue\":" + metric("rmse") + ",\"RightValue\":{\"Get\":\"Parameters.MaxRmse\"}},"
                    + "{\"Type\":\"LessThanOrEqualTo\",\"LeftValue\":" + metric("mae") + ",\"RightValue\":{\"Get\":\"Parameters.MaxMae\"}},"
                    + "{\"Type\":\"GreaterThanOrEqualTo\",\"LeftValue\":" + metric("r2") + ",\"RightValue\":{\"Get\":\"Parameters.MinR2\"}}]");
        }

        @Test
        void registersWhenTheyHoldAndFailsOtherwise() {
            JsonNode args = arguments("CheckQuality");
            assertThat(args.get("IfSteps").findValuesAsText("Name")).containsExactly("Register");
            assertThat(args.get("ElseSteps").get(0).get("Name").asText()).isEqualTo("QualityGateFailed");
            assertThat(args.get("ElseSteps").get(0).get("Type").asText()).isEqualTo("Fail");
        }

        @Test
        void theFailureReasonNamesTheThresholdsAndWhereTheFiguresAre() {
            assertThat(json(arguments("QualityGateFailed").get("ErrorMessage"))).isEqualTo("{\"Std:Join\":{\"On\":\"\",\"Values\":["
                    + "\"Model house-prices was not registered: its evaluation on the test split must reach RMSE <= \","
                    + "{\"Get\":\"Parameters.MaxRmse\"},\", MAE <= \",{\"Get\":\"Parameters.MaxMae\"},\" and R2 >= \","
                    + "{\"Get\":\"Parameters.MinR2\"},\"; the figures it reached are in \","
                    + "{\"Get\":\"Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri\"},\"/evaluation.json\"]}}");
        }
    }

    @Nested
    class Register {

        @Test
        void addsAVersionToTheModelsPackageGroupServingCsv() {
            JsonNode args = arguments("Register");
            assertThat(step(definition, "Register").get("Type").asText()).isEqualTo("RegisterModel");
            assertThat(args.get("ModelPackageGroupName").asText()).isEqualTo("mlops-staging-house-prices");
            assertThat(args.has("ModelPackageName")).as("a versioned package takes its name from the group").isFalse();
            assertThat(json(args.get("InferenceSpecification"))).isEqualTo("{\"Containers\":[{\"Image\":\"" + XGBOOST + "\","
                    + "\"ModelDataUrl\":{\"Get\":\"Steps.Train.ModelArtifacts.S3ModelArtifacts\"}}],"
                    + "\"SupportedContentTypes\":[\"text/csv\"],\"SupportedResponseMIMETypes\":[\"text/csv\"]}");
            assertThat(args.get("ModelPackageDescription").asText())
                    .isEqualTo("Predicts the sale price of a residential property from its features. (model tag 1, target price)");
            assertThat(args.get("Domain").asText()).isEqualTo("MACHINE_LEARNING");
            assertThat(args.get("Task").asText()).isEqualTo("REGRESSION");
        }

        @Test
        void takesItsApprovalStatusFromTheParameter() {
            assertThat(json(arguments("Register").get("ModelApprovalStatus"))).isEqualTo("{\"Get\":\"Parameters.ModelApprovalStatus\"}");
        }

        @Test
        void attachesTheEvaluationAsModelQualityStatistics() {
            assertThat(json(arguments("Register").get("ModelMetrics"))).isEqualTo("{\"ModelQuality\":{\"Statistics\":{\"ContentType\":"
                    + "\"application/json\",\"S3Uri\":{\"Std:Join\":{\"On\":\"\",\"Values\":[{\"Get\":"
                    + "\"Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri\"},\"/evaluation.json\"]}}}}}");
        }

        @Test
        void recordsModelTagAndTriggerTypeForTheVersioningFunction() {
            assertThat(json(arguments("Register").get("CustomerMetadataProperties"))).isEqualTo("{"
                    + "\"ModelTag\":{\"Std:Join\":{\"On\":\"\",\"Values\":[{\"Get\":\"Parameters.ModelTag\"}]}},"
                    + "\"TriggerType\":{\"Get\":\"Parameters.TriggerType\"}}");
        }
    }

    @Nested
    class Variants {

        @Test
        void withoutAMaeThresholdThereIsNoMaxMaeParameterConditionOrFigure() {
            ModelSettings model = PipelineFixtures.model(new TrainingImage(TrainingImage.Kind.BUILTIN_XGBOOST, Optional.empty()),
                    Optional.empty(), Map.of("num_round", "100"));
            JsonNode tree = tree(TrainingPipeline.generate(model, PipelineFixtures.trainingInputs()));
            assertThat(tree.get("Parameters").findValuesAsText("Name")).doesNotContain("MaxMae");
            String check = step(tree, "CheckQuality").toString();
            assertThat(check).doesNotContain("MaxMae").doesNotContain("regression_metrics.mae").contains("regression_metrics.rmse");
            assertThat(step(tree, "CheckQuality").get("Arguments").get("Conditions")).hasSize(2);
        }

        @Test
        void anOwnContainerTrainsAndServesTheImageTagTheDeliveryPipelinePasses() {
            JsonNode tree = tree(TrainingPipeline.generate(PipelineFixtures.ownContainerModel(),
                    PipelineFixtures.trainingInputs(Optional.of(PipelineFixtures.OWN_REPOSITORY))));
            assertThat(parameter(tree, "ImageTag").get("DefaultValue").asText()).isEqualTo("latest");
            String image = "{\"Std:Join\":{\"On\":\"\",\"Values\":[\"" + PipelineFixtures.OWN_REPOSITORY + ":\",{\"Get\":\"Parameters.ImageTag\"}]}}";
            assertThat(json(step(tree, "Train").get("Arguments").get("AlgorithmSpecification").get("TrainingImage"))).isEqualTo(image);
            JsonNode register = step(tree, "Register").get("Arguments");
            assertThat(json(register.get("InferenceSpecification").get("Containers").get(0).get("Image"))).isEqualTo(image);
            assertThat(json(register.get("CustomerMetadataProperties").get("GitCommit"))).isEqualTo("{\"Get\":\"Parameters.ImageTag\"}");
            assertThat(step(tree, "Evaluate").get("Arguments").get("AppSpecification").get("ImageUri").asText()).isEqualTo(XGBOOST);
        }

        @Test
        void anOwnOrConfiguredImageMayUseTheNetworkWithinTheVpc() {
            JsonNode own = tree(TrainingPipeline.generate(PipelineFixtures.ownContainerModel(),
                    PipelineFixtures.trainingInputs(Optional.of(PipelineFixtures.OWN_REPOSITORY))));
            assertThat(step(own, "Train").get("Arguments").get("EnableNetworkIsolation").asBoolean()).isFalse();
            assertThat(step(own, "Train").get("Arguments").get("VpcConfig").get("SecurityGroupIds")).hasSize(1);
            assertThat(step(own, "Train").get("Arguments").get("ResourceConfig").get("InstanceCount").asInt()).isEqualTo(2);
        }

        @Test
        void aConfiguredEcrImageIsUsedAsItIs() {
            String uri = "222222222222.dkr.ecr.eu-west-1.amazonaws.com/teams/regressor@sha256:" + "a".repeat(64);
            ModelSettings model = PipelineFixtures.model(new TrainingImage(TrainingImage.Kind.ECR_IMAGE, Optional.of(uri)), Optional.of(1.0), Map.of());
            JsonNode tree = tree(TrainingPipeline.generate(model, PipelineFixtures.trainingInputs()));
            assertThat(step(tree, "Train").get("Arguments").get("AlgorithmSpecification").get("TrainingImage").asText()).isEqualTo(uri);
            assertThat(step(tree, "Register").get("Arguments").get("InferenceSpecification").get("Containers").get(0).get("Image").asText())
                    .isEqualTo(uri);
            assertThat(tree.get("Parameters").findValuesAsText("Name")).doesNotContain("ImageTag");
            assertThat(step(tree, "Register").get("Arguments").get("CustomerMetadataProperties").has("GitCommit")).isFalse();
        }

        @Test
        void anOwnContainerNeedsItsRepository() {
            assertThatThrownBy(() -> TrainingPipeline.generate(PipelineFixtures.ownContainerModel(), PipelineFixtures.trainingInputs()))
                    .hasMessageContaining("trains with its own container, so modelImageRepository is required");
        }

        @Test
        void theBuiltInAlgorithmNeedsNumRound() {
            ModelSettings model = PipelineFixtures.model(new TrainingImage(TrainingImage.Kind.BUILTIN_XGBOOST, Optional.empty()),
                    Optional.empty(), Map.of("max_depth", "5"));
            assertThatThrownBy(() -> TrainingPipeline.generate(model, PipelineFixtures.trainingInputs()))
                    .hasMessageContaining("built-in XGBoost requires the hyperparameter num_round");
        }

        @ParameterizedTest
        @ValueSource(strings = {"staging", "prod"})
        void everyModelOfTheRealStacksGenerates(String stack) {
            for (ModelSettings model : PipelineFixtures.stack(stack).models()) {
                GeneratedPipeline generated = TrainingPipeline.generate(model, PipelineFixtures.trainingInputs(Optional.of(PipelineFixtures.OWN_REPOSITORY)));
                assertThat(generated.pipelineName()).isEqualTo(model.pipelineNameFor("mlops-staging"));
                assertThat(generated.definitionJson()).startsWith("{\"Version\":\"2020-12-01\"");
            }
        }
    }

    @Test
    void uploadsAreTheTwoScriptsItRuns() {
        assertThat(pipeline.uploads()).extracting(S3Upload::repositoryPath)
                .containsExactly(Optional.of("pipelines/training/preprocess.py"), Optional.of("pipelines/training/evaluate.py"));
        assertThat(pipeline.uploads()).allSatisfy(u -> assertThat(u.bucket()).isEqualTo("mlops-staging-artifacts-5d6e7f8"));
    }

    @Test
    void theSameSettingsGiveTheSameBytes() {
        String again = TrainingPipeline.generate(PipelineFixtures.housePrices(), PipelineFixtures.trainingInputs()).definitionJson();
        assertThat(again).isEqualTo(pipeline.definitionJson());
    }

    @Test
    void theDefinitionMatchesItsGoldenFile() {
        GeneratedPipeline fixed = TrainingPipeline.generate(PipelineFixtures.housePrices(),
                PipelineFixtures.trainingInputs(Optional.empty(), PipelineFixtures.fixedCode()));
        PipelineFixtures.assertGolden("training-house-prices.json", PipelineFixtures.pretty(fixed));
    }
}
