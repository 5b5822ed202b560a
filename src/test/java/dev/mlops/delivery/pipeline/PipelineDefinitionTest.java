package dev.mlops.delivery.pipeline;

import static dev.mlops.delivery.pipeline.Expr.concat;
import static dev.mlops.delivery.pipeline.Expr.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.delivery.pipeline.Expr.ExecutionVariable;
import dev.mlops.delivery.pipeline.Expr.Get;
import dev.mlops.delivery.pipeline.Parameter.FloatParameter;
import dev.mlops.delivery.pipeline.Parameter.IntegerParameter;
import dev.mlops.delivery.pipeline.Parameter.StringParameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The definition model: what it refuses, and the exact JSON it writes for each construct. */
class PipelineDefinitionTest {

    static final String ROLE = "arn:aws:iam::111111111111:role/pipeline-test";
    static final String KEY = "arn:aws:kms:eu-west-1:111111111111:key/22222222-2222-2222-2222-222222222222";
    static final VpcConfig VPC = new VpcConfig(List.of("sg-0123456789abcdef0"), List.of("subnet-0aaaaaaaaaaaaaaaa"));
    static final StringParameter TYPE = new StringParameter("InstanceType", "ml.m5.large");

    static ProcessingJob job(List<ProcessingJob.Input> inputs, List<ProcessingJob.Output> outputs) {
        return new ProcessingJob(new ComputeResources(TYPE.ref(), 1, 30, Optional.of(KEY)), text("img:1"), List.of("python3", "x.py"),
                List.of(), inputs, outputs, outputs.isEmpty() ? Optional.empty() : Optional.of(KEY), Map.of(),
                new NetworkConfig(true, true, VPC), 3600, ROLE);
    }

    static ProcessingJob.Output out(String name) {
        return new ProcessingJob.Output(name, text("s3://bucket/" + name), "/opt/ml/processing/output/" + name);
    }

    static Step.ProcessingStep processing(String name, List<ProcessingJob.Input> inputs, List<PropertyFile> files) {
        return new Step.ProcessingStep(name, Optional.empty(), List.of(), job(inputs, List.of(out("report"))), files);
    }

    static Step fail(String name, Expr message) {
        return new Step.FailStep(name, Optional.empty(), List.of(), message);
    }

    @Nested
    class Names {

        @ParameterizedTest
        @ValueSource(strings = {"Pre process", "Préparer", "a.b", ""})
        void stepNamesKeepToTheApiPattern(String name) {
            assertThatThrownBy(() -> fail(name, text("x"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("step name").hasMessageContaining("StepName");
        }

        @Test
        void stepNamesHaveAtMost64Characters() {
            assertThat(fail("a".repeat(64), text("x")).name()).hasSize(64);
            assertThatThrownBy(() -> fail("a".repeat(65), text("x"))).hasMessageContaining("1 to 64");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Max Rmse", "max.rmse", "x/y"})
        void parameterNamesKeepToTheSchemaPattern(String name) {
            assertThatThrownBy(() -> new FloatParameter(name, 1)).hasMessageContaining("parameter name");
        }

        @Test
        void parameterNamesHaveAtMost64Characters() {
            assertThat(new IntegerParameter("P".repeat(64), 1).name()).hasSize(64);
            assertThatThrownBy(() -> new IntegerParameter("P".repeat(65), 1)).hasMessageContaining("1 to 64");
        }

        @Test
        void namesAreUniqueAcrossBranches() {
            Step.ConditionStep condition = new Step.ConditionStep("Check", Optional.empty(), List.of(),
                    List.of(Condition.equalTo(text("a"), text("a"))), List.of(fail("Done", text("x"))), List.of());
            assertThatThrownBy(() -> new PipelineDefinition(List.of(), condition, fail("Done", text("y"))))
                    .hasMessageContaining("\"Done\" is used more than once");
            assertThatThrownBy(() -> new PipelineDefinition(List.of(TYPE, new StringParameter("InstanceType", "x")), fail("A", text("x"))))
                    .hasMessageContaining("parameter name \"InstanceType\" is used more than once");
        }
    }

    @Nested
    class Parameters {

        @Test
        void aStringDefaultMustBeOneOfItsValues() {
            assertThatThrownBy(() -> new StringParameter("Trigger", "manual", List.of("code-change", "drift")))
                    .hasMessageContaining("is not one of its values");
        }

        @Test
        void aFloatDefaultMustBeFinite() {
            assertThatThrownBy(() -> new FloatParameter("MaxRmse", Double.NaN)).hasMessageContaining("finite");
        }

        @Test
        void aStringDefaultHasAtMost4096Characters() {
            assertThatThrownBy(() -> new StringParameter("Long", "x".repeat(4097))).hasMessageContaining("at most 4096");
        }

        @Test
        void eachTypeIsWrittenWithItsDefault() {
            PipelineDefinition definition = new PipelineDefinition(List.of(
                    new StringParameter("S", "v", List.of("v", "w")), new IntegerParameter("I", 3), new FloatParameter("F", 0.5),
                    new Parameter.BooleanParameter("B", true)), fail("Stop", text("x")));
            assertThat(definition.toJson()).startsWith("{\"Version\":\"2020-12-01\",\"Parameters\":["
                    + "{\"Name\":\"S\",\"Type\":\"String\",\"DefaultValue\":\"v\",\"EnumValues\":[\"v\",\"w\"]},"
                    + "{\"Name\":\"I\",\"Type\":\"Integer\",\"DefaultValue\":3},"
                    + "{\"Name\":\"F\",\"Type\":\"Float\",\"DefaultValue\":0.5},"
                    + "{\"Name\":\"B\",\"Type\":\"Boolean\",\"DefaultValue\":true}],");
        }

        @Test
        void aReferencedParameterMustBeDeclared() {
            assertThatThrownBy(() -> new PipelineDefinition(List.of(), fail("Stop", concat("x", TYPE.ref()))))
                    .hasMessageContaining("uses parameter InstanceType, which the pipeline does not declare");
        }

        @Test
        void aParameterIsUsedAsItsType() {
            IntegerParameter count = new IntegerParameter("Count", 1);
            assertThatThrownBy(() -> new ComputeResources(count.ref(), 1, 30, Optional.empty()))
                    .hasMessageContaining("InstanceType must be a string value, not integer");
            Get wrong = new Get("Parameters.InstanceType", Expr.ValueType.INTEGER);
            assertThatThrownBy(() -> new PipelineDefinition(List.of(TYPE), fail("Stop", concat("x", wrong))))
                    .hasMessageContaining("uses parameter InstanceType as INTEGER, but it is declared String");
        }
    }

    @Nested
    class Expressions {

        @Test
        void getJoinAndExecutionVariablesAreWrittenAsTheSdkWritesThem() {
            PipelineDefinition definition = new PipelineDefinition(List.of(TYPE),
                    fail("Stop", concat("s3://b/", Get.execution(ExecutionVariable.PipelineExecutionId), "/", TYPE.ref())));
            assertThat(definition.toJson()).endsWith("\"Steps\":[{\"Name\":\"Stop\",\"Type\":\"Fail\",\"Arguments\":{\"ErrorMessage\":"
                    + "{\"Std:Join\":{\"On\":\"\",\"Values\":[\"s3://b/\",{\"Get\":\"Execution.PipelineExecutionId\"},\"/\","
                    + "{\"Get\":\"Parameters.InstanceType\"}]}}}}]}");
        }

        @Test
        void adjacentLiteralsOfAJoinAreMerged() {
            assertThat(concat("a", "b", TYPE.ref(), "c", text("d")).values())
                    .containsExactly(text("ab"), TYPE.ref(), text("cd"));
        }

        @Test
        void getPathsAreCheckedWhenBuilt() {
            assertThatThrownBy(() -> new Get("Pipeline.Name", Expr.ValueType.ANY)).hasMessageContaining("must start with");
            assertThatThrownBy(() -> Get.step("Train", "ModelArtifacts..S3ModelArtifacts")).hasMessageContaining("property path");
            assertThat(Get.processingOutputUri("Evaluate", "evaluation").path())
                    .isEqualTo("Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri");
        }

        @Test
        void jsonGetAndPropertyFilesAreWrittenAsTheSdkWritesThem() {
            Step.ProcessingStep evaluate = processing("Evaluate", List.of(), List.of(new PropertyFile("Report", "report", "report.json")));
            Step check = new Step.ConditionStep("Check", Optional.empty(), List.of(),
                    List.of(Condition.atMost(new Expr.JsonGet("Evaluate", "Report", "metrics.rmse.value"), new Expr.Num(2.5))),
                    List.of(), List.of(fail("Stop", text("too high"))));
            String json = new PipelineDefinition(List.of(TYPE), evaluate, check).toJson();
            assertThat(json).contains("\"PropertyFiles\":[{\"PropertyFileName\":\"Report\",\"OutputName\":\"report\",\"FilePath\":\"report.json\"}]");
            assertThat(json).contains("{\"Type\":\"LessThanOrEqualTo\",\"LeftValue\":{\"Std:JsonGet\":{\"PropertyFile\":"
                    + "{\"Get\":\"Steps.Evaluate.PropertyFiles.Report\"},\"Path\":\"metrics.rmse.value\"}},\"RightValue\":2.5}");
            assertThat(json).contains("\"IfSteps\":[],\"ElseSteps\":[{\"Name\":\"Stop\",\"Type\":\"Fail\"");
        }

        @Test
        void booleansAreComparedWithEqualsOnly() {
            assertThatThrownBy(() -> Condition.atLeast(new Expr.Bool(true), new Expr.Bool(false)))
                    .hasMessageContaining("booleans can only be compared with Equals");
            assertThatThrownBy(() -> Condition.equalTo(text("a"), new Expr.Int(1))).hasMessageContaining("compares a STRING value with a INTEGER");
            assertThat(Condition.atMost(new Expr.Int(1), new Expr.Num(2.0)).type()).isEqualTo(Condition.Type.LessThanOrEqualTo);
        }
    }

    @Nested
    class References {

        @Test
        void aStepReferenceMustNameAStep() {
            assertThatThrownBy(() -> new PipelineDefinition(List.of(), fail("Stop", concat(Get.step("Train", "ModelArtifacts.S3ModelArtifacts")))))
                    .hasMessageContaining("refers to step Train, which the pipeline does not have");
        }

        @Test
        void aJsonGetMustNameADeclaredPropertyFileOfAProcessingStep() {
            Step.ProcessingStep evaluate = processing("Evaluate", List.of(), List.of(new PropertyFile("Report", "report", "report.json")));
            Step check = new Step.ConditionStep("Check", Optional.empty(), List.of(),
                    List.of(Condition.equalTo(new Expr.JsonGet("Evaluate", "Other", "passed"), new Expr.Bool(true))),
                    List.of(fail("Stop", text("x"))), List.of());
            assertThatThrownBy(() -> new PipelineDefinition(List.of(TYPE), evaluate, check))
                    .hasMessageContaining("reads property file Other, which step Evaluate does not declare");
            Step readsFail = new Step.ConditionStep("Check", Optional.empty(), List.of(),
                    List.of(Condition.equalTo(new Expr.JsonGet("Done", "Report", "passed"), new Expr.Bool(true))),
                    List.of(fail("Stop", text("x"))), List.of());
            assertThatThrownBy(() -> new PipelineDefinition(List.of(), fail("Done", text("x")), readsFail))
                    .hasMessageContaining("which is not a processing step");
        }

        @Test
        void aPropertyFileMustLiveInAnOutputOfItsStep() {
            assertThatThrownBy(() -> processing("Evaluate", List.of(), List.of(new PropertyFile("Report", "evaluation", "r.json"))))
                    .hasMessageContaining("names output \"evaluation\", which the step does not have");
        }

        @Test
        void aTopLevelStepCannotUseAStepThatOnlyRunsInABranch() {
            Step.ProcessingStep inBranch = processing("Publish", List.of(), List.of());
            Step check = new Step.ConditionStep("Check", Optional.empty(), List.of(), List.of(Condition.equalTo(text("a"), text("a"))),
                    List.of(inBranch), List.of());
            Step after = fail("After", concat(Get.processingOutputUri("Publish", "report")));
            assertThatThrownBy(() -> new PipelineDefinition(List.of(TYPE), check, after))
                    .hasMessageContaining("refers to step Publish, which is not a top-level step or a step of the same branch");
        }

        @Test
        void aBranchStepMayUseTopLevelStepsAndItsSiblings() {
            Step.ProcessingStep first = processing("Quarantine", List.of(), List.of());
            Step then = new Step.FailStep("Rejected", Optional.empty(), List.of("Quarantine"),
                    concat("see ", Get.processingOutputUri("Quarantine", "report")));
            Step check = new Step.ConditionStep("Check", Optional.empty(), List.of(), List.of(Condition.equalTo(text("a"), text("b"))),
                    List.of(), List.of(first, then));
            assertThat(new PipelineDefinition(List.of(TYPE), check).allSteps()).extracting(Step::name)
                    .containsExactly("Check", "Quarantine", "Rejected");
        }

        @Test
        void stepsMayNotFormACycle() {
            Step a = new Step.FailStep("A", Optional.empty(), List.of("B"), text("x"));
            Step b = new Step.FailStep("B", Optional.empty(), List.of("A"), text("x"));
            assertThatThrownBy(() -> new PipelineDefinition(List.of(), a, b)).hasMessageContaining("cycle: A -> B -> A");
            assertThatThrownBy(() -> new Step.FailStep("A", Optional.empty(), List.of("A"), text("x")))
                    .hasMessageContaining("cannot depend on itself");
        }

        @Test
        void aConditionBranchHoldsNoCondition() {
            Step inner = new Step.ConditionStep("Inner", Optional.empty(), List.of(), List.of(Condition.equalTo(text("a"), text("a"))),
                    List.of(fail("X", text("x"))), List.of());
            assertThatThrownBy(() -> new Step.ConditionStep("Outer", Optional.empty(), List.of(),
                    List.of(Condition.equalTo(text("a"), text("a"))), List.of(inner), List.of()))
                    .hasMessageContaining("allows only Processing, Training, RegisterModel and Fail steps in a branch");
        }
    }

    @Nested
    class ProcessingArguments {

        @Test
        void localPathsAreUnderOptMlProcessing() {
            assertThatThrownBy(() -> new ProcessingJob.Input("data", text("s3://bucket/k"), "/tmp/data"))
                    .hasMessageContaining("must be under /opt/ml/processing/");
            assertThatThrownBy(() -> new ProcessingJob.Output("out", text("s3://bucket/k"), "/opt/ml/processing/../etc"))
                    .hasMessageContaining("must be under /opt/ml/processing/");
        }

        @Test
        void anOutputUriHasNoTrailingSlashBecauseReferencesAppendOne() {
            assertThatThrownBy(() -> new ProcessingJob.Output("out", text("s3://bucket/prefix/"), "/opt/ml/processing/output/out"))
                    .hasMessageContaining("must not end with '/'");
            assertThatThrownBy(() -> new ProcessingJob.Output("out", concat("s3://bucket/", TYPE.ref(), "/"), "/opt/ml/processing/output/out"))
                    .hasMessageContaining("must not end with '/'");
        }

        @Test
        void uriLiteralsAreS3Uris() {
            assertThatThrownBy(() -> new ProcessingJob.Input("data", text("https://example.com/x"), "/opt/ml/processing/input/x"))
                    .hasMessageContaining("is not an s3:// URI");
            assertThatThrownBy(() -> new ProcessingJob.Input("data", concat("bucket/", TYPE.ref()), "/opt/ml/processing/input/x"))
                    .hasMessageContaining("must start with s3://");
        }

        @Test
        void inputAndOutputNamesAreUniqueAndAtMostTenEach() {
            ProcessingJob.Input a = new ProcessingJob.Input("a", text("s3://bucket/a"), "/opt/ml/processing/input/a");
            ProcessingJob.Input a2 = new ProcessingJob.Input("a", text("s3://bucket/b"), "/opt/ml/processing/input/b");
            assertThatThrownBy(() -> job(List.of(a, a2), List.of())).hasMessageContaining("ProcessingInput name \"a\" is used more than once");
            List<ProcessingJob.Output> eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> out("o" + i)).toList();
            assertThatThrownBy(() -> job(List.of(), eleven)).hasMessageContaining("has 11 items; 0 to 10 are allowed");
        }

        @Test
        void containerArgumentsAndEnvironmentKeepToTheApiLimits() {
            Expr longArgument = text("x".repeat(257));
            assertThatThrownBy(() -> new ProcessingJob(new ComputeResources(TYPE.ref(), 1, 30, Optional.empty()), text("img"),
                    List.of("python3"), List.of(longArgument), List.of(), List.of(), Optional.empty(), Map.of(),
                    new NetworkConfig(true, true, VPC), 60, ROLE)).hasMessageContaining("at most 256");
            assertThatThrownBy(() -> new ProcessingJob(new ComputeResources(TYPE.ref(), 1, 30, Optional.empty()), text("img"),
                    List.of("python3"), List.of(), List.of(), List.of(), Optional.empty(), Map.of("1BAD", text("x")),
                    new NetworkConfig(true, true, VPC), 60, ROLE)).hasMessageContaining("Environment key");
        }

        @Test
        void runtimeVolumeAndInstanceCountKeepToTheApiRanges() {
            assertThatThrownBy(() -> new ProcessingJob(new ComputeResources(TYPE.ref(), 1, 30, Optional.empty()), text("img"),
                    List.of("python3"), List.of(), List.of(), List.of(), Optional.empty(), Map.of(),
                    new NetworkConfig(true, true, VPC), 777_601, ROLE)).hasMessageContaining("out of range 1..777600");
            assertThatThrownBy(() -> new ProcessingJob(new ComputeResources(TYPE.ref(), 101, 30, Optional.empty()), text("img"),
                    List.of("python3"), List.of(), List.of(), List.of(), Optional.empty(), Map.of(),
                    new NetworkConfig(true, true, VPC), 60, ROLE)).hasMessageContaining("out of range 1..100");
        }

        @Test
        void keysAndRolesAreArns() {
            assertThatThrownBy(() -> new ComputeResources(TYPE.ref(), 1, 30, Optional.of("alias/raw")))
                    .hasMessageContaining("VolumeKmsKeyId").hasMessageContaining("is not a KMS key ARN");
            assertThatThrownBy(() -> new ProcessingJob(new ComputeResources(TYPE.ref(), 1, 30, Optional.empty()), text("img"),
                    List.of("python3"), List.of(), List.of(), List.of(), Optional.empty(), Map.of(),
                    new NetworkConfig(true, true, VPC), 60, "sagemaker-role")).hasMessageContaining("RoleArn");
        }

        @Test
        void aVpcHasOneToFiveSecurityGroupsAndOneToSixteenSubnets() {
            assertThatThrownBy(() -> new VpcConfig(List.of(), List.of("subnet-1"))).hasMessageContaining("SecurityGroupIds has 0 items");
            List<String> seventeen = java.util.stream.IntStream.range(0, 17).mapToObj(i -> "subnet-" + i).toList();
            assertThatThrownBy(() -> new VpcConfig(List.of("sg-1"), seventeen)).hasMessageContaining("Subnets has 17 items; 1 to 16");
            assertThatThrownBy(() -> new NetworkConfig(true, true, null)).hasMessageContaining("VpcConfig is required");
        }
    }

    @Nested
    class RegistryArguments {

        static ModelPackage modelPackage(Expr approval, Map<String, Expr> metadata) {
            return new ModelPackage("house-prices", Optional.empty(),
                    List.of(new ModelPackage.Container(text("img:1"), text("s3://bucket/model.tar.gz"))), List.of("text/csv"),
                    List.of("text/csv"), approval, Optional.empty(), metadata, Optional.empty(), Optional.empty());
        }

        @Test
        void aLiteralApprovalStatusIsOneTheApiKnows() {
            assertThatThrownBy(() -> modelPackage(text("Pending"), Map.of())).hasMessageContaining("is not one of");
            assertThat(modelPackage(text("PendingManualApproval"), Map.of()).approvalStatus()).isEqualTo(text("PendingManualApproval"));
        }

        @Test
        void customerMetadataKeepsToTheApiCharactersAndLengths() {
            assertThatThrownBy(() -> modelPackage(text("Approved"), Map.of("Git Commit!", text("abc"))))
                    .hasMessageContaining("CustomerMetadataProperties key");
            assertThatThrownBy(() -> modelPackage(text("Approved"), Map.of("GitCommit", text(""))))
                    .hasMessageContaining("1 to 256");
            assertThatThrownBy(() -> modelPackage(text("Approved"), Map.of("GitCommit", text("a".repeat(257)))))
                    .hasMessageContaining("1 to 256");
        }

        @Test
        void aGroupNameIsAModelPackageGroupName() {
            assertThatThrownBy(() -> new ModelPackage("house_prices", Optional.empty(),
                    List.of(new ModelPackage.Container(text("img:1"), text("s3://bucket/m"))), List.of("text/csv"), List.of("text/csv"),
                    text("Approved"), Optional.empty(), Map.of(), Optional.empty(), Optional.empty()))
                    .hasMessageContaining("ModelPackageGroupName");
        }
    }

    @Test
    void mapsAreWrittenSortedWhateverTheirInsertionOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("z", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("z", "2");
        backward.put("a", "1");
        assertThat(trainingJson(forward)).isEqualTo(trainingJson(backward)).contains("\"HyperParameters\":{\"a\":\"1\",\"z\":\"2\"}");
    }

    private static String trainingJson(Map<String, String> hyperparameters) {
        TrainingJob job = new TrainingJob(text("img:1"), hyperparameters,
                List.of(new TrainingJob.Channel("train", text("s3://bucket/train"), "text/csv")), text("s3://bucket/model"),
                Optional.of(KEY), new ComputeResources(TYPE.ref(), 1, 30, Optional.of(KEY)), 3600,
                new NetworkConfig(true, true, VPC), ROLE);
        return new PipelineDefinition(List.of(TYPE), new Step.TrainingStep("Train", Optional.empty(), List.of(), job)).toJson();
    }
}
