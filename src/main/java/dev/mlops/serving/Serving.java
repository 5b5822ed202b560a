package dev.mlops.serving;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.mlops.access.ExecutionPolicies;
import dev.mlops.access.ServiceRole;
import dev.mlops.access.ServiceRoleArgs;
import dev.mlops.config.ModelSettings;
import dev.mlops.data.DataLakeArns;
import dev.mlops.promotion.PromotedPackage;
import dev.mlops.promotion.SourceStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serving of every model: the role endpoint containers run as, one {@link ModelEndpoint} per model that has a
 * package to serve, and the {@link InferenceApi} in front of them. What each endpoint serves was decided by
 * {@link ServingPlan} before this component is declared.
 */
public final class Serving extends ComponentResource {

    public final Map<String, ModelEndpoint> endpoints;
    public final Optional<InferenceApi> api;
    private final ServingArgs args;

    public Serving(String name, ServingArgs args, ComponentResourceOptions opts) {
        super("mlops:serving:Serving", name, opts);
        this.args = args;
        var inServing = ComponentResourceOptions.builder().parent(this).build();
        Output<List<String>> sourceArtifacts = args.source()
                .map(s -> s.applyValue(Serving::foreignArtifacts))
                .orElse(Output.of(List.of()));
        Output<List<String>> sourceKeys = args.source()
                .map(s -> s.applyValue(src -> src.platformKeyArn().map(List::of).orElse(List.of())))
                .orElse(Output.of(List.of()));
        var role = new ServiceRole(name + "-models", new ServiceRoleArgs("sagemaker.amazonaws.com", args.arns().accountId(),
                "Runs the endpoints' model containers (" + name + ")",
                self -> Output.tuple(args.data(), sourceArtifacts, sourceKeys).applyValue(t -> {
                    DataLakeArns d = t.t1;
                    List<String> artifacts = new ArrayList<>(List.of(d.objects(d.artifactsBucket(), "training/")));
                    artifacts.addAll(t.t2);
                    List<String> keys = new ArrayList<>(List.of(d.platformKey()));
                    keys.addAll(t.t3);
                    return ExecutionPolicies.endpointModels(args.arns(), artifacts, keys,
                            d.objects(d.captureBucket(), CaptureLocation.CAPTURE_PREFIX + "/"), d.platformKey());
                })), inServing);

        Map<String, ModelEndpoint> endpoints = new LinkedHashMap<>();
        List<InferenceApi.Route> routes = new ArrayList<>();
        for (ModelSettings model : args.models()) {
            ServedModel served = args.plan().get(model.name());
            if (!served.hasEndpoint()) {
                continue;
            }
            String endpointName = endpointName(args.arns().prefix(), model);
            endpoints.put(model.name(), new ModelEndpoint(endpointName + "-endpoint", new ModelEndpointArgs(model, served, args.serving(),
                    endpointName, role.arn, args.subnetIds(), args.securityGroupId(), args.captureBucket(), args.platformKeyArn(),
                    args.alertTopicArn()), inServing));
            routes.add(new InferenceApi.Route(model.name(), endpointName, args.arns().sagemaker("endpoint/" + endpointName),
                    model.serving().featureCount().orElseThrow(), served.versions()));
        }
        this.endpoints = Map.copyOf(endpoints);
        this.api = routes.isEmpty() ? Optional.empty()
                : Optional.of(new InferenceApi(args.arns().prefix() + "-inference", args.arns().accountId(), routes,
                args.serving().api(), inServing));
        registerOutputs(Map.of("endpoints", endpointsOutput()));
    }

    /** The endpoint's explicit name: {@code <prefix>-<model>}, stable across updates. */
    public static String endpointName(String prefix, ModelSettings model) {
        return prefix + "-" + model.name();
    }

    /** The model artifacts of the stack models are promoted from, once its outputs are known. */
    private static List<String> foreignArtifacts(SourceStack source) {
        if (source.artifactsBucket().isEmpty()) {
            return List.of();
        }
        return List.of("arn:aws:s3:::" + source.artifactsBucket().get() + "/training/*");
    }

    /**
     * The stack output {@code endpoints}: per model with an endpoint, its name, its configuration's name, its
     * variants and the version each serves ({@code java -jar target/mlops.jar verify} compares them with SageMaker).
     */
    public Output<Map<String, Object>> endpointsOutput() {
        List<Output<Map.Entry<String, Object>>> entries = new ArrayList<>();
        for (ModelSettings model : args.models()) {
            ModelEndpoint e = endpoints.get(model.name());
            if (e == null) {
                continue;
            }
            ServedModel served = args.plan().get(model.name());
            entries.add(Output.tuple(e.endpointName, e.endpointConfigName).applyValue(t -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("endpointName", t.t1);
                out.put("endpointConfigName", t.t2);
                out.put("variants", List.copyOf(served.versions().keySet()));
                out.put("modelVersions", served.versions());
                return Map.entry(model.name(), (Object) out);
            }));
        }
        return Output.all(entries).applyValue(list -> {
            Map<String, Object> out = new LinkedHashMap<>();
            list.forEach(en -> out.put(en.getKey(), en.getValue()));
            return out;
        });
    }

    /** The stack output {@value PromotedPackage#OUTPUT}: the champion of every model that has one. */
    public Map<String, Object> approvedOutput() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ModelSettings model : args.models()) {
            ServedModel served = args.plan().get(model.name());
            served.champion().ifPresent(c -> out.put(model.name(),
                    new PromotedPackage(c.modelPackageArn(), c.modelVersion(), served.placeholder()).asOutput()));
        }
        return out;
    }

    /** The stack output {@code serving}: per model, what it serves and why (or why it has no endpoint). */
    public Map<String, Object> statusOutput() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ModelSettings model : args.models()) {
            ServedModel served = args.plan().get(model.name());
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("endpoint", served.hasEndpoint());
            status.put("source", served.source());
            status.put("reason", served.reason());
            if (served.placeholder()) {
                status.put("placeholder", true);
            }
            out.put(model.name(), status);
        }
        return out;
    }
}
