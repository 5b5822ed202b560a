package dev.mlops.config;

import static dev.mlops.config.StackYaml.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mlops:deployment}: the stack that runs the deployment pipeline (its backend, secret, CLI version, own name,
 * promotion target and source) and the stack that pipeline deploys. The minimal stack file is stack {@code dev} of
 * project {@code mlops}, environment {@code dev} in account 123456789012, beside {@code prod} (210987654321).
 */
class DeploymentSettingsTest extends StackFileParsing {

    private static final String KEY = "mlops:deployment";
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mlops/pulumi-access-token-a1B2c3";
    private static final String CONNECTION = "arn:aws:codeconnections:eu-west-1:123456789012:connection/3b6f0c2e-8d41-4a9b-b7e5-1f2c9d8a6e40";

    /** A valid pipeline: every required field, a CodeCommit source. */
    private static StackYaml.Entry pipeline() {
        return new StackYaml.Entry()
                .with("runsPipeline", "true")
                .with("stack", "acme/mlops/dev")
                .with("promoteTo", "acme/mlops/prod")
                .with("backendUrl", "https://api.pulumi.com")
                .with("secretArn", SECRET)
                .with("pulumiVersion", "3.248.0")
                .with("source", "{provider: codecommit, name: mlops-platform}");
    }

    private static StackYaml deployment(StackYaml.Entry entry) {
        return minimal().with(KEY, entry.toString());
    }

    private DeploymentSettings.PipelineSettings pipelineOf(StackYaml yaml) {
        return settingsOf(yaml).deployment().orElseThrow().pipeline().orElseThrow();
    }

    @Nested
    class RealStackFiles {

        @Test
        void stagingRunsThePipelineAndPromotesToProd() {
            DeploymentSettings d = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "staging").deployment().orElseThrow();

            assertThat(d.deployedBy()).isEmpty();
            assertThat(d.backend()).contains(new DeploymentSettings.Backend("https://api.pulumi.com"));
            DeploymentSettings.PipelineSettings p = d.pipeline().orElseThrow();
            assertThat(p.stack()).isEqualTo(new StackName("acme", "mlops", "staging"));
            assertThat(p.promoteTo()).contains(new DeploymentSettings.Target(new StackName("acme", "mlops", "prod"),
                    new DeploymentSettings.Peer("prod", "222222222222")));
            assertThat(p.pulumiVersion()).isEqualTo("3.248.0");
            assertThat(p.secretArn()).hasValueSatisfying(s -> assertThat(s).startsWith("arn:aws:secretsmanager:eu-west-1:111111111111:secret:"));
            assertThat(p.source().isGitHub()).isTrue();
            assertThat(p.source().branch()).isEqualTo("main");
        }

        @Test
        void prodIsDeployedByTheStagingPipeline() {
            DeploymentSettings d = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "prod").deployment().orElseThrow();

            assertThat(d.pipeline()).isEmpty();
            assertThat(d.deployedBy()).contains(new DeploymentSettings.Peer("staging", "111111111111"));
        }
    }

    @Test
    void absentMeansNoContinuousDeployment() {
        assertThat(settingsOf(minimal()).deployment()).isEmpty();
    }

    @Test
    void aPipelineWithEveryField() {
        DeploymentSettings.PipelineSettings p = pipelineOf(deployment(pipeline()));

        assertThat(p.stack().toString()).isEqualTo("acme/mlops/dev");
        assertThat(p.promoteTo()).contains(new DeploymentSettings.Target(new StackName("acme", "mlops", "prod"),
                new DeploymentSettings.Peer("prod", "210987654321")));
        assertThat(p.secretArn()).contains(SECRET);
        assertThat(p.source()).isEqualTo(new ModelSettings.RepositorySettings("codecommit", "mlops-platform", "main", Optional.empty()));
    }

    @Test
    void withoutPromoteToApprovalsRedeployThisStackOnly() {
        assertThat(pipelineOf(deployment(pipeline().without("promoteTo"))).promoteTo()).isEmpty();
    }

    @Test
    void aGitHubSourceThroughAConnectionOfThisAccountAndRegion() {
        var source = pipelineOf(deployment(pipeline().with("source",
                "{provider: github, name: acme/mlops-platform, branch: release, connectionArn: \"" + CONNECTION + "\"}"))).source();

        assertThat(source).isEqualTo(new ModelSettings.RepositorySettings("github", "acme/mlops-platform", "release", Optional.of(CONNECTION)));
    }

    @Test
    void anS3BackendNeedsNoSecretAndNamesItsStateBucket() {
        StackYaml yaml = deployment(pipeline().with("backendUrl", "\"s3://acme-pulumi-state/mlops?region=eu-west-1&awssdk=v2\"").without("secretArn"));
        DeploymentSettings d = settingsOf(yaml).deployment().orElseThrow();

        DeploymentSettings.Backend backend = d.backend().orElseThrow();
        assertThat(backend.isS3()).isTrue();
        assertThat(backend.stateBucket()).contains("acme-pulumi-state");
        assertThat(backend.statePrefix()).isEqualTo("mlops/");
        assertThat(backend.secretVariable()).isEqualTo("PULUMI_CONFIG_PASSPHRASE");
        assertThat(d.pipeline().orElseThrow().secretArn()).isEmpty();
    }

    @Test
    void anHttpsBackendTakesTheAccessToken() {
        DeploymentSettings.Backend backend = new DeploymentSettings.Backend("https://pulumi.acme.example:8443/api");
        assertThat(backend.isS3()).isFalse();
        assertThat(backend.stateBucket()).isEmpty();
        assertThat(backend.secretVariable()).isEqualTo("PULUMI_ACCESS_TOKEN");
        assertThat(new DeploymentSettings.Backend("s3://state").statePrefix()).isEmpty();
    }

    @Nested
    class DeployedStack {

        @Test
        void isDeployedByTheEnvironmentOfTheStackItPromotesFrom() {
            StackYaml yaml = minimal()
                    .with("mlops:accounts", "{dev: \"123456789012\", qa: \"333333333333\", prod: \"210987654321\"}")
                    .with("mlops:promotion", "{sourceStack: acme/mlops/qa}")
                    .with(KEY, "{runsPipeline: false}");

            assertThat(settingsOf(yaml).deployment().orElseThrow().deployedBy()).contains(new DeploymentSettings.Peer("qa", "333333333333"));
        }

        @Test
        void orByTheOnlyOtherEnvironment() {
            DeploymentSettings d = settingsOf(minimal().with(KEY, "{runsPipeline: false, backendUrl: \"s3://acme-pulumi-state\"}"))
                    .deployment().orElseThrow();

            assertThat(d.deployedBy()).contains(new DeploymentSettings.Peer("prod", "210987654321"));
            assertThat(d.backend().flatMap(DeploymentSettings.Backend::stateBucket)).contains("acme-pulumi-state");
        }

        @Test
        void withSeveralOtherEnvironmentsAndNoPromotionWhichOneIsUnclear() {
            ConfigProblem p = onlyProblem(minimal()
                    .with("mlops:accounts", "{dev: \"123456789012\", qa: \"333333333333\", prod: \"210987654321\"}")
                    .with(KEY, "{runsPipeline: false}"));

            assertThat(p.path()).isEqualTo(KEY + ".runsPipeline");
            assertThat(p.message()).contains("which one is unclear", "lists 2 others (prod, qa)", "mlops:promotion.sourceStack");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                secretArn     | "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mlops/pulumi-access-token-a1B2c3"
                pulumiVersion | 3.248.0
                stack         | acme/mlops/dev
                promoteTo     | acme/mlops/prod
                source        | "{provider: codecommit, name: mlops-platform}"
                """)
        void pipelineFieldsAreRejected(String field, String value) {
            ConfigProblem p = onlyProblem(minimal().with(KEY, "{runsPipeline: false, " + field + ": " + value + "}"));

            assertThat(p.path()).isEqualTo(KEY + "." + field);
            assertThat(p.message()).contains("applies only where runsPipeline is true", "remove it");
        }
    }

    @Test
    void runsPipelineIsRequiredAndABoolean() {
        ConfigProblem missing = onlyProblem(deployment(pipeline().without("runsPipeline")));
        assertThat(missing.path()).isEqualTo(KEY + ".runsPipeline");
        assertThat(missing.message()).startsWith("is required: true in the stack that runs the deployment pipeline");

        ConfigProblem notBoolean = onlyProblem(deployment(pipeline().with("runsPipeline", "yes")));
        assertThat(notBoolean.message()).contains("\"yes\" is not a boolean");
    }

    @Test
    void aPipelineReportsEveryMissingFieldAtOnce() {
        List<String> problems = problemsOf(minimal().with(KEY, "{runsPipeline: true}"));

        assertThat(problems).containsExactlyInAnyOrder(
                KEY + ".backendUrl: is required: where the stacks' state lives, e.g. https://api.pulumi.com or s3://acme-pulumi-state",
                KEY + ".pulumiVersion: is required: the Pulumi CLI version the build installs, e.g. 3.248.0",
                KEY + ".stack: is required: this stack's fully qualified name, e.g. acme/mlops/dev",
                KEY + ".source: is required: the platform's own repository, e.g. {provider: github, name: acme/mlops-platform, branch: main, "
                        + "connectionArn: arn:aws:codeconnections:eu-west-1:123456789012:connection/<uuid>} or {provider: codecommit, name: mlops-platform}");
    }

    @Test
    void anHttpsBackendNeedsTheSecret() {
        ConfigProblem p = onlyProblem(deployment(pipeline().without("secretArn")));

        assertThat(p.path()).isEqualTo(KEY + ".secretArn");
        assertThat(p.message()).startsWith("is required: the Secrets Manager secret holding the Pulumi access token");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://pulumi.acme.example                  | would send the Pulumi access token unencrypted
            file:///var/pulumi                          | is not a backend the build can use
            azblob://state                              | file://, azblob:// and gs:// backends cannot serve a build in AWS
            https://user@api.pulumi.com                 | is not a URL the build can log in to
            https://api.pulumi.com?org=acme             | without user, query or fragment
            s3://Acme_State                             | "Acme_State" is not an S3 bucket name
            s3://ab                                     | "ab" is not an S3 bucket name
            s3://acme-state?profile=admin               | the query parameter "profile=admin" is not allowed
            s3://acme-state?region=Europe               | the query parameter "region=Europe" is not allowed
            s3://acme-state/some prefix                 | has characters S3 keys should not
            api.pulumi.com                              | is not a backend the build can use
            """)
    void backendUrlsTheBuildCannotUse(String url, String message) {
        ConfigProblem p = onlyProblem(deployment(pipeline().with("backendUrl", "\"" + url + "\"")));

        assertThat(p.path()).isEqualTo(KEY + ".backendUrl");
        assertThat(p.message()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://api.pulumi.com", "https://pulumi.acme.example:8443/api", "s3://acme-pulumi-state",
            "s3://acme.pulumi.state/stacks/mlops", "s3://acme-pulumi-state?region=eu-west-1&awssdk=v2"})
    void backendUrlsTheBuildCanUse(String url) {
        assertThat(settingsOf(deployment(pipeline().with("backendUrl", "\"" + url + "\""))).deployment().orElseThrow().backend())
                .contains(new DeploymentSettings.Backend(url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mlops/pulumi-access-token                                                          | a Secrets Manager secret's complete ARN
            arn:aws:secretsmanager:eu-west-1:123456789012:secret:mlops/pulumi-access-token     | ending in the six characters Secrets Manager appends
            arn:aws:ssm:eu-west-1:123456789012:parameter/mlops/pulumi-access-token-a1B2c3      | a Secrets Manager secret's complete ARN
            arn:aws:secretsmanager:us-east-1:123456789012:secret:mlops/token-a1B2c3            | the secret is in us-east-1; the build reads it in this stack's region eu-west-1
            arn:aws:secretsmanager:eu-west-1:999999999999:secret:mlops/token-a1B2c3            | the secret belongs to account 999999999999; keep it in this stack's account 123456789012
            """)
    void secretsTheBuildCannotRead(String arn, String message) {
        ConfigProblem p = onlyProblem(deployment(pipeline().with("secretArn", arn)));

        assertThat(p.path()).isEqualTo(KEY + ".secretArn");
        assertThat(p.message()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            latest     | "latest" is not a Pulumi CLI release: pin one as major.minor.patch, e.g. 3.248.0
            v3.248.0   | "v3.248.0" is not a Pulumi CLI release
            3.248      | "3.248" is not a Pulumi CLI release
            3.248.0-rc | "3.248.0-rc" is not a Pulumi CLI release
            03.1.0     | "03.1.0" is not a Pulumi CLI release
            2.25.2     | "2.25.2" is too old: this program needs Pulumi CLI 3 or later
            """)
    void pulumiVersionsThatAreNotAPinnedRelease(String version, String message) {
        ConfigProblem p = onlyProblem(deployment(pipeline().with("pulumiVersion", "\"" + version + "\"")));

        assertThat(p.path()).isEqualTo(KEY + ".pulumiVersion");
        assertThat(p.message()).startsWith(message);
    }

    @Test
    void aNewerMajorVersionIsAllowed() {
        assertThat(pipelineOf(deployment(pipeline().with("pulumiVersion", "4.0.0"))).pulumiVersion()).isEqualTo("4.0.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            acme/mlops/prod      | "acme/mlops/prod" is not this stack: expected <organization>/mlops/dev
            acme/other/dev       | "acme/other/dev" is not this stack
            acme/dev             | "acme/dev" is not a stack name: expected organization/project/stack
            """)
    void theStackMustBeThisOne(String stack, String message) {
        ConfigProblem p = onlyProblem(deployment(pipeline().with("stack", stack)));

        assertThat(p.path()).isEqualTo(KEY + ".stack");
        assertThat(p.message()).startsWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            acme/mlops/dev        | "acme/mlops/dev" is this stack
            acme/other/prod       | "acme/other/prod" belongs to project other; the pipeline deploys stacks of this program, project mlops
            acme/mlops/prd        | "acme/mlops/prd"'s stack name, "prd", is not an environment of mlops:accounts; did you mean "prod"? (listed: dev, prod)
            acme/mlops/production | (listed: dev, prod); the pipeline finds the target's account by it
            not a stack           | "not a stack" is not a stack name
            """)
    void promotionTargetsThePipelineCannotReach(String target, String message) {
        ConfigProblem p = onlyProblem(deployment(pipeline().with("promoteTo", "\"" + target + "\"")));

        assertThat(p.path()).isEqualTo(KEY + ".promoteTo");
        assertThat(p.message()).contains(message);
    }

    @Test
    void promotingWithinThisStacksOwnEnvironmentIsNoPromotion() {
        // Stack dev of environment qa: the stack named qa would be deployed into this same environment.
        ConfigProblem p = onlyProblem(deployment(pipeline().with("promoteTo", "acme/mlops/qa"))
                .with("mlops:environment", "qa").with("mlops:accounts", "{qa: \"123456789012\", prod: \"210987654321\"}"));

        assertThat(p.path()).isEqualTo(KEY + ".promoteTo");
        assertThat(p.message()).isEqualTo("\"acme/mlops/qa\"'s stack name, \"qa\", is this stack's own environment; deployment crosses environments");
    }

    @Test
    void aGitHubSourceNeedsItsConnection() {
        ConfigProblem p = onlyProblem(deployment(pipeline().with("source", "{provider: github, name: acme/mlops-platform}")));

        assertThat(p.path()).isEqualTo(KEY + ".source.connectionArn");
        assertThat(p.message()).startsWith("is required: the CodeStar connection");
    }

    @Test
    void aCodeCommitSourceNeedsItsName() {
        ConfigProblem p = onlyProblem(deployment(pipeline().with("source", "{provider: codecommit}")));

        assertThat(p.path()).isEqualTo(KEY + ".source.name");
        assertThat(p.message()).startsWith("is required: the CodeCommit repository's name");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            arn:aws:codeconnections:us-east-1:123456789012:connection/3b6f0c2e-8d41-4a9b-b7e5-1f2c9d8a6e40 | the connection is in us-east-1; CodePipeline uses a connection of its own region, eu-west-1
            arn:aws:codeconnections:eu-west-1:999999999999:connection/3b6f0c2e-8d41-4a9b-b7e5-1f2c9d8a6e40 | the connection belongs to account 999999999999
            """)
    void theConnectionMustBeThePipelines(String connection, String message) {
        ConfigProblem p = onlyProblem(deployment(pipeline().with("source",
                "{provider: github, name: acme/mlops-platform, connectionArn: \"" + connection + "\"}")));

        assertThat(p.path()).isEqualTo(KEY + ".source.connectionArn");
        assertThat(p.message()).startsWith(message);
    }

    @Test
    void unknownKeysSuggestTheClosest() {
        ConfigProblem p = onlyProblem(deployment(pipeline().with("pulumiVerison", "3.1.0")));

        assertThat(p.path()).isEqualTo(KEY + ".pulumiVerison");
        assertThat(p.message()).contains("unknown key", "did you mean \"mlops:deployment.pulumiVersion\"?");
    }

    @Test
    void deploymentMustBeAnObject() {
        ConfigProblem p = onlyProblem(minimal().with(KEY, "[true]"));

        assertThat(p.path()).isEqualTo(KEY);
        assertThat(p.message()).contains("expected an object with named settings", "found a list");
    }
}
