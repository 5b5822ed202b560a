package dev.mlops.config;

import static dev.mlops.config.StackYaml.STACK;
import static dev.mlops.config.StackYaml.minimal;
import static dev.mlops.config.StackYaml.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The validation rules of {@link SettingsParser}, each fed through a small stack file the way the
 * offline preview reads it. Every rule is checked for the key path it reports and the words that tell
 * an operator what is wrong and what is allowed.
 */
class SettingsParserTest extends StackFileParsing {

    // ---------------------------------------------------------------- the real stack files

    @Nested
    class RealStackFiles {

        @Test
        void stagingParses() {
            StackSettings s = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "staging");

            assertThat(s.project()).isEqualTo("mlops");
            assertThat(s.stack()).isEqualTo("staging");
            assertThat(s.environment()).isEqualTo("staging");
            assertThat(s.aws()).isEqualTo(new AwsTarget("eu-west-1", "111111111111", Optional.empty()));
            assertThat(s.accounts()).containsExactly(Map.entry("prod", "222222222222"), Map.entry("staging", "111111111111"));
            assertThat(s.ownership()).isEqualTo(new Ownership("ml-platform", "cc-4711"));
            assertThat(s.holdsRealData()).isFalse();
            assertThat(s.alertEmails()).containsExactly("ml-platform-alerts@example.com");
            // keyDeletionWindowDays is not set in staging: the default applies.
            assertThat(s.data()).isEqualTo(new DataSettings(30, 0, 7, DataSettings.DEFAULT_KEY_DELETION_WINDOW_DAYS));
            assertThat(s.data().movesCaptureToInfrequentAccess()).isFalse();
            assertThat(s.models()).singleElement().satisfies(m -> {
                assertThat(m.name()).isEqualTo("house-prices");
                assertThat(m.tag()).isEqualTo(1);
                assertThat(m.description()).hasValueSatisfying(d -> assertThat(d).startsWith("Predicts the sale price"));
            });
            assertThat(s.scientists()).containsExactly(
                    new ScientistSettings("alice", Optional.of("alice@example.com")),
                    new ScientistSettings("bob", Optional.of("bob@example.com")));
            assertThat(s.promotion()).isEmpty();
            assertThat(s.stackReferences()).isEmpty();
        }

        @Test
        void prodParses() {
            StackSettings s = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "prod");

            assertThat(s.stack()).isEqualTo("prod");
            assertThat(s.environment()).isEqualTo("prod");
            assertThat(s.aws()).isEqualTo(new AwsTarget("eu-west-1", "222222222222", Optional.empty()));
            assertThat(s.holdsRealData()).isTrue();
            assertThat(s.alertEmails()).containsExactly("ml-platform-alerts@example.com", "ml-oncall@example.com");
            assertThat(s.data()).isEqualTo(new DataSettings(365, 30, 30, 30));
            assertThat(s.data().movesCaptureToInfrequentAccess()).isTrue();
            assertThat(s.models()).extracting(ModelSettings::name, ModelSettings::tag).containsExactly(tuple("house-prices", 1));
            assertThat(s.scientists()).extracting(ScientistSettings::userName).containsExactly("alice", "bob");
            StackName source = new StackName("acme", "mlops", "staging");
            assertThat(s.promotion()).contains(new PromotionSettings(source));
            // The source, then itself: what it deployed last time keeps a model served when the source exports nothing for it.
            assertThat(s.stackReferences()).containsExactly(source, new StackName("acme", "mlops", "prod"));
            assertThat(s.serving().strategy()).isEqualTo(ServingSettings.Strategy.GUARDRAILS);
        }

        @Test
        void stagingIdentityNetworkAndWorkbench() {
            StackSettings s = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "staging");

            assertThat(s.identity()).isEqualTo(new IdentitySettings(IdentitySettings.Source.IAM_IDENTITY_CENTER, List.of(),
                    Optional.empty(), Optional.of(new IdentitySettings.PersonaNames("MlopsDataEngineer", "MlopsDataScientist",
                    "MlopsMlEngineer")), 4));
            assertThat(s.network().cidr()).isEqualTo("10.20.0.0/16");
            assertThat(s.network().zones()).containsExactly("eu-west-1a", "eu-west-1b");
            assertThat(List.of(s.network().subnetCidr(0), s.network().subnetCidr(1))).containsExactly("10.20.0.0/20", "10.20.16.0/20");
            assertThat(s.network().natGateway()).isFalse();
            assertThat(s.network().interfaceEndpoints()).isEqualTo(NetworkSettings.DEFAULT_ENDPOINTS);
            assertThat(s.workbench()).isEqualTo(new WorkbenchSettings(60, "Small"));
        }

        @Test
        void prodIdentityNetworkAndWorkbench() {
            StackSettings s = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "prod");

            assertThat(s.identity().source()).isEqualTo(IdentitySettings.Source.IAM_IDENTITY_CENTER);
            assertThat(s.identity().permissionSets()).hasValueSatisfying(p -> assertThat(p.mlEngineer()).isEqualTo("MlopsMlEngineer"));
            assertThat(s.network().cidr()).isEqualTo("10.30.0.0/16");
            assertThat(s.network().zones()).containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
            assertThat(List.of(s.network().subnetCidr(0), s.network().subnetCidr(1), s.network().subnetCidr(2)))
                    .containsExactly("10.30.0.0/20", "10.30.16.0/20", "10.30.32.0/20");
            assertThat(s.network().publicSubnetCidr(0)).isEqualTo("10.30.128.0/20");
            assertThat(s.workbench()).isEqualTo(new WorkbenchSettings(120, "Small"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"staging", "prod"})
        void dataSourceAndModelTraining(String stack) {
            StackSettings s = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, stack);

            assertThat(s.dataSources()).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("house-sales");
                assertThat(d.sourceUri()).isEqualTo("s3://acme-partner-landing/house-sales/");
                assertThat(d.schedule()).isEqualTo("cron(0 3 * * ? *)");
                assertThat(d.expectations().minRows()).isEqualTo(500);
                assertThat(d.expectations().columns()).containsExactly(
                        new DataSourceSettings.Column("price", DataSourceSettings.ColumnType.NUMBER, true, Optional.of(1000.0),
                                Optional.of(20_000_000.0)),
                        new DataSourceSettings.Column("living_area_sqm", DataSourceSettings.ColumnType.NUMBER, true, Optional.of(10.0),
                                Optional.of(2000.0)),
                        new DataSourceSettings.Column("bedrooms", DataSourceSettings.ColumnType.INTEGER, true, Optional.of(0.0),
                                Optional.of(20.0)),
                        new DataSourceSettings.Column("year_built", DataSourceSettings.ColumnType.INTEGER, true, Optional.of(1800.0),
                                Optional.of(2030.0)),
                        new DataSourceSettings.Column("postcode", DataSourceSettings.ColumnType.STRING, true, Optional.empty(),
                                Optional.empty()),
                        new DataSourceSettings.Column("has_garden", DataSourceSettings.ColumnType.BOOLEAN, false, Optional.empty(),
                                Optional.empty()));
            });
            assertThat(s.models()).singleElement().satisfies(m -> {
                assertThat(m.dataSource()).contains("house-sales");
                assertThat(m.curatedPrefix()).isEqualTo("house-sales/");
                assertThat(m.targetColumn()).isEqualTo("price");
                assertThat(m.repository()).isEqualTo(
                        new ModelSettings.RepositorySettings("codecommit", "house-prices-model", "main", Optional.empty()));
                assertThat(m.training().image().kind()).isEqualTo(ModelSettings.TrainingImage.Kind.BUILTIN_XGBOOST);
                assertThat(m.training().instanceType()).isEqualTo("ml.m5.xlarge");
                assertThat(m.training().processingInstanceType()).isEqualTo("ml.m5.large");
                assertThat(m.training().instanceCount()).isEqualTo(1);
                assertThat(m.training().maxRuntimeMinutes()).isEqualTo(120);
                assertThat(m.training().hyperparameters()).containsExactly(Map.entry("objective", "reg:squarederror"),
                        Map.entry("num_round", "300"), Map.entry("max_depth", "6"), Map.entry("eta", "0.1"));
                assertThat(m.thresholds()).isEqualTo(new ModelSettings.QualityThresholds(60000, Optional.of(40000.0), 0.75));
                assertThat(m.pipelineName()).isEmpty();
                assertThat(m.pipelineNameFor("mlops-" + stack)).isEqualTo("mlops-" + stack + "-house-prices-training");
            });
        }

        @Test
        void fullyQualifiedStackNameReadsTheSameFile() {
            assertThat(StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "acme/mlops/prod"))
                    .isEqualTo(StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "prod"));
        }
    }

    // ---------------------------------------------------------------- defaults and accepted forms

    @Test
    void minimalStackFileTakesTheDefaults() {
        StackSettings s = settingsOf(minimal());

        assertThat(s.holdsRealData()).as("Pulumi.yaml declares holdsRealData default: true").isTrue();
        assertThat(s.data()).isEqualTo(DataSettings.defaults());
        assertThat(s.scientists()).isEmpty();
        assertThat(s.promotion()).isEmpty();
        assertThat(s.aws()).isEqualTo(new AwsTarget("eu-west-1", "123456789012", Optional.empty()));
        assertThat(s.models()).extracting(ModelSettings::name, ModelSettings::tag, ModelSettings::description)
                .containsExactly(tuple("house-prices", 1, Optional.empty()));
    }

    @Test
    void minimalStackFileTakesTheNewSettingsDefaults() {
        StackSettings s = settingsOf(minimal());

        assertThat(s.identity()).isEqualTo(new IdentitySettings(IdentitySettings.Source.ACCOUNTS, List.of("333333333333"),
                Optional.empty(), Optional.empty(), 4));
        assertThat(s.network()).isEqualTo(new NetworkSettings("10.20.0.0/16", List.of("eu-west-1a", "eu-west-1b"), false,
                NetworkSettings.DEFAULT_ENDPOINTS));
        assertThat(s.workbench()).isEqualTo(new WorkbenchSettings(60, "Small"));
        assertThat(s.dataSources()).isEmpty();
    }

    @Test
    void emptyModelListIsAllowed() {
        assertThat(settingsOf(minimal().with("mlops:models", "[]")).models()).isEmpty();
    }

    @Test
    void booleansWrittenAsTextAreAccepted() {
        assertThat(settingsOf(minimal().with("mlops:holdsRealData", "\"false\"")).holdsRealData()).isFalse();
        assertThat(settingsOf(minimal().with("mlops:holdsRealData", "\"true\"")).holdsRealData()).isTrue();
    }

    @Test
    void numbersWrittenAsTextAreAccepted() {
        StackSettings s = settingsOf(minimal()
                .with("mlops:data", "{captureRetentionDays: \"60\", captureInfrequentAccessAfterDays: \" 30 \"}")
                .models(model().with("tag", "\"2\"")));

        assertThat(s.data().captureRetentionDays()).isEqualTo(60);
        assertThat(s.data().captureInfrequentAccessAfterDays()).isEqualTo(30);
        assertThat(s.models().get(0).tag()).isEqualTo(2);
    }

    @Test
    void accountIdWrittenAsAYamlNumberIsAccepted() {
        assertThat(settingsOf(minimal().with("mlops:accounts", "{dev: 123456789012}")).aws().accountId())
                .isEqualTo("123456789012");
    }

    @Test
    void awsProfileIsOptional() {
        assertThat(settingsOf(minimal().with("aws:profile", "ml-dev")).aws().profile()).contains("ml-dev");
    }

    @Test
    void pulumiNamespaceKeysAreLeftToPulumi() {
        assertThat(settingsOf(minimal().with("pulumi:tags", "{team: ml}"))).isNotNull();
    }

    // ---------------------------------------------------------------- required keys

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mlops:environment | this environment's name, a key of mlops:accounts
            mlops:accounts    | the AWS account id of each environment
            mlops:owner       | the owning team
            mlops:costCenter  | the cost center to bill
            mlops:alertEmails | at least one e-mail address
            mlops:models      | a list of models
            aws:region        | the AWS region to deploy to
            """)
    void requiredKeyMissing(String key, String hint) {
        ConfigProblem p = onlyProblem(minimal().without(key));

        assertThat(p.path()).isEqualTo(key);
        assertThat(p.message()).startsWith("is required: ").contains(hint);
    }

    @Test
    void requiredKeyGivenAsNullIsMissing() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:owner", "null"));

        assertThat(p.path()).isEqualTo("mlops:owner");
        assertThat(p.message()).startsWith("is required");
    }

    @Test
    void emptyAlertEmailList() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:alertEmails", "[]"));

        assertThat(p.path()).isEqualTo("mlops:alertEmails");
        assertThat(p.message()).contains("at least one");
    }

    // ---------------------------------------------------------------- environment and accounts

    @Test
    void environmentNotInAccountsSuggestsTheClosest() {
        ConfigProblem p = onlyProblem(minimal()
                .with("mlops:environment", "stagin")
                .with("mlops:accounts", "{staging: \"111111111111\", prod: \"222222222222\"}"));

        assertThat(p.path()).isEqualTo("mlops:accounts");
        assertThat(p.message()).contains("no account for environment \"stagin\"", "mlops:environment",
                "did you mean \"staging\"?", "listed: prod, staging");
    }

    @Test
    void environmentNameMustSuitResourceNames() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:environment", "Dev_1"));

        assertThat(p.path()).isEqualTo("mlops:environment");
        assertThat(p.message()).contains("\"Dev_1\" is not allowed", "lowercase letters");
    }

    @Test
    void badAccountId() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:accounts", "{dev: \"123456789012\", prod: \"12345\"}"));

        assertThat(p.path()).isEqualTo("mlops:accounts.prod");
        assertThat(p.message()).contains("\"12345\"", "exactly 12 digits");
    }

    @Test
    void accountsMustBeAnObject() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:accounts", "[\"123456789012\"]"));

        assertThat(p.path()).isEqualTo("mlops:accounts");
        assertThat(p.message()).contains("expected an object", "found a list");
    }

    @Test
    void accountsKeysAreEnvironmentNames() {
        List<String> problems = problemsOf(minimal().with("mlops:accounts", "{dev: \"123456789012\", Prod: \"210987654321\"}"));

        assertThat(problems).containsExactly("mlops:accounts.Prod: \"Prod\" is not allowed: " + SettingsParser.ENVIRONMENT_RULE);
    }

    // ---------------------------------------------------------------- ownership and alerts

    @Test
    void ownerMustBeAValidTagValue() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:owner", "\"ml platform!\""));

        assertThat(p.path()).isEqualTo("mlops:owner");
        assertThat(p.message()).contains("\"ml platform!\"", "AWS tag value rules");
    }

    @Test
    void badEmail() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:alertEmails", "[alerts@example.com, not-an-address]"));

        assertThat(p.path()).isEqualTo("mlops:alertEmails[1]");
        assertThat(p.message()).contains("\"not-an-address\"", "e-mail address");
    }

    @Test
    void duplicateEmail() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:alertEmails", "[a@example.com, b@example.com, a@example.com]"));

        assertThat(p.path()).isEqualTo("mlops:alertEmails[2]");
        assertThat(p.message()).contains("\"a@example.com\"", "listed twice");
    }

    @Test
    void emailListItemsMustBeText() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:alertEmails", "[{to: a@example.com}]"));

        assertThat(p.path()).isEqualTo("mlops:alertEmails[0]");
        assertThat(p.message()).contains("expected text", "found an object");
    }

    // ---------------------------------------------------------------- AWS

    @Test
    void unknownRegionSuggestsTheClosest() {
        ConfigProblem p = onlyProblem(minimal().with("aws:region", "eu-wset-1"));

        assertThat(p.path()).isEqualTo("aws:region");
        assertThat(p.message()).contains("\"eu-wset-1\" is not an AWS region", "did you mean \"eu-west-1\"?");
    }

    @Test
    void unknownAwsKeyIsRejectedBecauseTheExplicitProviderIgnoresIt() {
        ConfigProblem p = onlyProblem(minimal().with("aws:accessKey", "AKIAEXAMPLE"));

        assertThat(p.path()).isEqualTo("aws:accessKey");
        assertThat(p.message()).contains("unknown key", "reads only aws:region and aws:profile");
    }

    @Test
    void blankAwsProfile() {
        ConfigProblem p = onlyProblem(minimal().with("aws:profile", "\" \""));

        assertThat(p.path()).isEqualTo("aws:profile");
        assertThat(p.message()).contains("must not be empty");
    }

    // ---------------------------------------------------------------- unknown keys and namespaces

    @Test
    void unknownProjectKeySuggestsTheClosest() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:modles", "[]"));

        assertThat(p.path()).isEqualTo("mlops:modles");
        assertThat(p.message()).contains("unknown key", "did you mean \"mlops:models\"?");
    }

    @Test
    void unknownProjectKeyWithoutCloseMatchListsTheKnownKeys() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:vpcCidr", "10.0.0.0/16"));

        assertThat(p.path()).isEqualTo("mlops:vpcCidr");
        assertThat(p.message()).contains("unknown key", "known keys here:", "models", "alertEmails");
    }

    @Test
    void unknownNestedKeySuggestsTheClosest() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:data", "{captureRetentionDay: 30}"));

        assertThat(p.path()).isEqualTo("mlops:data.captureRetentionDay");
        assertThat(p.message()).contains("unknown key", "did you mean \"mlops:data.captureRetentionDays\"?");
    }

    @Test
    void unknownKeyInAListItem() {
        ConfigProblem p = onlyProblem(minimal().models(model().with("tags", "2")));

        assertThat(p.path()).isEqualTo("mlops:models[0].tags");
        assertThat(p.message()).contains("did you mean \"mlops:models[0].tag\"?");
    }

    @Test
    void unknownNamespaceSuggestsTheClosest() {
        ConfigProblem p = onlyProblem(minimal().with("mlpos:models", "[]"));

        assertThat(p.path()).isEqualTo("mlpos:models");
        assertThat(p.message()).contains("unknown namespace \"mlpos\"", "did you mean \"mlops\"?", "mlops:, aws: and pulumi:");
    }

    @Test
    void bareKeyWithoutNamespace() {
        List<String> problems = problemsOf(minimal().without("mlops:models").with("models", "[]"));

        assertThat(problems).containsExactly("models: config keys need a namespace, e.g. \"mlops:models\"");
    }

    // ---------------------------------------------------------------- data lake retention

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            captureRetentionDays             | 0    | 0 is out of range 1..3650
            captureRetentionDays             | 3651 | 3651 is out of range 1..3650
            captureInfrequentAccessAfterDays | 10   | 10 is out of range: 0 (never) or 30..3650
            captureInfrequentAccessAfterDays | -1   | -1 is out of range: 0 (never) or 30..3650
            noncurrentVersionRetentionDays   | 0    | 0 is out of range 1..3650
            keyDeletionWindowDays            | 6    | 6 is out of range 7..30
            keyDeletionWindowDays            | 31   | 31 is out of range 7..30
            """)
    void dataValueOutOfRange(String field, String value, String message) {
        ConfigProblem p = onlyProblem(minimal().with("mlops:data", "{" + field + ": " + value + "}"));

        assertThat(p.path()).isEqualTo("mlops:data." + field);
        assertThat(p.message()).startsWith(message);
    }

    @Test
    void infrequentAccessMustComeBeforeExpiry() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:data",
                "{captureRetentionDays: 60, captureInfrequentAccessAfterDays: 60}"));

        assertThat(p.path()).isEqualTo("mlops:data.captureInfrequentAccessAfterDays");
        assertThat(p.message()).startsWith("60 must be less than captureRetentionDays (60)").contains("or to 0");
    }

    @Test
    void infrequentAccessDefaultAgainstShortRetentionSaysItIsTheDefault() {
        // The operator wrote only the retention; the message must not quote 30 as if they had written it.
        ConfigProblem p = onlyProblem(minimal().with("mlops:data", "{captureRetentionDays: 20}"));

        assertThat(p.path()).isEqualTo("mlops:data.captureInfrequentAccessAfterDays");
        assertThat(p.message()).startsWith("the default 30 must be less than captureRetentionDays (20)").contains("or to 0");
    }

    @Test
    void infrequentAccessIsNotComparedWithAnInvalidRetention() {
        // 5000 is rejected; comparing 100 against the fallback (90) would report a second, bogus problem.
        List<String> problems = problemsOf(minimal().with("mlops:data",
                "{captureRetentionDays: 5000, captureInfrequentAccessAfterDays: 100}"));

        assertThat(problems).containsExactly("mlops:data.captureRetentionDays: 5000 is out of range 1..3650");
    }

    @Test
    void infrequentAccessZeroMeansNever() {
        DataSettings data = settingsOf(minimal().with("mlops:data",
                "{captureRetentionDays: 1, captureInfrequentAccessAfterDays: 0}")).data();

        assertThat(data.movesCaptureToInfrequentAccess()).isFalse();
    }

    @Test
    void dataMustBeAnObject() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:data", "30"));

        assertThat(p.path()).isEqualTo("mlops:data");
        assertThat(p.message()).contains("expected an object", "the number 30");
    }

    // ---------------------------------------------------------------- models

    @Test
    void modelNamePattern() {
        ConfigProblem p = onlyProblem(minimal().models(model().with("name", "House_Prices")));

        assertThat(p.path()).isEqualTo("mlops:models[0].name");
        assertThat(p.message()).contains("\"House_Prices\" is not allowed", "lowercase letters, digits and single hyphens");
    }

    @Test
    void modelNameLength() {
        String name = "m".repeat(33);
        ConfigProblem p = onlyProblem(minimal().models(model().with("name", name)));

        assertThat(p.path()).isEqualTo("mlops:models[0].name");
        assertThat(p.message()).contains("1 to 32");
    }

    @Test
    void duplicateModelNames() {
        ConfigProblem p = onlyProblem(minimal().models(
                model(),
                model().with("name", "rent"),
                model().with("tag", "2")));

        assertThat(p.path()).isEqualTo("mlops:models[2].name");
        assertThat(p.message()).contains("\"house-prices\"", "unique");
    }

    @ParameterizedTest(name = "tag: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            0          | 0 is not a positive whole number (model tags start at 1)
            -1         | -1 is not a positive whole number
            one        | "one" is not a whole number
            1.5        | 1.5 is not a whole number
            2147483648 | 2147483648 is too large
            [1]        | expected a whole number, found a list
            true       | expected a whole number, found the boolean true
            """)
    void badModelTag(String tag, String message) {
        ConfigProblem p = onlyProblem(minimal().models(model().with("tag", tag)));

        assertThat(p.path()).isEqualTo("mlops:models[0].tag");
        assertThat(p.message()).startsWith(message);
    }

    @Test
    void modelWithoutNameOrTag() {
        assertThat(problemsOf(minimal().models(model().without("name").without("tag").with("description", "nameless")))).containsExactly(
                "mlops:models[0].name: is required: the model's name, e.g. house-prices",
                "mlops:models[0].tag: is required: the model tag, a positive whole number such as 1");
    }

    @Test
    void modelListItemsMustBeObjects() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:models", "[house-prices]"));

        assertThat(p.path()).isEqualTo("mlops:models[0]");
        assertThat(p.message()).contains("expected an object with named settings", "the text \"house-prices\"");
    }

    @Test
    void modelsMustBeAList() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:models", "{name: house-prices, tag: 1}"));

        assertThat(p.path()).isEqualTo("mlops:models");
        assertThat(p.message()).contains("expected a list", "found an object");
    }

    @Test
    void modelDescriptionLength() {
        ConfigProblem p = onlyProblem(minimal().models(model().with("description", "d".repeat(1025))));

        assertThat(p.path()).isEqualTo("mlops:models[0].description");
        assertThat(p.message()).contains("is 1025 characters; at most 1024");
    }

    // ---------------------------------------------------------------- scientists

    @Test
    void duplicateScientistNamesIgnoringCase() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:scientists", "[{userName: alice}, {userName: Alice}]"));

        assertThat(p.path()).isEqualTo("mlops:scientists[1].userName");
        assertThat(p.message()).contains("\"Alice\" is listed twice", "unique user name");
    }

    @ParameterizedTest(name = "userName: {0}")
    @CsvSource({"alice_smith", "-alice", "alice-", "a.b"})
    void invalidScientistUserName(String userName) {
        ConfigProblem p = onlyProblem(minimal().with("mlops:scientists", "[{userName: \"" + userName + "\"}]"));

        assertThat(p.path()).isEqualTo("mlops:scientists[0].userName");
        assertThat(p.message()).contains("\"" + userName + "\" is not allowed", "SageMaker user profile names");
    }

    @Test
    void scientistEmailIsChecked() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:scientists", "[{userName: alice, email: alice}]"));

        assertThat(p.path()).isEqualTo("mlops:scientists[0].email");
        assertThat(p.message()).contains("e-mail address");
    }

    @Test
    void scientistWithoutUserName() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:scientists", "[{email: alice@example.com}]"));

        assertThat(p.path()).isEqualTo("mlops:scientists[0].userName");
        assertThat(p.message()).startsWith("is required");
    }

    // ---------------------------------------------------------------- promotion

    @ParameterizedTest(name = "sourceStack: {0}")
    @CsvSource({"acme/mlops", "acme/mlops/staging/extra", "acme//staging", "acme/ml ops/staging"})
    void malformedPromotionSource(String source) {
        ConfigProblem p = onlyProblem(minimal().with("mlops:promotion", "{sourceStack: \"" + source + "\"}"));

        assertThat(p.path()).isEqualTo("mlops:promotion.sourceStack");
        assertThat(p.message()).contains("\"" + source + "\" is not a stack name", "organization/project/stack");
    }

    @Test
    void promotionFromItself() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:promotion", "{sourceStack: acme/mlops/" + STACK + "}"));

        assertThat(p.path()).isEqualTo("mlops:promotion.sourceStack");
        assertThat(p.message()).contains("is this stack", "cannot promote from itself");
    }

    @Test
    void promotionNeedsSourceStack() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:promotion", "{}"));

        assertThat(p.path()).isEqualTo("mlops:promotion.sourceStack");
        assertThat(p.message()).startsWith("is required");
    }

    @Test
    void promotionFromAnotherProjectsStackOfTheSameNameIsAllowed() {
        assertThat(settingsOf(minimal().with("mlops:promotion", "{sourceStack: acme/other/" + STACK + "}")).promotion())
                .contains(new PromotionSettings(new StackName("acme", "other", STACK)));
    }

    // ---------------------------------------------------------------- secrets and types

    @Test
    void secureValueWherePlainTextIsExpected() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:owner", "{secure: AAABAKx0cGFzc3dvcmQ=}"));

        assertThat(p.path()).isEqualTo("mlops:owner");
        assertThat(p.message()).contains("encrypted (secure:) value", "plain text");
    }

    @Test
    void secureValueInsideAList() {
        ConfigProblem p = onlyProblem(minimal().models(model().with("name", "{secure: AAAB}")));

        assertThat(p.path()).isEqualTo("mlops:models[0].name");
        assertThat(p.message()).contains("encrypted (secure:) value");
    }

    @Test
    void secureValueWhereAWholeNumberIsExpected() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:data", "{keyDeletionWindowDays: {secure: AAAB}}"));

        assertThat(p.path()).isEqualTo("mlops:data.keyDeletionWindowDays");
        assertThat(p.message()).contains("encrypted (secure:) value", "whole number");
    }

    @Test
    void secureValueWhereAListIsExpected() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:alertEmails", "{secure: AAAB}"));

        assertThat(p.path()).isEqualTo("mlops:alertEmails");
        assertThat(p.message()).contains("expected a list", "encrypted (secure:) value");
    }

    @Test
    void booleanGivenAsOtherText() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:holdsRealData", "\"sometimes\""));

        assertThat(p.path()).isEqualTo("mlops:holdsRealData");
        assertThat(p.message()).contains("\"sometimes\" is not a boolean", "allowed: true, false");
    }

    @Test
    void yamlOneOneBooleanWordsAreTextAsPulumiReadsThem() {
        // Pulumi hands a top-level value to the program as its text: "yes" reaches the engine as "yes", not true.
        // The offline reader must fail the same way, not accept what `pulumi up` then rejects.
        ConfigProblem p = onlyProblem(minimal().with("mlops:holdsRealData", "yes"));

        assertThat(p.path()).isEqualTo("mlops:holdsRealData");
        assertThat(p.message()).contains("\"yes\" is not a boolean");
        assertThat(settingsOf(minimal().with("mlops:owner", "on")).ownership().owner()).isEqualTo("on");
    }

    @Test
    void textGivenAnObject() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:costCenter", "{id: 4711}"));

        assertThat(p.path()).isEqualTo("mlops:costCenter");
        assertThat(p.message()).contains("expected text, found an object");
    }

    // ---------------------------------------------------------------- all problems at once

    @Test
    void everyProblemInOneFileIsReportedAtOnce() {
        List<String> problems = problemsOf("""
                config:
                  aws:region: eu-wset-1
                  aws:accessKey: AKIAEXAMPLE
                  mlops:environment: dev
                  mlops:accounts: {dev: "1234"}
                  mlops:costCenter: cc-4711
                  mlops:alertEmails: [alerts@example.com, alerts@example.com]
                  mlops:data: {captureRetentionDays: 0, keyDeletionWindowDays: 99}
                  mlops:identity: {source: accounts, trustedAccountIds: ["333333333333"]}
                  mlops:models:
                    - {name: House, tag: 0, targetColumn: price, thresholds: {maxRmse: 50000, minR2: 0.7}, serving: {featureCount: 4}}
                    - {name: rent, tag: one, targetColumn: rent, thresholds: {maxRmse: 300, minR2: 0.5}, serving: {featureCount: 4}}
                  mlops:scientists: [{userName: bob}, {userName: BOB}]
                  mlops:promotion: {sourceStack: acme/mlops/dev}
                  mlops:modles: []
                  mlpos:owner: ml-platform
                """);

        assertThat(problems).hasSize(14).containsExactly(
                "aws:accessKey: unknown key; known keys here: region, profile "
                        + "(this program's explicit AWS provider reads only aws:region and aws:profile)",
                "aws:region: \"eu-wset-1\" is not an AWS region; did you mean \"eu-west-1\"?; "
                        + "for example us-east-1, eu-west-1, ap-southeast-2",
                "mlops:accounts.dev: \"1234\" is not allowed: an AWS account id is exactly 12 digits",
                "mlops:alertEmails[1]: \"alerts@example.com\" is listed twice",
                "mlops:data.captureRetentionDays: 0 is out of range 1..3650",
                "mlops:data.keyDeletionWindowDays: 99 is out of range 7..30",
                "mlops:models[0].name: \"House\" is not allowed: 1 to 32 lowercase letters, digits and single hyphens, "
                        + "starting and ending with a letter or digit",
                "mlops:models[0].tag: 0 is not a positive whole number (model tags start at 1)",
                "mlops:models[1].tag: \"one\" is not a whole number",
                "mlops:modles: unknown key; did you mean \"mlops:models\"?",
                "mlops:owner: is required: the owning team, e.g. ml-platform",
                "mlops:promotion.sourceStack: \"acme/mlops/dev\" is this stack; a stack cannot promote from itself",
                "mlops:scientists[1].userName: \"BOB\" is listed twice; each scientist needs a unique user name",
                "mlpos:owner: unknown namespace \"mlpos\"; did you mean \"mlops\"?; this program reads mlops:, aws: and pulumi: keys");
    }

    @Test
    void problemsAreSortedAndDistinct() {
        ConfigException e = failureOf(minimal()
                .models(model().with("name", "b").with("tag", "0"), model().with("name", "a").with("tag", "0"),
                        model().with("name", "b").with("tag", "0"))
                .with("mlops:alertEmails", "[x, y, x]")
                .without("aws:region").toString());

        assertThat(e.problems()).isSorted().doesNotHaveDuplicates().hasSize(8);
        assertThat(e.problems().get(0).path()).isEqualTo("aws:region");
    }

    @Test
    void identicalProblemsAreReportedOnce() {
        Problems problems = new Problems();
        problems.add("mlops:b", "second");
        problems.add("mlops:a", "first");
        problems.add("mlops:b", "second");

        assertThatThrownBy(() -> problems.throwIfAny("Pulumi.dev.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(TestProjects.lines(e))
                        .containsExactly("mlops:a: first", "mlops:b: second"));
    }

    @Test
    void exceptionMessageIsForPeople() {
        ConfigException e = failureOf(minimal().without("mlops:owner").without("mlops:costCenter").toString());

        assertThat(e.source()).isEqualTo("Pulumi.dev.yaml");
        assertThat(e.getMessage()).isEqualTo("""
                Pulumi.dev.yaml has 2 configuration problems:
                  mlops:costCenter: is required: the cost center to bill, e.g. cc-1234
                  mlops:owner: is required: the owning team, e.g. ml-platform""");
    }
}
