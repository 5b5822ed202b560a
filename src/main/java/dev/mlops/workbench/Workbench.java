package dev.mlops.workbench;

import com.pulumi.aws.sagemaker.CodeRepository;
import com.pulumi.aws.sagemaker.CodeRepositoryArgs;
import com.pulumi.aws.sagemaker.Domain;
import com.pulumi.aws.sagemaker.DomainArgs;
import com.pulumi.aws.sagemaker.MlflowTrackingServer;
import com.pulumi.aws.sagemaker.MlflowTrackingServerArgs;
import com.pulumi.aws.sagemaker.StudioLifecycleConfig;
import com.pulumi.aws.sagemaker.StudioLifecycleConfigArgs;
import com.pulumi.aws.sagemaker.UserProfile;
import com.pulumi.aws.sagemaker.UserProfileArgs;
import com.pulumi.aws.sagemaker.inputs.CodeRepositoryGitConfigArgs;
import com.pulumi.aws.sagemaker.inputs.DomainDefaultSpaceSettingsArgs;
import com.pulumi.aws.sagemaker.inputs.DomainDefaultUserSettingsArgs;
import com.pulumi.aws.sagemaker.inputs.DomainDefaultUserSettingsJupyterLabAppSettingsArgs;
import com.pulumi.aws.sagemaker.inputs.DomainDefaultUserSettingsJupyterLabAppSettingsCodeRepositoryArgs;
import com.pulumi.aws.sagemaker.inputs.DomainDefaultUserSettingsJupyterLabAppSettingsDefaultResourceSpecArgs;
import com.pulumi.aws.sagemaker.inputs.DomainRetentionPolicyArgs;
import com.pulumi.aws.sagemaker.inputs.UserProfileUserSettingsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.access.ExecutionPolicies;
import dev.mlops.access.ServiceRole;
import dev.mlops.access.ServiceRoleArgs;
import dev.mlops.config.ScientistSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scientists' workbench: a SageMaker Studio domain in VPC-only mode (no path to the internet but the
 * network's), encrypted with the platform key; one user profile per scientist in settings, each running
 * as the data scientists' execution role; every model's git repository linked in JupyterLab; spaces that
 * shut down when idle; and a managed MLflow tracking server whose artifacts live in the artifacts bucket
 * and whose registered models land in the model registry. A new scientist is a new settings entry.
 */
public final class Workbench extends ComponentResource {

    public final Domain domain;
    public final Output<String> domainId;
    public final Output<String> mlflowTrackingServerArn;
    public final Map<String, UserProfile> userProfiles = new LinkedHashMap<>();

    public Workbench(String name, WorkbenchArgs args, ComponentResourceOptions opts) {
        super("mlops:workbench:Workbench", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();

        var idleShutdown = new StudioLifecycleConfig(name + "-idle-shutdown", StudioLifecycleConfigArgs.builder()
                .studioLifecycleConfigName(args.prefix() + "-idle-shutdown")
                .studioLifecycleConfigAppType("JupyterLab")
                .studioLifecycleConfigContent(idleShutdownScript(args.settings().idleShutdownMinutes()))
                .build(), child);

        var repositoryLinks = new TreeMap<>(args.repositories()).values().stream()
                .map(url -> DomainDefaultUserSettingsJupyterLabAppSettingsCodeRepositoryArgs.builder().repositoryUrl(url).build())
                .toList();
        new TreeMap<>(args.repositories()).forEach((model, url) -> new CodeRepository(name + "-" + model + "-code", CodeRepositoryArgs.builder()
                .codeRepositoryName(args.prefix() + "-" + model)
                .gitConfig(CodeRepositoryGitConfigArgs.builder().repositoryUrl(url).branch("main").build())
                .build(), child));

        Output<List<String>> securityGroups = args.securityGroupId().applyValue(List::of);
        this.domain = new Domain(name + "-domain", DomainArgs.builder()
                .domainName(args.prefix() + "-studio")
                .authMode("IAM")
                .appNetworkAccessType("VpcOnly")
                .vpcId(args.vpcId())
                .subnetIds(args.subnetIds())
                .kmsKeyId(args.kmsKeyArn())
                .defaultUserSettings(DomainDefaultUserSettingsArgs.builder()
                        .executionRole(args.scientistRoleArn())
                        .securityGroups(securityGroups)
                        .studioWebPortal("ENABLED")
                        .defaultLandingUri("studio::")
                        .jupyterLabAppSettings(DomainDefaultUserSettingsJupyterLabAppSettingsArgs.builder()
                                .lifecycleConfigArns(idleShutdown.arn().applyValue(List::of))
                                .defaultResourceSpec(DomainDefaultUserSettingsJupyterLabAppSettingsDefaultResourceSpecArgs.builder()
                                        .instanceType("ml.t3.medium")
                                        .lifecycleConfigArn(idleShutdown.arn())
                                        .build())
                                .codeRepositories(repositoryLinks)
                                .build())
                        .build())
                .defaultSpaceSettings(DomainDefaultSpaceSettingsArgs.builder()
                        .executionRole(args.scientistRoleArn())
                        .securityGroups(securityGroups)
                        .build())
                .retentionPolicy(DomainRetentionPolicyArgs.builder().homeEfsFileSystem(args.retain() ? "Retain" : "Delete").build())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.retain()).retainOnDelete(args.retain()).build());

        for (ScientistSettings scientist : args.scientists()) {
            Map<String, String> tags = new TreeMap<>();
            tags.put("persona", "data-scientist");
            scientist.email().ifPresent(e -> tags.put("scientist-email", e));
            userProfiles.put(scientist.userName(), new UserProfile(name + "-" + scientist.userName().toLowerCase(java.util.Locale.ROOT),
                    UserProfileArgs.builder()
                            .domainId(domain.id())
                            .userProfileName(scientist.userName())
                            .userSettings(UserProfileUserSettingsArgs.builder()
                                    .executionRole(args.scientistRoleArn())
                                    .securityGroups(securityGroups)
                                    .build())
                            .tags(tags)
                            .build(), child));
        }

        var mlflowRole = new ServiceRole(name + "-mlflow", new ServiceRoleArgs("sagemaker.amazonaws.com", args.arns().accountId(),
                "The MLflow tracking server: artifacts under artifacts/mlflow/, automatic model registration",
                self -> args.data().applyValue(d -> ExecutionPolicies.mlflowServer(args.arns(), d))),
                ComponentResourceOptions.builder().parent(this).build());
        var mlflow = new MlflowTrackingServer(name + "-mlflow", MlflowTrackingServerArgs.builder()
                .trackingServerName(args.prefix() + "-mlflow")
                .trackingServerSize(args.settings().mlflowServerSize())
                .artifactStoreUri(args.artifactsBucketName().applyValue(bucket -> "s3://" + bucket + "/mlflow"))
                .roleArn(mlflowRole.arn)
                .automaticModelRegistration(true)
                .build(), child);

        this.domainId = domain.id();
        this.mlflowTrackingServerArn = mlflow.arn();
        registerOutputs(Map.of("domainId", domainId, "mlflowTrackingServerArn", mlflowTrackingServerArn));
    }

    /** The lifecycle script (a classpath resource, so it is reviewed as a file) with the idle time filled in, base64. */
    static String idleShutdownScript(int minutes) {
        try (InputStream in = Workbench.class.getResourceAsStream("/workbench/idle-shutdown.sh")) {
            if (in == null) {
                throw new IllegalStateException("workbench/idle-shutdown.sh is missing from the program's resources");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@IDLE_MINUTES@", Integer.toString(minutes));
            return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read workbench/idle-shutdown.sh", e);
        }
    }
}
