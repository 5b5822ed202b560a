package dev.mlops.registry;

import com.pulumi.aws.sagemaker.ModelPackageGroup;
import com.pulumi.aws.sagemaker.ModelPackageGroupArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.config.ModelSettings;
import dev.mlops.platform.Tags;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SageMaker model package group per model: where every trained version is registered, approved or
 * rejected, and read from when it is deployed. Group names are explicit ({@code <prefix>-<model>}) because
 * pipelines, functions and other accounts find a model's versions by them.
 */
public final class ModelRegistry extends ComponentResource {

    /** Group by model name. */
    public final Map<String, ModelPackageGroup> groups = new LinkedHashMap<>();

    public ModelRegistry(String name, ModelRegistryArgs args, ComponentResourceOptions opts) {
        super("mlops:registry:ModelRegistry", name, opts);
        for (ModelSettings model : args.models()) {
            groups.put(model.name(), new ModelPackageGroup(name + "-" + model.name(), ModelPackageGroupArgs.builder()
                    .modelPackageGroupName(groupName(args.prefix(), model))
                    .modelPackageGroupDescription(model.description().orElse("Versions of the " + model.name() + " model"))
                    .tags(Map.of(Tags.MODEL, model.name(), "model-tag", Integer.toString(model.tag())))
                    .build(), CustomResourceOptions.builder().parent(this).protect(args.retain()).retainOnDelete(args.retain()).build()));
        }
        registerOutputs(Map.of("groupNames", Output.of(groupNames(args.prefix(), args.models()))));
    }

    public static String groupName(String prefix, ModelSettings model) {
        return prefix + "-" + model.name();
    }

    /** Group name by model name. */
    public Map<String, String> groupNames(String prefix, java.util.List<ModelSettings> models) {
        Map<String, String> names = new LinkedHashMap<>();
        models.forEach(m -> names.put(m.name(), groupName(prefix, m)));
        return names;
    }
}
