package dev.mlops.platform;

import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.mlops.access.Access;
import dev.mlops.access.AccessArgs;
import dev.mlops.access.ArnPatterns;
import dev.mlops.access.Persona;
import dev.mlops.config.ModelSettings;
import dev.mlops.config.StackSettings;
import dev.mlops.data.DataLake;
import dev.mlops.data.ArtifactSharing;
import dev.mlops.data.DataLakeArgs;
import dev.mlops.delivery.ModelDelivery;
import dev.mlops.delivery.ModelDeliveryArgs;
import dev.mlops.delivery.PipelineCodeUploads;
import dev.mlops.delivery.pipeline.PipelineCode;
import dev.mlops.delivery.pipeline.TrainingPipeline;
import dev.mlops.deployment.Deployments;
import dev.mlops.ingestion.DataPipelines;
import dev.mlops.ingestion.DataPipelinesArgs;
import dev.mlops.monitoring.ModelMonitoring;
import dev.mlops.monitoring.ModelMonitoringArgs;
import dev.mlops.retraining.Retraining;
import dev.mlops.retraining.RetrainingArgs;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.ModelRegistryArgs;
import dev.mlops.registry.ModelVersioning;
import dev.mlops.registry.ModelVersioningArgs;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.mlops.network.Network;
import dev.mlops.network.NetworkArgs;
import dev.mlops.promotion.PromotedPackage;
import dev.mlops.promotion.PromotionSource;
import dev.mlops.promotion.PromotionSourceArgs;
import dev.mlops.promotion.SourceStack;
import dev.mlops.serving.ServedModel;
import dev.mlops.serving.Serving;
import dev.mlops.serving.ServingArgs;
import dev.mlops.serving.ServingPlan;
import dev.mlops.serving.lookup.ModelPackageLookup;
import dev.mlops.workbench.Workbench;
import dev.mlops.workbench.WorkbenchArgs;
import java.util.List;
import java.util.Optional;

/**
 * The whole platform for one stack: composes the capability components from validated settings and
 * exports the few values operators and other stacks need. Stack-specific behaviour comes only from
 * {@link StackSettings}; nothing here asks which stack it is.
 */
public final class Platform {

    /** The AWS provider every component uses, pinned to the stack's region and account. */
    public final Provider aws;
    public final DataLake data;
    public final Network network;
    public final Access access;
    public final Workbench workbench;
    public final Optional<PromotionSource> promotion;

    private Platform(Provider aws, DataLake data, Network network, Access access, Workbench workbench,
                     Optional<PromotionSource> promotion) {
        this.aws = aws;
        this.data = data;
        this.network = network;
        this.access = access;
        this.workbench = workbench;
        this.promotion = promotion;
    }

    /**
     * @param packages answers which packages a model's endpoint serves (SageMaker at {@code pulumi up}, a fixture or
     *                 placeholders offline); not asked by a stack that promotes from another one
     */
    public static Platform define(Context ctx, StackSettings settings, ModelPackageLookup packages) {
        Naming naming = Naming.of(settings);
        var providerArgs = ProviderArgs.builder()
                .region(settings.aws().region())
                // Refuses to touch any other account: a staging config can never be applied to prod.
                .allowedAccountIds(settings.aws().accountId())
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(Tags.defaults(settings)).build());
        settings.aws().profile().ifPresent(providerArgs::profile);
        Provider aws = new Provider("aws", providerArgs.build());
        var inPlatform = ComponentResourceOptions.builder().providers(aws).build();

        // Peers deploying this stack's registered versions read their model artifacts (bucket and key grants).
        List<String> registryReaders = settings.registryReaderAccounts();
        var artifactSharing = new ArtifactSharing(registryReaders,
                settings.models().stream().map(m -> TrainingPipeline.modelArtifactKeys(m.name())).toList(), settings.aws().region());
        DataLake data = new DataLake(naming.component("data"),
                new DataLakeArgs(settings.aws().accountId(), settings.data(), settings.holdsRealData(), artifactSharing), inPlatform);

        Network network = new Network(naming.component("network"), new NetworkArgs(settings.aws().region(), settings.network()),
                inPlatform);

        ArnPatterns arns = new ArnPatterns(settings.aws().region(), settings.aws().accountId(), naming.prefix());
        List<String> codeCommitRepositories = settings.codeCommitRepositories().stream().map(arns::codeRepository).toList();
        Access access = new Access(naming.component("access"), new AccessArgs(arns, settings.stack(), settings.identity(),
                settings.identity().maxSessionHours(), data.arns(), settings.dataSources(), codeCommitRepositories), inPlatform);

        Workbench workbench = new Workbench(naming.component("workbench"), new WorkbenchArgs(naming.prefix(), settings.workbench(),
                settings.scientists(), Repositories.urls(settings), network.vpcId, network.privateSubnetIds,
                network.workloadSecurityGroupId, data.platformKeyArn, access.studioRoles.get(Persona.DATA_SCIENTIST).arn,
                arns, data.arns(), data.artifacts.bucketName, settings.holdsRealData()), inPlatform);

        Deployments deployments = settings.deployment().map(d -> Deployments.define(naming, arns, settings, d, data,
                access.personaRoles.get(Persona.ML_ENGINEER).name(), inPlatform)).orElse(new Deployments(Optional.empty(), Optional.empty()));

        PipelineCode code = PipelineCode.fromClasspath();
        var codeUploads = new PipelineCodeUploads(naming.component("pipeline-code"), data.artifacts.bucketName, data.platformKeyArn,
                code, inPlatform);
        DataPipelines ingestion = new DataPipelines(naming.component("ingestion"), new DataPipelinesArgs(arns, settings.dataSources(),
                code, codeUploads.objects, access.dataPipelineRole.arn, data.raw.bucketName, data.curated.bucketName,
                data.artifacts.bucketName, data.rawKeyArn, data.platformKeyArn, network.privateSubnetIds,
                network.workloadSecurityGroupId), inPlatform);

        Alerts alerts = new Alerts(naming.component("alerts"), settings.aws().accountId(), settings.alertEmails(),
                settings.holdsRealData(), inPlatform);
        ModelRegistry registry = new ModelRegistry(naming.component("registry"),
                new ModelRegistryArgs(naming.prefix(), settings.models(), settings.holdsRealData(), registryReaders), inPlatform);
        if (!settings.models().isEmpty()) {
            new ModelVersioning(naming.component("model-versioning"), new ModelVersioningArgs(arns,
                    List.copyOf(registry.groupNames(naming.prefix(), settings.models()).values()), "INFO", alerts.topicArn.applyValue(List::of)),
                    inPlatform);
        }
        Map<String, ModelDelivery> deliveries = new LinkedHashMap<>();
        for (ModelSettings model : settings.models()) {
            deliveries.put(model.name(), new ModelDelivery(naming.prefix() + "-" + model.name(), new ModelDeliveryArgs(model, arns,
                    data.arns(), data.curated.bucketName, data.artifacts.bucketName, data.platformKeyArn, network.privateSubnetIds,
                    network.workloadSecurityGroupId, ModelRegistry.groupName(naming.prefix(), model), code, codeUploads.objects,
                    settings.holdsRealData(), registryReaders), inPlatform));
        }

        Optional<PromotionSource> promotion = settings.promotion().map(p ->
                new PromotionSource(naming.component("promotion"), new PromotionSourceArgs(p.sourceStack(), settings.self().orElseThrow()),
                        inPlatform));
        promotion.ifPresent(p -> p.problems.forEach(problem -> ctx.log().warn(problem)));

        Map<String, ServedModel> plan = ServingPlan.decide(settings.models(), settings.serving(),
                m -> ModelRegistry.groupName(naming.prefix(), m), packages,
                promotion.map(p -> new ServingPlan.Promotion(settings.promotion().orElseThrow().sourceStack().toString(), p.approved,
                        p.deployedBefore)),
                message -> ctx.log().warn(message));
        plan.values().stream().filter(ServedModel::placeholder).findFirst()
                .ifPresent(s -> ctx.log().info("placeholder model packages stand in for the registry: " + s.reason()));
        Serving serving = new Serving(naming.component("serving"), new ServingArgs(arns, settings.models(), settings.serving(), plan,
                data.arns(), data.capture.bucketName, data.platformKeyArn, network.privateSubnetIds, network.workloadSecurityGroupId,
                alerts.topicArn, promotion.map(p -> p.source)), inPlatform);

        // After serving: monitoring watches what serving deploys; retraining listens to monitoring's quality alarm.
        DeadLetters deadLetters = new DeadLetters(naming.component("dead-letters"), settings.aws().region(), settings.aws().accountId(),
                naming.prefix(), alerts.topicArn, settings.holdsRealData(), inPlatform);
        for (ModelSettings model : settings.models()) {
            String endpoint = Serving.endpointName(naming.prefix(), model);
            var monitoring = new ModelMonitoring(endpoint + "-monitoring", new ModelMonitoringArgs(model, plan.get(model.name()),
                    settings.serving().strategy(), endpoint, arns, ModelRegistry.groupName(naming.prefix(), model), data.arns(),
                    data.capture.bucketName, alerts.topicArn, alerts.keyArn, deadLetters.queueArn), inPlatform);
            if (model.retraining().any()) {
                new Retraining(naming.prefix() + "-" + model.name() + "-retraining", new RetrainingArgs(model, settings.aws().accountId(),
                        deliveries.get(model.name()).trainingPipelineArn, data.curated.bucketName, Optional.of(monitoring.qualityAlarmArn),
                        deadLetters.queueArn), inPlatform);
            }
        }

        ctx.export("environment", Output.of(settings.environment()));
        ctx.export(SourceStack.ACCOUNT_ID, Output.of(settings.aws().accountId()));
        ctx.export("region", Output.of(settings.aws().region()));
        ctx.export(SourceStack.DATA_BUCKETS, data.bucketNames());
        ctx.export("rawKeyArn", data.rawKeyArn);
        ctx.export("platformKeyArn", data.platformKeyArn);
        ctx.export("personaRoles", access.personaRoleArns());
        ctx.export("studioDomainId", workbench.domainId);
        ctx.export("vpcId", network.vpcId);
        ctx.export("modelPackageGroups", Output.of(registry.groupNames(naming.prefix(), settings.models())));
        Map<String, String> trainingPipelines = new LinkedHashMap<>();
        settings.models().forEach(m -> trainingPipelines.put(m.name(), m.pipelineNameFor(naming.prefix())));
        ctx.export("trainingPipelines", Output.of(trainingPipelines));
        ctx.export("alertTopicArn", alerts.topicArn);
        ctx.export(PromotedPackage.OUTPUT, Output.of(serving.approvedOutput()));
        ctx.export("endpoints", serving.endpointsOutput());
        ctx.export("serving", Output.of(serving.statusOutput()));
        serving.api.ifPresent(api -> ctx.export("inferenceApiUrl", api.url));
        promotion.ifPresent(p -> ctx.export("promotionSource", p.source.applyValue(source -> {
            if (!source.missing().isEmpty()) {
                ctx.log().warn("stack " + source.stack() + " does not export " + String.join(", ", source.missing())
                        + "; run `pulumi up` on it first (this stack promotes from it)");
            }
            return source.asOutput();
        })));
        deployments.outputs().forEach(ctx::export);
        return new Platform(aws, data, network, access, workbench, promotion);
    }
}
