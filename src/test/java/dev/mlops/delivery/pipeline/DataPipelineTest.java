package dev.mlops.delivery.pipeline;

import static dev.mlops.delivery.pipeline.PipelineFixtures.parameter;
import static dev.mlops.delivery.pipeline.PipelineFixtures.step;
import static dev.mlops.delivery.pipeline.PipelineFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.config.DataSourceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The staging house-sales data source's validation and preparation pipeline, step by step. */
class DataPipelineTest {

    static final String SKLEARN = "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";
    static final String RAW = "s3://mlops-staging-raw-9a8b7c6";
    static final String EXECUTION = "{\"Get\":\"Execution.PipelineExecutionId\"}";
    static final String INGEST_RECORD = "{\"Get\":\"Steps.Ingest.ProcessingOutputConfig.Outputs['ingest'].S3Output.S3Uri\"}";
    static final String MANIFEST = "{\"Std:Join\":{\"On\":\"\",\"Values\":[" + INGEST_RECORD + ",\"/batch.manifest\"]}}";
    static final String REPORT = "{\"Get\":\"Steps.Validate.ProcessingOutputConfig.Outputs['report'].S3Output.S3Uri\"}";
    static GeneratedPipeline pipeline;
    static JsonNode definition;

    @BeforeAll
    static void generate() {
        pipeline = DataPipeline.generate(PipelineFixtures.houseSales(), PipelineFixtures.dataInputs());
        definition = tree(pipeline);
    }

    static JsonNode arguments(String stepName) {
        return step(definition, stepName).get("Arguments");
    }

    /** "name S3DataType S3Uri LocalPath" of each processing input. */
    static List<String> inputs(String stepName) {
        List<String> all = new ArrayList<>();
        arguments(stepName).get("ProcessingInputs").forEach(i -> all.add(i.get("InputName").asText() + " "
                + i.get("S3Input").get("S3DataType").asText() + " " + i.get("S3Input").get("S3Uri") + " " + i.get("S3Input").get("LocalPath").asText()));
        return all;
    }

    /** "name S3Uri LocalPath" of each processing output, then the output key. */
    static List<String> outputs(String stepName) {
        List<String> all = new ArrayList<>();
        JsonNode config = arguments(stepName).get("ProcessingOutputConfig");
        config.get("Outputs").forEach(o -> all.add(o.get("OutputName").asText() + " " + o.get("S3Output").get("S3Uri") + " "
                + o.get("S3Output").get("LocalPath").asText()));
        all.add("key " + config.get("KmsKeyId").asText());
        return all;
    }

    static String code(String script) {
        String uri = pipeline.uploads().stream().filter(u -> u.repositoryPath().equals(Optional.of(script))).findFirst().orElseThrow().uri();
        return "code S3Prefix \"" + uri + "\" /opt/ml/processing/input/code";
    }

    static String expectations() {
        return "expectations S3Prefix \"" + pipeline.uploads().get(4).uri() + "\" /opt/ml/processing/input/expectations";
    }

    @Test
    void ingestValidateThenPublishOrQuarantineAndFail() {
        List<String> steps = new ArrayList<>();
        definition.get("Steps").forEach(s -> steps.add(s.get("Name").asText() + ":" + s.get("Type").asText()));
        assertThat(steps).containsExactly("Ingest:Processing", "Validate:Processing", "CheckBatch:Condition");
        assertThat(arguments("CheckBatch").get("IfSteps").findValuesAsText("Name")).containsExactly("Publish");
        List<String> otherwise = new ArrayList<>();
        arguments("CheckBatch").get("ElseSteps").forEach(s -> otherwise.add(s.get("Name").asText() + ":" + s.get("Type").asText()));
        assertThat(otherwise).containsExactly("Quarantine:Processing", "BatchRejected:Fail");
        assertThat(pipeline.pipelineName()).isEqualTo("mlops-staging-house-sales-data");
    }

    @Test
    void parametersAreTheBatchIdTheSourceAndTheInstanceType() {
        List<String> all = new ArrayList<>();
        definition.get("Parameters").forEach(p -> all.add(p.get("Name").asText() + ":" + p.get("Type").asText() + "=" + p.get("DefaultValue")));
        assertThat(all).containsExactly("BatchId:String=\"auto\"", "SourceUri:String=\"s3://acme-partner-landing/house-sales/\"",
                "ProcessingInstanceType:String=\"ml.m5.large\"");
    }

    @Test
    void everyStepRunsItsScriptOnTheScikitLearnImageIsolatedInTheVpcAsTheDataPipelineRole() {
        for (String name : List.of("Ingest", "Validate", "Publish", "Quarantine")) {
            JsonNode args = arguments(name);
            assertThat(args.get("AppSpecification").get("ImageUri").asText()).as(name).isEqualTo(SKLEARN);
            assertThat(args.get("AppSpecification").get("ContainerEntrypoint").toString()).as(name)
                    .isEqualTo("[\"python3\",\"/opt/ml/processing/input/code/" + name.toLowerCase(java.util.Locale.ROOT) + ".py\"]");
            assertThat(args.get("RoleArn").asText()).isEqualTo(PipelineFixtures.DATA_ROLE);
            assertThat(args.get("NetworkConfig").get("EnableNetworkIsolation").asBoolean()).isTrue();
            assertThat(args.get("NetworkConfig").get("VpcConfig").get("Subnets")).hasSize(2);
            assertThat(args.get("ProcessingResources").get("ClusterConfig").toString()).isEqualTo("{\"InstanceCount\":1,\"InstanceType\":"
                    + "{\"Get\":\"Parameters.ProcessingInstanceType\"},\"VolumeSizeInGB\":30,\"VolumeKmsKeyId\":\"" + PipelineFixtures.RAW_KEY + "\"}");
        }
    }

    @Nested
    class Ingest {

        @Test
        void copiesTheSourceUriIntoTheRawLayoutAndRecordsTheBatchPerExecution() {
            assertThat(inputs("Ingest")).containsExactly(code("pipelines/data/ingest.py"),
                    "source S3Prefix {\"Get\":\"Parameters.SourceUri\"} /opt/ml/processing/input/source");
            assertThat(outputs("Ingest")).containsExactly(
                    "raw \"" + RAW + "/house-sales\" /opt/ml/processing/output/raw",
                    "ingest {\"Std:Join\":{\"On\":\"\",\"Values\":[\"" + RAW + "/_pipeline/house-sales/\"," + EXECUTION + ",\"/ingest\"]}}"
                            + " /opt/ml/processing/output/ingest",
                    "key " + PipelineFixtures.RAW_KEY);
        }

        @Test
        void passesTheBatchIdAndTheExecutionIdSoTheScriptCanResolveAuto() {
            assertThat(arguments("Ingest").get("AppSpecification").get("ContainerArguments").toString()).isEqualTo("["
                    + "\"--source-dir\",\"/opt/ml/processing/input/source\",\"--source-uri\",{\"Get\":\"Parameters.SourceUri\"},"
                    + "\"--batch-id\",{\"Get\":\"Parameters.BatchId\"},\"--execution-id\"," + EXECUTION + ","
                    + "\"--raw-uri\",\"" + RAW + "/house-sales\",\"--raw-dir\",\"/opt/ml/processing/output/raw\","
                    + "\"--ingest-dir\",\"/opt/ml/processing/output/ingest\"]");
        }
    }

    @Nested
    class Validate {

        @Test
        void readsExactlyTheIngestedFilesThroughTheManifestAndTheExpectationsDocument() {
            assertThat(inputs("Validate")).containsExactly(code("pipelines/data/validate.py"),
                    "batch ManifestFile " + MANIFEST + " /opt/ml/processing/input/batch",
                    "ingest S3Prefix " + INGEST_RECORD + " /opt/ml/processing/input/ingest",
                    expectations());
        }

        @Test
        void writesTheReportAsThePassedPropertyFileToTheRawBucket() {
            assertThat(outputs("Validate")).containsExactly("report {\"Std:Join\":{\"On\":\"\",\"Values\":[\"" + RAW
                    + "/_pipeline/house-sales/\"," + EXECUTION + ",\"/validation\"]}} /opt/ml/processing/output/report", "key " + PipelineFixtures.RAW_KEY);
            assertThat(step(definition, "Validate").get("PropertyFiles").toString())
                    .isEqualTo("[{\"PropertyFileName\":\"ValidationReport\",\"OutputName\":\"report\",\"FilePath\":\"report.json\"}]");
            assertThat(arguments("Validate").get("AppSpecification").get("ContainerArguments").toString()).isEqualTo("["
                    + "\"--data-dir\",\"/opt/ml/processing/input/batch\",\"--ingest\",\"/opt/ml/processing/input/ingest/batch.json\","
                    + "\"--expectations\",\"/opt/ml/processing/input/expectations/expectations.json\","
                    + "\"--output-dir\",\"/opt/ml/processing/output/report\"]");
        }
    }

    @Nested
    class CheckBatch {

        @Test
        void publishesOnlyWhenTheReportSaysPassed() {
            assertThat(arguments("CheckBatch").get("Conditions").toString()).isEqualTo("[{\"Type\":\"Equals\",\"LeftValue\":"
                    + "{\"Std:JsonGet\":{\"PropertyFile\":{\"Get\":\"Steps.Validate.PropertyFiles.ValidationReport\"},\"Path\":\"passed\"}},"
                    + "\"RightValue\":true}]");
        }

        @Test
        void publishWritesTheCuratedBatchWithThePlatformKey() {
            assertThat(inputs("Publish")).containsExactly(code("pipelines/data/publish.py"),
                    "batch ManifestFile " + MANIFEST + " /opt/ml/processing/input/batch",
                    "ingest S3Prefix " + INGEST_RECORD + " /opt/ml/processing/input/ingest",
                    "report S3Prefix " + REPORT + " /opt/ml/processing/input/report",
                    expectations());
            assertThat(outputs("Publish")).containsExactly(
                    "curated \"s3://mlops-staging-curated-1a2b3c4/house-sales\" /opt/ml/processing/output/curated",
                    "key " + PipelineFixtures.PLATFORM_KEY);
        }

        @Test
        void quarantineKeepsTheBatchAndReportInTheRawBucket() {
            assertThat(inputs("Quarantine")).containsExactly(code("pipelines/data/quarantine.py"),
                    "batch ManifestFile " + MANIFEST + " /opt/ml/processing/input/batch",
                    "ingest S3Prefix " + INGEST_RECORD + " /opt/ml/processing/input/ingest",
                    "report S3Prefix " + REPORT + " /opt/ml/processing/input/report");
            assertThat(outputs("Quarantine")).containsExactly(
                    "quarantine \"" + RAW + "/quarantine/house-sales\" /opt/ml/processing/output/quarantine", "key " + PipelineFixtures.RAW_KEY);
        }

        @Test
        void theFailureComesAfterTheQuarantineAndSaysWhereTheBatchIs() {
            JsonNode rejected = step(definition, "BatchRejected");
            assertThat(rejected.get("DependsOn").toString()).isEqualTo("[\"Quarantine\"]");
            String message = rejected.get("Arguments").get("ErrorMessage").toString();
            assertThat(message).contains("A batch of data source house-sales (BatchId ", "{\"Get\":\"Parameters.BatchId\"}", EXECUTION,
                    "{\"Get\":\"Steps.Quarantine.ProcessingOutputConfig.Outputs['quarantine'].S3Output.S3Uri\"}", "/batch=<id>/", REPORT);
        }
    }

    @Nested
    class Expectations {

        @Test
        void theExpectationsOfTheSettingsAreUploadedAsOneJsonDocument() {
            S3Upload upload = pipeline.uploads().get(4);
            assertThat(upload.key()).matches("pipeline-config/house-sales/[0-9a-f]{16}/expectations.json");
            assertThat(upload.contentType()).isEqualTo("application/json");
            assertThat(upload.content().orElseThrow()).isEqualTo("{\"version\":1,\"source\":\"house-sales\",\"minRows\":500,\"columns\":["
                    + "{\"name\":\"price\",\"type\":\"number\",\"required\":true,\"min\":1000.0,\"max\":2.0E7},"
                    + "{\"name\":\"living_area_sqm\",\"type\":\"number\",\"required\":true,\"min\":10.0,\"max\":2000.0},"
                    + "{\"name\":\"bedrooms\",\"type\":\"integer\",\"required\":true,\"min\":0.0,\"max\":20.0},"
                    + "{\"name\":\"year_built\",\"type\":\"integer\",\"required\":true,\"min\":1800.0,\"max\":2030.0},"
                    + "{\"name\":\"postcode\",\"type\":\"string\",\"required\":true},"
                    + "{\"name\":\"has_garden\",\"type\":\"boolean\",\"required\":false}]}\n");
        }

        @Test
        void changedExpectationsGiveANewKeySoRunningExecutionsKeepTheirs() {
            DataSourceSettings source = PipelineFixtures.houseSales();
            DataSourceSettings stricter = new DataSourceSettings(source.name(), source.sourceUri(), source.schedule(),
                    new DataSourceSettings.Expectations(1000, source.expectations().columns()));
            String before = DataPipeline.generate(source, PipelineFixtures.dataInputs()).uploads().get(4).key();
            String after = DataPipeline.generate(stricter, PipelineFixtures.dataInputs()).uploads().get(4).key();
            assertThat(after).isNotEqualTo(before);
        }
    }

    @Test
    void uploadsAreTheFourScriptsAndTheExpectations() {
        assertThat(pipeline.uploads()).extracting(u -> u.repositoryPath().orElse("<document>")).containsExactly(
                "pipelines/data/ingest.py", "pipelines/data/validate.py", "pipelines/data/publish.py", "pipelines/data/quarantine.py", "<document>");
    }

    @Test
    void quarantineIsNotASourceName() {
        DataSourceSettings source = PipelineFixtures.houseSales();
        DataSourceSettings named = new DataSourceSettings("quarantine", source.sourceUri(), source.schedule(), source.expectations());
        assertThatThrownBy(() -> DataPipeline.generate(named, PipelineFixtures.dataInputs()))
                .hasMessageContaining("data source name \"quarantine\" is reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyDataSourceOfTheRealStacksGenerates(String stack) {
        for (DataSourceSettings source : PipelineFixtures.stack(stack).dataSources()) {
            assertThat(parameter(tree(DataPipeline.generate(source, PipelineFixtures.dataInputs())), "SourceUri").get("DefaultValue").asText())
                    .isEqualTo(source.sourceUri());
        }
    }

    @Test
    void theSameSettingsGiveTheSameBytes() {
        assertThat(DataPipeline.generate(PipelineFixtures.houseSales(), PipelineFixtures.dataInputs()).definitionJson())
                .isEqualTo(pipeline.definitionJson());
    }

    @Test
    void theDefinitionMatchesItsGoldenFile() {
        GeneratedPipeline fixed = DataPipeline.generate(PipelineFixtures.houseSales(), PipelineFixtures.dataInputs(PipelineFixtures.fixedCode()));
        PipelineFixtures.assertGolden("data-house-sales.json", PipelineFixtures.pretty(fixed));
    }
}
