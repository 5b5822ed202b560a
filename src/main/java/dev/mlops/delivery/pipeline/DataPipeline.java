package dev.mlops.delivery.pipeline;

import static dev.mlops.delivery.pipeline.Expr.concat;
import static dev.mlops.delivery.pipeline.Expr.text;

import dev.mlops.config.DataSourceSettings;
import dev.mlops.delivery.pipeline.Expr.ExecutionVariable;
import dev.mlops.delivery.pipeline.Expr.Get;
import dev.mlops.delivery.pipeline.Parameter.StringParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validation and preparation pipeline of one data source: every batch is checked against the source's
 * expectations and published to the curated bucket only if it passes; a batch that fails is quarantined with
 * its report and the execution fails. All steps are processing jobs on the scikit-learn image running this
 * repository's scripts as the data-pipeline role, network-isolated, in the VPC.
 * <pre>
 * Ingest ──► Validate ──► CheckBatch ─ passed ─► Publish        curated/&lt;source&gt;/batch=&lt;id&gt;/
 *                                      └ failed ─► Quarantine ──► BatchRejected (Fail)
 *                                                  raw/quarantine/&lt;source&gt;/batch=&lt;id&gt;/
 * </pre>
 * <b>Batch id.</b> A parameter's default is a literal and the definition language has no "if empty, use"
 * function, so {@code BatchId} defaults to {@value #AUTO_BATCH_ID}, which {@code ingest.py} replaces with the
 * execution id. Because the id is only known once Ingest runs, Ingest writes the batch under the source's
 * prefix itself ({@code raw/<source>/batch=<id>/}) and records the batch's files in an S3 manifest
 * ({@code batch.manifest}, the ManifestFile format of ProcessingS3Input) at a per-execution location; the later
 * steps read exactly those files through it, and Publish and Quarantine write under {@code batch=<id>/} the same
 * way. A batch id given twice replaces that batch's curated data ({@code data.csv} and {@code _manifest.json}).
 *
 * <p>Raw bucket layout: {@code <source>/batch=<id>/} (the batch as received), {@code _pipeline/<source>/<execution>/}
 * (manifest and validation report of each execution), {@code quarantine/<source>/batch=<id>/}.
 */
public final class DataPipeline {

    public static final String BATCH_ID = "BatchId";
    public static final String SOURCE_URI = "SourceUri";
    public static final String PROCESSING_INSTANCE_TYPE = "ProcessingInstanceType";
    public static final String AUTO_BATCH_ID = "auto";
    public static final String DEFAULT_PROCESSING_INSTANCE_TYPE = "ml.m5.large";

    public static final String INGEST = "Ingest";
    public static final String VALIDATE = "Validate";
    public static final String CHECK_BATCH = "CheckBatch";
    public static final String PUBLISH = "Publish";
    public static final String QUARANTINE = "Quarantine";
    public static final String BATCH_REJECTED = "BatchRejected";

    public static final String VALIDATION_REPORT = "ValidationReport";
    public static final String REPORT_FILE = "report.json";
    public static final String MANIFEST_FILE = "batch.manifest";
    public static final String BATCH_FILE = "batch.json";
    public static final String EXPECTATIONS_FILE = "expectations.json";

    static final int VOLUME_GB = 30;
    static final int RUNTIME_SECONDS = 3600;
    private static final String IN = "/opt/ml/processing/input/";
    private static final String OUT = "/opt/ml/processing/output/";

    private DataPipeline() {
    }

    public static GeneratedPipeline generate(DataSourceSettings source, DataPipelineInputs in) {
        if (source.name().equals("quarantine")) {
            throw new IllegalArgumentException("data source name \"quarantine\" is reserved: quarantined batches of every source"
                    + " go to raw/quarantine/<source>/; choose another name");
        }
        StringParameter batchId = new StringParameter(BATCH_ID, AUTO_BATCH_ID);
        StringParameter sourceUri = new StringParameter(SOURCE_URI, source.sourceUri());
        StringParameter instanceType = new StringParameter(PROCESSING_INSTANCE_TYPE, DEFAULT_PROCESSING_INSTANCE_TYPE);
        Get executionId = Get.execution(ExecutionVariable.PipelineExecutionId);

        String rawBatches = "s3://" + in.rawBucket() + "/" + source.name();
        Expr bookkeeping = concat("s3://" + in.rawBucket() + "/_pipeline/" + source.name() + "/", executionId, "/ingest");
        Expr reportUri = concat("s3://" + in.rawBucket() + "/_pipeline/" + source.name() + "/", executionId, "/validation");
        String curatedBatches = "s3://" + in.curatedBucket() + "/" + source.name();
        String quarantined = "s3://" + in.rawBucket() + "/quarantine/" + source.name();

        S3Upload expectationsUpload = expectationsUpload(source, in.artifactsBucket());
        Jobs jobs = new Jobs(in, instanceType.ref());

        Get ingestOutput = Get.processingOutputUri(INGEST, "ingest");
        ProcessingJob.Input batch = new ProcessingJob.Input("batch", concat(ingestOutput, "/" + MANIFEST_FILE), IN + "batch",
                ProcessingJob.DataType.ManifestFile);
        ProcessingJob.Input ingestRecord = new ProcessingJob.Input("ingest", ingestOutput, IN + "ingest");
        ProcessingJob.Input expectationsInput = new ProcessingJob.Input("expectations", text(expectationsUpload.uri()), IN + "expectations");
        Get report = Get.processingOutputUri(VALIDATE, "report");
        ProcessingJob.Input reportInput = new ProcessingJob.Input("report", report, IN + "report");

        Step ingest = jobs.step(INGEST, "Copies the batch at SourceUri to " + rawBatches + "/batch=<id>/ and lists its files in a manifest",
                PipelineCode.INGEST,
                List.of(text("--source-dir"), text(IN + "source"), text("--source-uri"), sourceUri.ref(),
                        text("--batch-id"), batchId.ref(), text("--execution-id"), executionId,
                        text("--raw-uri"), text(rawBatches), text("--raw-dir"), text(OUT + "raw"),
                        text("--ingest-dir"), text(OUT + "ingest")),
                List.of(new ProcessingJob.Input("source", sourceUri.ref(), IN + "source")),
                List.of(new ProcessingJob.Output("raw", text(rawBatches), OUT + "raw"),
                        new ProcessingJob.Output("ingest", bookkeeping, OUT + "ingest")),
                in.rawKeyArn(), List.of());

        Step validate = jobs.step(VALIDATE, "Checks the batch against the expectations of " + source.name()
                        + " (columns, types, ranges, required values, at least " + source.expectations().minRows() + " rows)",
                PipelineCode.VALIDATE,
                TrainingPipeline.texts("--data-dir", IN + "batch", "--ingest", IN + "ingest/" + BATCH_FILE,
                        "--expectations", IN + "expectations/" + EXPECTATIONS_FILE, "--output-dir", OUT + "report"),
                List.of(batch, ingestRecord, expectationsInput),
                List.of(new ProcessingJob.Output("report", reportUri, OUT + "report")),
                in.rawKeyArn(), List.of(new PropertyFile(VALIDATION_REPORT, "report", REPORT_FILE)));

        Step publish = jobs.step(PUBLISH, "Publishes the validated batch to " + curatedBatches + "/batch=<id>/",
                PipelineCode.PUBLISH,
                TrainingPipeline.texts("--data-dir", IN + "batch", "--ingest", IN + "ingest/" + BATCH_FILE,
                        "--report", IN + "report/" + REPORT_FILE, "--expectations", IN + "expectations/" + EXPECTATIONS_FILE,
                        "--output-dir", OUT + "curated"),
                List.of(batch, ingestRecord, reportInput, expectationsInput),
                List.of(new ProcessingJob.Output("curated", text(curatedBatches), OUT + "curated")),
                in.platformKeyArn(), List.of());

        Step quarantine = jobs.step(QUARANTINE, "Moves the rejected batch and its report to " + quarantined + "/batch=<id>/",
                PipelineCode.QUARANTINE,
                TrainingPipeline.texts("--data-dir", IN + "batch", "--ingest", IN + "ingest/" + BATCH_FILE,
                        "--report", IN + "report/" + REPORT_FILE, "--output-dir", OUT + "quarantine"),
                List.of(batch, ingestRecord, reportInput),
                List.of(new ProcessingJob.Output("quarantine", text(quarantined), OUT + "quarantine")),
                in.rawKeyArn(), List.of());

        Step rejected = new Step.FailStep(BATCH_REJECTED, Optional.of("Fails the execution after the batch is quarantined"),
                List.of(QUARANTINE),
                concat("A batch of data source " + source.name() + " (BatchId ", batchId.ref(), ", execution ", executionId,
                        ") failed validation and was not published. It is quarantined with its report.json under ",
                        Get.processingOutputUri(QUARANTINE, "quarantine"), "/batch=<id>/ (id: the BatchId, or the execution id when"
                        + " BatchId is " + AUTO_BATCH_ID + "); the validation report is also at ", report, "/" + REPORT_FILE));

        Step check = new Step.ConditionStep(CHECK_BATCH, Optional.of("Publishes the batch only if it passed validation"), List.of(),
                List.of(Condition.equalTo(new Expr.JsonGet(VALIDATE, VALIDATION_REPORT, "passed"), new Expr.Bool(true))),
                List.of(publish), List.of(quarantine, rejected));

        PipelineDefinition definition = new PipelineDefinition(List.of(batchId, sourceUri, instanceType), ingest, validate, check);
        return new GeneratedPipeline(pipelineName(in.namePrefix(), source), definition, uploads(source, in.artifactsBucket(), in.code()));
    }

    /** The data pipeline's name: {@code <prefix>-<source>-data}. */
    public static String pipelineName(String prefix, DataSourceSettings source) {
        return prefix + "-" + source.name() + "-data";
    }

    /**
     * What the data source's pipeline reads and its component must upload first, in {@code artifactsBucket}: the
     * same list {@link #generate} returns, known before the pipeline's other inputs are.
     */
    public static List<S3Upload> uploads(DataSourceSettings source, String artifactsBucket, PipelineCode code) {
        List<S3Upload> uploads = new ArrayList<>();
        for (String script : List.of(PipelineCode.INGEST, PipelineCode.VALIDATE, PipelineCode.PUBLISH, PipelineCode.QUARANTINE)) {
            uploads.add(S3Upload.file(artifactsBucket, code.key(script), script, "text/x-python"));
        }
        uploads.add(expectationsUpload(source, artifactsBucket));
        return uploads;
    }

    private static S3Upload expectationsUpload(DataSourceSettings source, String artifactsBucket) {
        return S3Upload.document(artifactsBucket, expectationsKey(source), ExpectationsDocument.json(source), "application/json");
    }

    /** Where the source's expectations document lives in the artifacts bucket; the key holds its digest. */
    public static String expectationsKey(DataSourceSettings source) {
        return "pipeline-config/" + source.name() + "/" + PipelineCode.sha256(ExpectationsDocument.json(source)).substring(0, 16)
                + "/" + EXPECTATIONS_FILE;
    }

    /** The settings every step of this pipeline shares. */
    private record Jobs(DataPipelineInputs in, Expr instanceType) {

        Step step(String name, String description, String script, List<Expr> arguments, List<ProcessingJob.Input> inputs,
                  List<ProcessingJob.Output> outputs, String outputKey, List<PropertyFile> propertyFiles) {
            List<ProcessingJob.Input> all = new ArrayList<>();
            all.add(new ProcessingJob.Input("code", text(script(script).uri()), TrainingPipeline.CODE_DIR));
            all.addAll(inputs);
            String file = script.substring(script.lastIndexOf('/') + 1);
            ProcessingJob job = new ProcessingJob(
                    // Every step holds raw data on its volume, so the raw key encrypts it.
                    new ComputeResources(instanceType, 1, VOLUME_GB, Optional.of(in.rawKeyArn())),
                    text(BuiltInImages.sklearn(in.region())),
                    List.of("python3", TrainingPipeline.CODE_DIR + "/" + file),
                    arguments, all, outputs, Optional.of(outputKey), Map.of(),
                    new NetworkConfig(true, true, in.vpc()), RUNTIME_SECONDS, in.roleArn());
            return new Step.ProcessingStep(name, Optional.of(description), List.of(), job, propertyFiles);
        }

        S3Upload script(String script) {
            return S3Upload.file(in.artifactsBucket(), in.code().key(script), script, "text/x-python");
        }
    }
}
