package dev.mlops.registry;

import com.pulumi.aws.sagemaker.ModelPackageGroup;
import com.pulumi.aws.sagemaker.ModelPackageGroupArgs;
import com.pulumi.aws.sagemaker.ModelPackageGroupPolicy;
import com.pulumi.aws.sagemaker.ModelPackageGroupPolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.config.ModelSettings;
import dev.mlops.platform.Arns;
import dev.mlops.platform.PolicyDocuments;
import dev.mlops.platform.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * One SageMaker model package group per model: where every trained version is registered, approved or
 * rejected, and read from when it is deployed. Group names are explicit ({@code <prefix>-<model>}) because
 * pipelines, functions and other accounts find a model's versions by them.
 *
 * <p>When the registry is shared (staging with prod in another account), each group gets the resource policy AWS
 * documents for deploying a model version from a different account: the reader accounts may describe the group, and
 * describe, list and create models from its versions. They may not update a version (its approval belongs to this
 * stack's ML engineers) or register one. The model artifacts and images such a deployment reads are granted where
 * they live (the data lake's artifacts bucket and platform key, the model's ECR repository).
 */
public final class ModelRegistry extends ComponentResource {

    /** What a reader account may do with the group itself. */
    public static final List<String> SHARED_GROUP_ACTIONS = List.of("sagemaker:DescribeModelPackageGroup");
    /**
     * What a reader account may do with the group's versions: read them, and {@code CreateModel} from one, which
     * SageMaker authorizes against the version's ARN when the version belongs to another account.
     */
    public static final List<String> SHARED_VERSION_ACTIONS = List.of("sagemaker:DescribeModelPackage",
            "sagemaker:ListModelPackages", "sagemaker:CreateModel");

    /** Group by model name. */
    public final Map<String, ModelPackageGroup> groups = new LinkedHashMap<>();

    public ModelRegistry(String name, ModelRegistryArgs args, ComponentResourceOptions opts) {
        super("mlops:registry:ModelRegistry", name, opts);
        for (ModelSettings model : args.models()) {
            var group = new ModelPackageGroup(name + "-" + model.name(), ModelPackageGroupArgs.builder()
                    .modelPackageGroupName(groupName(args.prefix(), model))
                    .modelPackageGroupDescription(model.description().orElse("Versions of the " + model.name() + " model"))
                    .tags(Map.of(Tags.MODEL, model.name(), "model-tag", Integer.toString(model.tag())))
                    .build(), CustomResourceOptions.builder().parent(this).protect(args.retain()).retainOnDelete(args.retain()).build());
            groups.put(model.name(), group);
            if (!args.readerAccounts().isEmpty()) {
                new ModelPackageGroupPolicy(name + "-" + model.name() + "-sharing", ModelPackageGroupPolicyArgs.builder()
                        .modelPackageGroupName(group.modelPackageGroupName())
                        .resourcePolicy(group.arn().applyValue(arn -> sharingPolicy(arn, args.readerAccounts())))
                        .build(), CustomResourceOptions.builder().parent(this).build());
            }
        }
        registerOutputs(Map.of("groupNames", Output.of(groupNames(args.prefix(), args.models()))));
    }

    public static String groupName(String prefix, ModelSettings model) {
        return prefix + "-" + model.name();
    }

    /** Group name by model name. */
    public Map<String, String> groupNames(String prefix, List<ModelSettings> models) {
        Map<String, String> names = new LinkedHashMap<>();
        models.forEach(m -> names.put(m.name(), groupName(prefix, m)));
        return names;
    }

    /** The versions of a group, given its ARN: {@code arn:...:model-package/<group>/*}. */
    static String versionsOf(String groupArn) {
        return groupArn.replace(":model-package-group/", ":model-package/") + "/*";
    }

    /**
     * The group's resource policy: each reader account's root as principal, so the reader account's own IAM decides
     * which of its principals (the operator running {@code pulumi up}, its serving roles) use the grant.
     */
    static String sharingPolicy(String groupArn, List<String> readerAccounts) {
        List<IamPrincipal> readers = readerAccounts.stream().map(a -> IamPrincipal.create("AWS", Arns.accountRoot(a))).toList();
        return PolicyDocuments.json(List.of(
                IamStatement.builder().sid("PeersReadGroup").effect(IamEffect.ALLOW).principals(readers)
                        .actionIds(SHARED_GROUP_ACTIONS).addResource(groupArn).build(),
                IamStatement.builder().sid("PeersReadAndDeployVersions").effect(IamEffect.ALLOW).principals(readers)
                        .actionIds(SHARED_VERSION_ACTIONS).addResource(versionsOf(groupArn)).build()));
    }
}
