package dev.mlops.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.PreviewDiff;
import dev.mlops.offline.PreviewStep;
import dev.mlops.offline.Previewer;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The scientists' Studio domain, their profiles, linked code, idle shutdown and MLflow. */
class WorkbenchTest {

    private static final String DOMAIN = "aws:sagemaker/domain:Domain";

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"staging, false", "prod, true"})
    void studioIsVpcOnlyInThePrivateSubnetsEncryptedAndKeptWhereDataIsReal(String stack, boolean realData) {
        Resources r = Previews.resources(stack);
        ResourceState domain = r.one(DOMAIN, "mlops-" + stack + "-workbench-domain");
        assertThat(domain.input("appNetworkAccessType").asText()).isEqualTo("VpcOnly");
        assertThat(domain.input("authMode").asText()).isEqualTo("IAM");
        assertThat(domain.input("domainName").asText()).isEqualTo("mlops-" + stack + "-studio");
        assertThat(domain.input("subnetIds")).hasSize(r.ofType("aws:ec2/subnet:Subnet").size());
        assertThat(domain.input("vpcId").asText()).startsWith("vpc-");
        assertThat(domain.input("kmsKeyId").asText()).contains(":key/");
        assertThat(domain.input("defaultUserSettings.securityGroups")).hasSize(1);
        assertThat(domain.input("retentionPolicy.homeEfsFileSystem").asText()).isEqualTo(realData ? "Retain" : "Delete");
        assertThat(domain.protect()).isEqualTo(realData);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyScientistHasAProfileRunningAsTheScientistExecutionRole(String stack) {
        Resources r = Previews.resources(stack);
        String scientistRole = r.one("aws:iam/role:Role", "mlops-" + stack + "-access-data-scientist-studio-role").input("name").asText();
        List<ResourceState> profiles = r.ofType("aws:sagemaker/userProfile:UserProfile");
        assertThat(profiles).extracting(p -> p.input("userProfileName").asText()).containsExactly("alice", "bob");
        assertThat(profiles).allSatisfy(p -> {
            assertThat(p.input("userSettings.executionRole").asText()).endsWith(":role/" + scientistRole);
            assertThat(p.input("tags.persona").asText()).isEqualTo("data-scientist");
        });
        assertThat(r.one(DOMAIN, "mlops-" + stack + "-workbench-domain").input("defaultUserSettings.executionRole").asText())
                .endsWith(":role/" + scientistRole);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theModelsRepositoryIsLinkedInEveryJupyterLabSpace(String stack) {
        Resources r = Previews.resources(stack);
        String url = "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/house-prices-model";
        JsonNode links = r.one(DOMAIN, "mlops-" + stack + "-workbench-domain").input("defaultUserSettings.jupyterLabAppSettings.codeRepositories");
        assertThat(links).hasSize(1);
        assertThat(links.get(0).path("repositoryUrl").asText()).isEqualTo(url);
        assertThat(r.one("aws:sagemaker/codeRepository:CodeRepository", "mlops-" + stack + "-workbench-house-prices-code")
                .input("gitConfig.repositoryUrl").asText()).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource({"staging, 60", "prod, 120"})
    void idleSpacesShutDownAfterTheConfiguredMinutes(String stack, int minutes) {
        Resources r = Previews.resources(stack);
        ResourceState config = r.one("aws:sagemaker/studioLifecycleConfig:StudioLifecycleConfig", "mlops-" + stack + "-workbench-idle-shutdown");
        assertThat(config.input("studioLifecycleConfigAppType").asText()).isEqualTo("JupyterLab");
        String script = new String(Base64.getDecoder().decode(config.input("studioLifecycleConfigContent").asText()), StandardCharsets.UTF_8);
        assertThat(script).startsWith("#!/bin/bash").contains("IDLE_MINUTES=" + minutes + "\n")
                .contains("shutdown_no_activity_timeout").doesNotContain("@IDLE_MINUTES@");
        JsonNode jupyter = r.one(DOMAIN, "mlops-" + stack + "-workbench-domain").input("defaultUserSettings.jupyterLabAppSettings");
        assertThat(jupyter.path("lifecycleConfigArns")).hasSize(1);
        assertThat(jupyter.path("defaultResourceSpec").path("lifecycleConfigArn").asText()).isEqualTo(jupyter.path("lifecycleConfigArns").get(0).asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void mlflowKeepsArtifactsInTheArtifactsBucketAndRegistersModels(String stack) {
        Resources r = Previews.resources(stack);
        @SuppressWarnings("unchecked")
        String artifacts = ((Map<String, String>) Previews.of(stack).preview().outputs().values().get("dataBuckets")).get("artifacts");
        ResourceState mlflow = r.one("aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer", "mlops-" + stack + "-workbench-mlflow");
        assertThat(mlflow.input("artifactStoreUri").asText()).isEqualTo("s3://" + artifacts + "/mlflow");
        assertThat(mlflow.input("trackingServerSize").asText()).isEqualTo("Small");
        assertThat(mlflow.input("automaticModelRegistration").asBoolean()).isTrue();
        assertThat(mlflow.input("roleArn").asText()).contains(":role/mlops-" + stack + "-workbench-mlflow-role-");
    }

    @Test
    void addingAScientistIsAConfigChangeThatAddsOnlyTheirProfile() throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        for (String file : List.of("Pulumi.yaml", "Pulumi.staging.yaml")) {
            Files.copy(Previews.PROJECT.resolve(file), project.resolve(file));
        }
        Path stackFile = project.resolve("Pulumi.staging.yaml");
        Files.writeString(stackFile, Files.readString(stackFile).replace("""
                    - userName: bob
                      email: bob@example.com
                """, """
                    - userName: bob
                      email: bob@example.com
                    - userName: carol
                      email: carol@example.com
                """));
        var after = Previewer.preview(project, "staging", Map.of()).preview();
        List<PreviewStep> changes = PreviewDiff.against(Previews.of("staging").preview().resources(), after.steps()).stream()
                .filter(s -> !s.op().equals(PreviewStep.SAME)).toList();
        assertThat(changes).singleElement().satisfies(s -> {
            assertThat(s.op()).isEqualTo(PreviewStep.CREATE);
            assertThat(s.state().type()).isEqualTo("aws:sagemaker/userProfile:UserProfile");
            assertThat(s.state().input("userProfileName").asText()).isEqualTo("carol");
        });
    }
}
