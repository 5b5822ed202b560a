package dev.mlops.config;

import static dev.mlops.config.StackYaml.dataSource;
import static dev.mlops.config.StackYaml.minimal;
import static dev.mlops.config.StackYaml.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.config.ModelSettings.QualityThresholds;
import dev.mlops.config.ModelSettings.RepositorySettings;
import dev.mlops.config.ModelSettings.TrainingImage;
import dev.mlops.config.ModelSettings.TrainingSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model's data, target, repository, training and thresholds ({@code mlops:models[]}); name, tag and
 * description are covered by {@link SettingsParserTest}.
 */
class ModelSettingsTest extends StackFileParsing {

    private static final String AT = "mlops:models[0]";
    private static final String ECR_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/house-prices:1.0";
    private static final String LONG_COLUMN = "p1234567890123456789012345678901234567890123456789012345678901234"
            + "5678901234567890123456789012345678901234567890123456789012345678"; // 129 characters
    private static final String LONG_BRANCH = "b12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            + "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
            + "0123456789012345678901234567890123456789012345678901234567890123456789012345"; // 256 characters
    private static final String LONG_CODECOMMIT_NAME = "r12345678901234567890123456789012345678901234567890123456789"
            + "01234567890123456789012345678901234567890"; // 101 characters
    private static final String CONNECTION_ARN =
            "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    private ModelSettings modelOf(StackYaml.Entry entry) {
        return settingsOf(minimal().models(entry)).models().get(0);
    }

    private ConfigProblem onlyProblemOf(StackYaml.Entry entry) {
        return onlyProblem(minimal().models(entry));
    }

    private List<String> problemsOf(StackYaml.Entry entry) {
        return problemsOf(minimal().models(entry));
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void aModelWithOnlyWhatIsRequiredTakesTheDefaults() {
        ModelSettings m = modelOf(model());

        assertThat(m.name()).isEqualTo("house-prices");
        assertThat(m.targetColumn()).isEqualTo("price");
        assertThat(m.dataSource()).isEmpty();
        assertThat(m.repository()).isEqualTo(new RepositorySettings("codecommit", "house-prices-model", "main", Optional.empty()));
        assertThat(m.repository().isGitHub()).isFalse();
        assertThat(m.training()).isEqualTo(new TrainingSettings(
                new TrainingImage(TrainingImage.Kind.BUILTIN_XGBOOST, Optional.empty()), "ml.m5.xlarge", 1, "ml.m5.large", 120,
                Map.of("objective", "reg:squarederror", "num_round", "200")));
        assertThat(m.thresholds()).isEqualTo(new QualityThresholds(50000, Optional.empty(), 0.7));
        assertThat(m.pipelineName()).isEmpty();
    }

    @Test
    void longValuesForTheAnnotations() {
        assertThat(LONG_COLUMN).hasSize(129);
        assertThat(LONG_BRANCH).hasSize(256);
        assertThat(LONG_CODECOMMIT_NAME).hasSize(101);
    }

    @Test
    void pipelineNameIsDerivedFromThePrefixAndTheModel() {
        assertThat(modelOf(model()).pipelineNameFor("mlops-staging")).isEqualTo("mlops-staging-house-prices-training");
    }

    @Test
    void curatedPrefixIsTheModelsNameWithoutADataSource() {
        assertThat(modelOf(model()).curatedPrefix()).isEqualTo("house-prices/");
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        ConfigProblem p = onlyProblemOf(model().with("targetColum", "price"));

        assertThat(p.path()).isEqualTo(AT + ".targetColum");
        assertThat(p.message()).contains("unknown key", "did you mean \"" + AT + ".targetColumn\"?");
    }

    // ---------------------------------------------------------------- targetColumn

    @Test
    void targetColumnIsRequired() {
        ConfigProblem p = onlyProblemOf(model().without("targetColumn"));

        assertThat(p.path()).isEqualTo(AT + ".targetColumn");
        assertThat(p.message()).isEqualTo("is required: the column the model predicts, e.g. price");
    }

    @ParameterizedTest(name = "targetColumn: {0}")
    @ValueSource(strings = {"sale price", "1price", "price!", "", LONG_COLUMN})
    void targetColumnPattern(String column) {
        ConfigProblem p = onlyProblemOf(model().with("targetColumn", "\"" + column + "\""));

        assertThat(p.path()).isEqualTo(AT + ".targetColumn");
        assertThat(p.message()).contains("is not allowed", "1 to 128 letters, digits, '_', '.' and '-', starting with a letter or '_'");
    }

    @ParameterizedTest(name = "targetColumn: {0}")
    @ValueSource(strings = {"price", "_price", "sale.price", "Sale-Price_2"})
    void targetColumnAccepted(String column) {
        assertThat(modelOf(model().with("targetColumn", column)).targetColumn()).isEqualTo(column);
    }

    // ---------------------------------------------------------------- thresholds

    @Nested
    class Thresholds {

        private StackYaml.Entry thresholds(String yaml) {
            return model().with("thresholds", yaml);
        }

        @Test
        void allThresholds() {
            assertThat(modelOf(thresholds("{maxRmse: 60000, maxMae: 40000.5, minR2: 0.75}")).thresholds())
                    .isEqualTo(new QualityThresholds(60000, Optional.of(40000.5), 0.75));
        }

        @Test
        void numbersWrittenAsTextAreAccepted() {
            // The engine hands nested values over as they are in JSON; text numbers are read as numbers.
            assertThat(modelOf(thresholds("{maxRmse: \"60000\", minR2: \" 0.5 \"}")).thresholds())
                    .isEqualTo(new QualityThresholds(60000, Optional.empty(), 0.5));
        }

        @Test
        void thresholdsAreRequired() {
            ConfigProblem p = onlyProblemOf(model().without("thresholds"));

            assertThat(p.path()).isEqualTo(AT + ".thresholds");
            assertThat(p.message()).startsWith("is required: what a new version must reach to be registered")
                    .contains("maxRmse", "minR2");
        }

        @Test
        void thresholdsMustBeAnObject() {
            ConfigProblem p = onlyProblemOf(thresholds("[50000, 0.7]"));

            assertThat(p.path()).isEqualTo(AT + ".thresholds");
            assertThat(p.message()).contains("expected an object with named settings", "found a list");
        }

        @Test
        void maxRmseAndMinR2AreRequired() {
            assertThat(problemsOf(thresholds("{maxMae: 5}"))).containsExactly(
                    AT + ".thresholds.maxRmse: is required: the largest acceptable RMSE, in the target's unit",
                    AT + ".thresholds.minR2: is required: the smallest acceptable R², between 0 and 1");
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                maxRmse | 0      | 0 must be greater than 0
                maxRmse | -1.5   | -1.5 must be greater than 0
                maxRmse | lots   | "lots" is not a finite number
                maxRmse | "NaN"  | "NaN" is not a finite number
                maxRmse | '.nan' | ".nan" is not a finite number
                maxRmse | Infinity | "Infinity" is not a finite number
                maxRmse | 1e999  | is too large: Infinity is not a finite number
                maxRmse | true   | expected a number, found the boolean true
                maxRmse | [1]    | expected a number, found a list
                maxMae  | 0      | 0 must be greater than 0
                maxMae  | -3     | -3 must be greater than 0
                maxMae  | "NaN"  | "NaN" is not a finite number
                minR2   | -0.1   | -0.1 is out of range 0..1
                minR2   | 1.5    | 1.5 is out of range 0..1
                minR2   | 70%    | "70%" is not a finite number
                minR2   | "NaN"  | "NaN" is not a finite number
                """)
        void badThreshold(String field, String value, String message) {
            String yaml = switch (field) {
                case "maxRmse" -> "{maxRmse: " + value + ", minR2: 0.7}";
                case "maxMae" -> "{maxRmse: 1, maxMae: " + value + ", minR2: 0.7}";
                default -> "{maxRmse: 1, minR2: " + value + "}";
            };
            ConfigProblem p = onlyProblemOf(thresholds(yaml));

            assertThat(p.path()).isEqualTo(AT + ".thresholds." + field);
            assertThat(p.message()).isEqualTo(message);
        }

        @ParameterizedTest(name = "minR2: {0}")
        @ValueSource(strings = {"0", "1", "0.0", "1.0"})
        void minR2Bounds(String r2) {
            assertThat(modelOf(thresholds("{maxRmse: 1, minR2: " + r2 + "}")).thresholds().minR2()).isEqualTo(Double.parseDouble(r2));
        }

        @Test
        void unknownThresholdSuggestsTheClosest() {
            ConfigProblem p = onlyProblemOf(thresholds("{maxRmse: 1, minR2: 0.5, maxMAE: 2}"));

            assertThat(p.path()).isEqualTo(AT + ".thresholds.maxMAE");
            assertThat(p.message()).contains("did you mean \"" + AT + ".thresholds.maxMae\"?");
        }
    }

    // ---------------------------------------------------------------- dataSource

    @Nested
    class DataSource {

        @Test
        void aListedDataSource() {
            ModelSettings m = settingsOf(minimal().dataSources(dataSource()).models(model().with("dataSource", "house-sales")))
                    .models().get(0);

            assertThat(m.dataSource()).contains("house-sales");
            assertThat(m.curatedPrefix()).isEqualTo("house-sales/");
        }

        @Test
        void unlistedDataSourceSuggestsTheClosest() {
            ConfigProblem p = onlyProblem(minimal().dataSources(dataSource(), dataSource().with("name", "rents"))
                    .models(model().with("dataSource", "house-sale")));

            assertThat(p.path()).isEqualTo(AT + ".dataSource");
            assertThat(p.message()).isEqualTo("\"house-sale\" is not a data source; did you mean \"house-sales\"?; "
                    + "mlops:dataSources lists house-sales, rents");
        }

        @Test
        void dataSourceWithoutAnyListed() {
            ConfigProblem p = onlyProblemOf(model().with("dataSource", "house-sales"));

            assertThat(p.path()).isEqualTo(AT + ".dataSource");
            assertThat(p.message()).isEqualTo("\"house-sales\" is not a data source; mlops:dataSources lists none");
        }

        @Test
        void dataSourceNamePattern() {
            ConfigProblem p = onlyProblem(minimal().dataSources(dataSource()).models(model().with("dataSource", "House_Sales")));

            assertThat(p.path()).isEqualTo(AT + ".dataSource");
            assertThat(p.message()).contains("\"House_Sales\" is not allowed", "lowercase letters");
        }

        @Test
        void aDataSourceWithProblemsIsStillListed() {
            // Its schedule is wrong, not its name: the model names it correctly and must not be told otherwise.
            ConfigProblem p = onlyProblem(minimal().dataSources(dataSource().with("schedule", "\"rate(1 days)\""))
                    .models(model().with("dataSource", "house-sales")));

            assertThat(p.path()).isEqualTo("mlops:dataSources[0].schedule");
        }

        @Test
        void targetMustBeAColumnOfTheDataSource() {
            ConfigProblem p = onlyProblem(minimal().dataSources(dataSource())
                    .models(model().with("dataSource", "house-sales").with("targetColumn", "prise")));

            assertThat(p.path()).isEqualTo(AT + ".targetColumn");
            assertThat(p.message()).isEqualTo("\"prise\" is not a column of data source house-sales; did you mean \"price\"?; "
                    + "its columns: price");
        }

        @Test
        void targetMustBeNumeric() {
            ConfigProblem p = onlyProblem(minimal()
                    .dataSources(dataSource().with("expectations", "{minRows: 10, columns: [{name: price, type: number}, {name: city, type: string}]}"))
                    .models(model().with("dataSource", "house-sales").with("targetColumn", "city")));

            assertThat(p.path()).isEqualTo(AT + ".targetColumn");
            assertThat(p.message()).isEqualTo("\"city\" is a string column; a regression model predicts a number or integer column");
        }

        @Test
        void anIntegerTargetIsFine() {
            ModelSettings m = settingsOf(minimal()
                    .dataSources(dataSource().with("expectations", "{minRows: 10, columns: [{name: rooms, type: integer}]}"))
                    .models(model().with("dataSource", "house-sales").with("targetColumn", "rooms"))).models().get(0);

            assertThat(m.targetColumn()).isEqualTo("rooms");
        }
    }

    // ---------------------------------------------------------------- repository

    @Nested
    class Repository {

        private StackYaml.Entry repository(String yaml) {
            return model().with("repository", yaml);
        }

        @Test
        void defaultCodeCommitNameFollowsTheModel() {
            List<ModelSettings> models = settingsOf(minimal().models(model(), model().with("name", "rent")
                    .with("repository", "{branch: release}"))).models();

            assertThat(models).extracting(m -> m.repository().name()).containsExactly("house-prices-model", "rent-model");
            assertThat(models.get(1).repository()).isEqualTo(new RepositorySettings("codecommit", "rent-model", "release", Optional.empty()));
        }

        @Test
        void namedCodeCommitRepository() {
            assertThat(modelOf(repository("{provider: codecommit, name: pricing.models_v2}")).repository())
                    .isEqualTo(new RepositorySettings("codecommit", "pricing.models_v2", "main", Optional.empty()));
        }

        @Test
        void gitHubRepository() {
            RepositorySettings r = modelOf(repository("{provider: github, name: acme/house-prices-model, branch: trunk,"
                    + " connectionArn: \"" + CONNECTION_ARN + "\"}")).repository();

            assertThat(r).isEqualTo(new RepositorySettings("github", "acme/house-prices-model", "trunk", Optional.of(CONNECTION_ARN)));
            assertThat(r.isGitHub()).isTrue();
        }

        @Test
        void olderCodeStarConnectionArnIsAccepted() {
            String arn = "arn:aws:codestar-connections:eu-west-1:111111111111:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

            assertThat(modelOf(repository("{provider: github, name: acme/m, connectionArn: \"" + arn + "\"}")).repository()
                    .connectionArn()).contains(arn);
        }

        @ParameterizedTest(name = "provider: {0}")
        @CsvSource(delimiter = '|', textBlock = """
                githb      | "githb" is not allowed; did you mean "github"?; allowed: codecommit, github
                CodeCommit | "CodeCommit" is not allowed; did you mean "codecommit"?; allowed: codecommit, github
                gitlab     | "gitlab" is not allowed; did you mean "github"?; allowed: codecommit, github
                bitbucket  | "bitbucket" is not allowed; allowed: codecommit, github
                """)
        void unknownProvider(String provider, String message) {
            ConfigProblem p = onlyProblemOf(repository("{provider: " + provider + "}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.provider");
            assertThat(p.message()).isEqualTo(message);
        }

        @Test
        void unknownProviderIsTheOnlyProblemReported() {
            // A misspelt github must not be read as codecommit, whose rules this name and ARN break.
            ConfigProblem p = onlyProblemOf(repository("{provider: githb, name: acme/house-prices-model, connectionArn: \""
                    + CONNECTION_ARN + "\"}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.provider");
            assertThat(p.message()).contains("did you mean \"github\"?");
        }

        @Test
        void gitHubNeedsNameAndConnection() {
            assertThat(problemsOf(repository("{provider: github}"))).containsExactly(
                    AT + ".repository.connectionArn: is required: the CodeStar connection through which the pipeline reads GitHub",
                    AT + ".repository.name: is required: the GitHub repository as owner/repository");
        }

        @Test
        void gitHubWithoutConnectionArn() {
            ConfigProblem p = onlyProblemOf(repository("{provider: github, name: acme/house-prices-model}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.connectionArn");
            assertThat(p.message()).startsWith("is required: ").contains("CodeStar connection");
        }

        @Test
        void connectionArnOnCodeCommit() {
            ConfigProblem p = onlyProblemOf(repository("{provider: codecommit, connectionArn: \"" + CONNECTION_ARN + "\"}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.connectionArn");
            assertThat(p.message()).isEqualTo("applies only to provider github; remove it");
        }

        @Test
        void connectionArnOnTheDefaultProvider() {
            ConfigProblem p = onlyProblemOf(repository("{connectionArn: \"" + CONNECTION_ARN + "\"}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.connectionArn");
            assertThat(p.message()).isEqualTo("applies only to provider github; remove it");
        }

        @ParameterizedTest(name = "connectionArn: {0}")
        @ValueSource(strings = {
                "arn:aws:codeconnections:eu-west-1:1111:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
                "arn:aws:codeconnections:eu-west-1:111111111111:connection/not-a-uuid",
                "arn:aws:codecommit:eu-west-1:111111111111:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
                "0a1b2c3d-4e5f-6789-abcd-ef0123456789"})
        void badConnectionArn(String arn) {
            ConfigProblem p = onlyProblemOf(repository("{provider: github, name: acme/m, connectionArn: \"" + arn + "\"}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.connectionArn");
            assertThat(p.message()).contains("\"" + arn + "\" is not allowed", "a CodeStar connection ARN such as");
        }

        @ParameterizedTest(name = "codecommit name: [{0}]")
        @ValueSource(strings = {"house prices", "house/prices", "house-prices.git", "", LONG_CODECOMMIT_NAME})
        void badCodeCommitName(String name) {
            ConfigProblem p = onlyProblemOf(repository("{name: \"" + name + "\"}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.name");
            assertThat(p.message()).contains("is not allowed", "1 to 100 letters, digits, '.', '_' and '-', not ending in .git",
                    "CodeCommit repository names");
        }

        @ParameterizedTest(name = "github name: [{0}]")
        @ValueSource(strings = {"house-prices-model", "acme/", "/house-prices", "acme/team/house-prices", "ac me/house-prices",
                "https://github.com/acme/house-prices"})
        void badGitHubName(String name) {
            ConfigProblem p = onlyProblemOf(repository("{provider: github, name: \"" + name + "\", connectionArn: \""
                    + CONNECTION_ARN + "\"}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.name");
            assertThat(p.message()).contains("\"" + name + "\" is not allowed", "owner/repository");
        }

        @ParameterizedTest(name = "branch: {0}")
        @ValueSource(strings = {"main", "release/2026.1", "feature/add-garden_size", "v2"})
        void goodBranch(String branch) {
            assertThat(modelOf(repository("{branch: \"" + branch + "\"}")).repository().branch()).isEqualTo(branch);
        }

        @ParameterizedTest(name = "branch: [{0}]")
        @ValueSource(strings = {"/main", "main/", "feature//x", "a..b", "my branch", "main~1", "", LONG_BRANCH})
        void badBranch(String branch) {
            ConfigProblem p = onlyProblemOf(repository("{branch: \"" + branch + "\"}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.branch");
            assertThat(p.message()).contains("is not allowed", "a git branch name such as main");
        }

        @Test
        void unknownRepositoryKeySuggestsTheClosest() {
            ConfigProblem p = onlyProblemOf(repository("{brnach: main}"));

            assertThat(p.path()).isEqualTo(AT + ".repository.brnach");
            assertThat(p.message()).contains("did you mean \"" + AT + ".repository.branch\"?");
        }

        @Test
        void repositoryMustBeAnObject() {
            ConfigProblem p = onlyProblemOf(repository("acme/house-prices-model"));

            assertThat(p.path()).isEqualTo(AT + ".repository");
            assertThat(p.message()).contains("expected an object with named settings", "the text \"acme/house-prices-model\"");
        }
    }

    // ---------------------------------------------------------------- training

    @Nested
    class Training {

        private StackYaml.Entry training(String yaml) {
            return model().with("training", yaml);
        }

        private TrainingSettings trainingOf(String yaml) {
            return modelOf(training(yaml)).training();
        }

        @Test
        void builtinXgboostIsTheDefaultImageAndBringsItsHyperparameters() {
            TrainingSettings t = trainingOf("{image: builtin-xgboost}");

            assertThat(t.image()).isEqualTo(new TrainingImage(TrainingImage.Kind.BUILTIN_XGBOOST, Optional.empty()));
            assertThat(t.hyperparameters()).containsExactly(Map.entry("objective", "reg:squarederror"), Map.entry("num_round", "200"));
            assertThat(t).isEqualTo(trainingOf("{}"));
        }

        @Test
        void ownContainerHasNoDefaultHyperparameters() {
            TrainingSettings t = trainingOf("{image: own-container}");

            assertThat(t.image()).isEqualTo(new TrainingImage(TrainingImage.Kind.OWN_CONTAINER, Optional.empty()));
            assertThat(t.hyperparameters()).isEmpty();
        }

        @ParameterizedTest(name = "image: {0}")
        @ValueSource(strings = {
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/house-prices:1.0",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/house-prices:latest",
                "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/house-prices:v2_1",
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/house-prices@sha256:"
                        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
        void ecrImageUriIsAccepted(String uri) {
            TrainingSettings t = trainingOf("{image: \"" + uri + "\"}");

            assertThat(t.image()).isEqualTo(new TrainingImage(TrainingImage.Kind.ECR_IMAGE, Optional.of(uri)));
            assertThat(t.hyperparameters()).as("an image of one's own takes no XGBoost defaults").isEmpty();
        }

        @ParameterizedTest(name = "image: [{0}]")
        @ValueSource(strings = {
                "xgboost:1.7-1",                                                     // Docker Hub
                "python:3.12-slim",
                "docker.io/library/python:3.12",
                "public.ecr.aws/sagemaker/sagemaker-xgboost:1.7-1",                 // ECR Public
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/house-prices",        // no tag
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/house-prices:",
                "1234567.dkr.ecr.eu-west-1.amazonaws.com/house-prices:1.0",         // short account
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/House-Prices:1.0",    // upper case repository
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/house-prices@sha256:abc",
                "Builtin-XGBoost", "xgboost", "own_container", ""})
        void otherImagesAreRejected(String image) {
            ConfigProblem p = onlyProblemOf(training("{image: \"" + image + "\"}"));

            assertThat(p.path()).isEqualTo(AT + ".training.image");
            assertThat(p.message()).isEqualTo("\"" + image + "\" is not allowed: builtin-xgboost, own-container, or an ECR image URI"
                    + " such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-model:1.0");
        }

        @Test
        void chosenInstancesAndLimits() {
            TrainingSettings t = trainingOf("{image: own-container, instanceType: ml.g5.2xlarge, instanceCount: 4,"
                    + " processingInstanceType: ml.c5.xlarge, maxRuntimeMinutes: 480}");

            assertThat(t).isEqualTo(new TrainingSettings(new TrainingImage(TrainingImage.Kind.OWN_CONTAINER, Optional.empty()),
                    "ml.g5.2xlarge", 4, "ml.c5.xlarge", 480, Map.of()));
        }

        @Test
        void unknownTrainingInstanceTypeSuggestsTheClosest() {
            ConfigProblem p = onlyProblemOf(training("{instanceType: ml.m5.xlarg}"));

            assertThat(p.path()).isEqualTo(AT + ".training.instanceType");
            assertThat(p.message()).startsWith("\"ml.m5.xlarg\" is not a SageMaker training instance type; did you mean \"ml.m5.xlarge\"?; "
                    + "for example ");
        }

        @Test
        void unknownProcessingInstanceTypeSuggestsTheClosest() {
            ConfigProblem p = onlyProblemOf(training("{processingInstanceType: ml.t3.mediun}"));

            assertThat(p.path()).isEqualTo(AT + ".training.processingInstanceType");
            assertThat(p.message()).startsWith("\"ml.t3.mediun\" is not a SageMaker processing instance type; "
                    + "did you mean \"ml.t3.medium\"?; for example ");
        }

        @ParameterizedTest(name = "instanceType: {0}")
        @ValueSource(strings = {"m5.xlarge", "ml.m5.xlarge ", "ML.M5.XLARGE", "ml.x9.huge"})
        void otherTrainingInstanceTypes(String type) {
            ConfigProblem p = onlyProblemOf(training("{instanceType: \"" + type + "\"}"));

            assertThat(p.path()).isEqualTo(AT + ".training.instanceType");
            assertThat(p.message()).startsWith("\"" + type + "\" is not a SageMaker training instance type").contains("for example ml.");
        }

        @Test
        void aTrainingOnlyTypeIsNoProcessingType() {
            assertThat(trainingOf("{instanceType: ml.trn1.2xlarge}").instanceType()).isEqualTo("ml.trn1.2xlarge");

            ConfigProblem p = onlyProblemOf(training("{processingInstanceType: ml.trn1.2xlarge}"));

            assertThat(p.path()).isEqualTo(AT + ".training.processingInstanceType");
            assertThat(p.message()).startsWith("\"ml.trn1.2xlarge\" is not a SageMaker processing instance type");
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', textBlock = """
                instanceCount     | 0     | 0 is out of range 1..20
                instanceCount     | 21    | 21 is out of range 1..20
                instanceCount     | 1.5   | 1.5 is not a whole number
                maxRuntimeMinutes | 0     | 0 is out of range 1..40320
                maxRuntimeMinutes | 40321 | 40321 is out of range 1..40320
                maxRuntimeMinutes | -10   | -10 is out of range 1..40320
                """)
        void outOfRange(String field, String value, String message) {
            ConfigProblem p = onlyProblemOf(training("{" + field + ": " + value + "}"));

            assertThat(p.path()).isEqualTo(AT + ".training." + field);
            assertThat(p.message()).isEqualTo(message);
        }

        @Test
        void rangeBounds() {
            TrainingSettings low = trainingOf("{instanceCount: 1, maxRuntimeMinutes: 1}");
            TrainingSettings high = trainingOf("{instanceCount: 20, maxRuntimeMinutes: 40320}");

            assertThat(List.of(low.instanceCount(), low.maxRuntimeMinutes(), high.instanceCount(), high.maxRuntimeMinutes()))
                    .containsExactly(1, 1, 20, 40320);
        }

        @Test
        void givenHyperparametersOverrideTheBuiltInDefaultsWhichStay() {
            TrainingSettings t = trainingOf("{hyperparameters: {objective: \"reg:absoluteerror\", max_depth: 6, eta: 0.1}}");

            // Built-in XGBoost fails without num_round, so the default stays unless it is given.
            assertThat(t.hyperparameters()).containsExactly(Map.entry("objective", "reg:absoluteerror"), Map.entry("num_round", "200"),
                    Map.entry("max_depth", "6"), Map.entry("eta", "0.1"));
        }

        @Test
        void hyperparametersForOwnContainer() {
            assertThat(trainingOf("{image: own-container, hyperparameters: {epochs: 10}}").hyperparameters())
                    .containsExactly(Map.entry("epochs", "10"));
        }

        @Test
        void badHyperparameters() {
            assertThat(problemsOf(training("{hyperparameters: {\"max depth\": 6, eta: {value: 0.1}, notes: \""
                    + "n".repeat(2501) + "\"}}"))).containsExactly(
                    AT + ".training.hyperparameters.eta: expected text, found an object",
                    AT + ".training.hyperparameters.max depth: \"max depth\" is not allowed: 1 to 256 letters, digits and _ . : / = + - @",
                    AT + ".training.hyperparameters.notes: \"" + "n".repeat(2501) + "\" is not allowed: at most 2500 characters");
        }

        @Test
        void hyperparametersMustBeAnObject() {
            ConfigProblem p = onlyProblemOf(training("{hyperparameters: [max_depth=6]}"));

            assertThat(p.path()).isEqualTo(AT + ".training.hyperparameters");
            assertThat(p.message()).contains("expected an object of names to values", "found a list");
        }

        @Test
        void unknownTrainingKeySuggestsTheClosest() {
            ConfigProblem p = onlyProblemOf(training("{instanceTyp: ml.m5.xlarge}"));

            assertThat(p.path()).isEqualTo(AT + ".training.instanceTyp");
            assertThat(p.message()).contains("did you mean \"" + AT + ".training.instanceType\"?");
        }
    }

    // ---------------------------------------------------------------- pipelineName

    @ParameterizedTest(name = "pipelineName: {0}")
    @ValueSource(strings = {"house-prices-v2", "HousePrices", "a", "x--y"})
    void configuredPipelineName(String name) {
        ModelSettings m = modelOf(model().with("pipelineName", name));

        assertThat(m.pipelineName()).contains(name);
        assertThat(m.pipelineNameFor("mlops-prod")).isEqualTo(name);
    }

    @Test
    void pipelineNameOfTheLongestAllowedLength() {
        String name = "p".repeat(256);

        assertThat(modelOf(model().with("pipelineName", name)).pipelineNameFor("mlops-prod")).isEqualTo(name);
    }

    @ParameterizedTest(name = "pipelineName: [{0}]")
    @ValueSource(strings = {"house_prices", "-house", "house-", "house prices", "house.prices", ""})
    void badPipelineName(String name) {
        ConfigProblem p = onlyProblemOf(model().with("pipelineName", "\"" + name + "\""));

        assertThat(p.path()).isEqualTo(AT + ".pipelineName");
        assertThat(p.message()).isEqualTo("\"" + name + "\" is not allowed: 1 to 256 letters, digits and hyphens, starting and ending"
                + " with a letter or digit (SageMaker pipeline names)");
    }

    @Test
    void twoModelsCannotShareATrainingPipeline() {
        ConfigProblem p = onlyProblem(minimal().models(model(),
                model().with("name", "rents").with("pipelineName", "mlops-dev-house-prices-training")));

        assertThat(p.path()).isEqualTo("mlops:models[1].pipelineName");
        assertThat(p.message()).isEqualTo("\"mlops-dev-house-prices-training\" is also the training pipeline of model house-prices;"
                + " each model needs its own pipeline name");
    }

    @Test
    void pipelineNameTooLong() {
        ConfigProblem p = onlyProblemOf(model().with("pipelineName", "p".repeat(257)));

        assertThat(p.path()).isEqualTo(AT + ".pipelineName");
        assertThat(p.message()).contains("1 to 256 letters");
    }
}
