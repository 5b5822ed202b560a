package dev.mlops.ingestion;

import com.pulumi.aws.sagemaker.Pipeline;
import com.pulumi.aws.sagemaker.PipelineArgs;
import com.pulumi.aws.scheduler.Schedule;
import com.pulumi.aws.scheduler.ScheduleArgs;
import com.pulumi.aws.scheduler.inputs.ScheduleFlexibleTimeWindowArgs;
import com.pulumi.aws.scheduler.inputs.ScheduleTargetArgs;
import com.pulumi.aws.scheduler.inputs.ScheduleTargetDeadLetterConfigArgs;
import com.pulumi.aws.scheduler.inputs.ScheduleTargetRetryPolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.mlops.access.ExecutionPolicies;
import dev.mlops.access.ServiceRole;
import dev.mlops.access.ServiceRoleArgs;
import dev.mlops.config.DataSourceSettings;
import dev.mlops.delivery.PipelineCodeUploads;
import dev.mlops.delivery.pipeline.DataPipeline;
import dev.mlops.delivery.pipeline.DataPipelineInputs;
import dev.mlops.delivery.pipeline.ExpectationsDocument;
import dev.mlops.delivery.pipeline.VpcConfig;
import dev.mlops.platform.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data engineers' pipelines: for every data source, a SageMaker pipeline that ingests a batch into raw,
 * validates it against the source's expectations and publishes it to curated (or quarantines it with a report),
 * started on the source's schedule by EventBridge Scheduler, with retries and a dead-letter queue.
 */
public final class DataPipelines extends ComponentResource {

    /** Pipeline ARN by data source name. */
    public final Map<String, Output<String>> pipelineArns = new java.util.LinkedHashMap<>();

    public DataPipelines(String name, DataPipelinesArgs args, ComponentResourceOptions opts) {
        super("mlops:ingestion:DataPipelines", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        String prefix = args.arns().prefix();

        var deadLetters = DeadLetters.sqsEncryptedQueue(name + "-dead-letters", child);
        var scheduleRole = new ServiceRole(name + "-schedule", new ServiceRoleArgs("scheduler.amazonaws.com", args.arns().accountId(),
                "Starts the data pipelines on their schedules",
                self -> deadLetters.arn().applyValue(dlq -> ExecutionPolicies.startDataPipelines(args.arns(), dlq))),
                ComponentResourceOptions.builder().parent(this).build());

        for (DataSourceSettings source : args.sources()) {
            List<Resource> dependsOn = new ArrayList<>(args.codeUploads());
            dependsOn.add(PipelineCodeUploads.upload(this, name + "-" + source.name() + "-expectations", args.artifactsBucket(),
                    args.platformKeyArn(), DataPipeline.expectationsKey(source), ExpectationsDocument.json(source), "application/json"));

            Output<String> definition = Output.tuple(args.roleArn(), args.rawBucket(), args.curatedBucket(), args.artifactsBucket(),
                            args.rawKeyArn(), args.platformKeyArn(), Output.tuple(args.subnetIds(), args.securityGroupId()))
                    .applyValue(t -> DataPipeline.generate(source, new DataPipelineInputs(prefix, args.arns().region(), t.t1, t.t2, t.t3,
                            t.t4, t.t5, t.t6, new VpcConfig(List.of(t.t7.t2), t.t7.t1), args.code())).definitionJson());
            String pipelineName = DataPipeline.pipelineName(prefix, source);
            var pipeline = new Pipeline(name + "-" + source.name(), PipelineArgs.builder()
                    .pipelineName(pipelineName)
                    .pipelineDisplayName(pipelineName)
                    .pipelineDescription("Ingest, validate and publish batches of " + source.name())
                    .roleArn(args.roleArn())
                    .pipelineDefinition(definition)
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(dependsOn).build());

            new Schedule(name + "-" + source.name() + "-schedule", ScheduleArgs.builder()
                    .description("Ingests " + source.name() + " from " + source.sourceUri())
                    .scheduleExpression(source.schedule())
                    .scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(ScheduleFlexibleTimeWindowArgs.builder().mode("OFF").build())
                    .target(ScheduleTargetArgs.builder()
                            .arn(pipeline.arn())
                            .roleArn(scheduleRole.arn)
                            .retryPolicy(ScheduleTargetRetryPolicyArgs.builder().maximumRetryAttempts(3).maximumEventAgeInSeconds(3600).build())
                            .deadLetterConfig(ScheduleTargetDeadLetterConfigArgs.builder().arn(deadLetters.arn()).build())
                            .build())
                    .build(), child);
            pipelineArns.put(source.name(), pipeline.arn());
        }
        registerOutputs(Map.of("deadLetterQueueArn", deadLetters.arn()));
    }
}
