package dev.mlops.delivery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scripts a generated definition runs are this repository's files, uploaded under their digests, and none is left over. */
class PipelineScriptsTest {

    static List<GeneratedPipeline> pipelines = new ArrayList<>();

    @BeforeAll
    static void generate() {
        pipelines.add(TrainingPipeline.generate(PipelineFixtures.housePrices(), PipelineFixtures.trainingInputs()));
        pipelines.add(TrainingPipeline.generate(PipelineFixtures.ownContainerModel(),
                PipelineFixtures.trainingInputs(Optional.of(PipelineFixtures.OWN_REPOSITORY))));
        pipelines.add(DataPipeline.generate(PipelineFixtures.houseSales(), PipelineFixtures.dataInputs()));
    }

    static List<Step.ProcessingStep> processingSteps(GeneratedPipeline pipeline) {
        return pipeline.definition().allSteps().stream().filter(s -> s instanceof Step.ProcessingStep)
                .map(s -> (Step.ProcessingStep) s).toList();
    }

    static S3Upload uploadFor(GeneratedPipeline pipeline, Expr uri) {
        assertThat(uri).isInstanceOf(Expr.Text.class);
        String text = ((Expr.Text) uri).value();
        return pipeline.uploads().stream().filter(u -> u.uri().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError(pipeline.pipelineName() + " reads " + text + ", which it does not upload"));
    }

    @Test
    void everyScriptADefinitionRunsExistsInTheRepositoryAndIsUploadedUnderItsDigest() throws IOException {
        for (GeneratedPipeline pipeline : pipelines) {
            for (Step.ProcessingStep step : processingSteps(pipeline)) {
                S3Upload upload = uploadFor(pipeline, step.job().input("code").s3Uri());
                Path file = PipelineFixtures.REPOSITORY.resolve(PipelineCode.SOURCE_DIRECTORY).resolve(upload.repositoryPath().orElseThrow());
                assertThat(file).as("%s %s", pipeline.pipelineName(), step.name()).isRegularFile();
                String digest = PipelineCode.sha256(Files.readString(file, StandardCharsets.UTF_8));
                assertThat(upload.key()).isEqualTo("pipeline-code/" + digest.substring(0, 16) + "/" + file.getFileName());
                assertThat(step.job().entrypoint()).containsExactly("python3", "/opt/ml/processing/input/code/" + file.getFileName());
            }
        }
    }

    @Test
    void everyUploadIsReadByItsDefinition() {
        for (GeneratedPipeline pipeline : pipelines) {
            Set<String> read = new TreeSet<>();
            for (Step.ProcessingStep step : processingSteps(pipeline)) {
                step.job().inputs().stream().map(ProcessingJob.Input::s3Uri).filter(u -> u instanceof Expr.Text)
                        .forEach(u -> read.add(((Expr.Text) u).value()));
            }
            assertThat(pipeline.uploads()).extracting(S3Upload::uri).allSatisfy(uri -> assertThat(read).contains(uri));
        }
    }

    @Test
    void everyScriptInTheRepositoryIsRunBySomePipeline() throws IOException {
        Set<String> inRepository;
        Path sources = PipelineFixtures.REPOSITORY.resolve(PipelineCode.SOURCE_DIRECTORY);
        try (Stream<Path> files = Stream.concat(Files.list(sources.resolve("pipelines/data")),
                Files.list(sources.resolve("pipelines/training")))) {
            inRepository = files.filter(p -> p.toString().endsWith(".py"))
                    .map(p -> sources.relativize(p).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> run = new TreeSet<>();
        pipelines.forEach(p -> p.uploads().forEach(u -> u.repositoryPath().ifPresent(run::add)));
        assertThat(run).isEqualTo(inRepository).isEqualTo(new TreeSet<>(PipelineCode.SCRIPTS));
    }
}
