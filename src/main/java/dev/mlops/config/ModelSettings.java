package dev.mlops.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInstanceType;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/**
 * One regression model the platform ships.
 *
 * @param name         lowercase name used in resource names and S3 prefixes, unique per stack
 * @param tag          the {@code Model_Tag} of {@code V<Model_Tag>.<Manual_Revision>.<Auto_Revision>}
 * @param description  what the model predicts, shown in the model registry
 * @param dataSource   the data source it trains on (curated/{@code dataSource}/); empty: curated/{@code name}/
 * @param targetColumn the column the model predicts
 * @param repository   where the model's code lives; a merge to its branch starts delivery
 * @param training     how the training pipeline trains it
 * @param thresholds   the evaluation a new version must pass to be registered
 * @param pipelineName the SageMaker pipeline's name, when the derived one is not wanted
 * @param serving      its endpoint's instances, autoscaling and pinned package
 * @param retraining   when it is retrained without new code (schedule, new data, drift)
 * @param monitoring   its quality alarms, evaluation window and promotion gate
 */
public record ModelSettings(
        String name,
        int tag,
        Optional<String> description,
        Optional<String> dataSource,
        String targetColumn,
        RepositorySettings repository,
        TrainingSettings training,
        QualityThresholds thresholds,
        Optional<String> pipelineName,
        ServingSettings.ModelServing serving,
        RetrainingSettings retraining,
        MonitoringSettings monitoring) {

    /** A model of a stack that trains its models, with the default retraining and monitoring. */
    public ModelSettings(String name, int tag, Optional<String> description, Optional<String> dataSource, String targetColumn,
                         RepositorySettings repository, TrainingSettings training, QualityThresholds thresholds,
                         Optional<String> pipelineName, ServingSettings.ModelServing serving) {
        this(name, tag, description, dataSource, targetColumn, repository, training, thresholds, pipelineName, serving,
                RetrainingSettings.defaults(false), MonitoringSettings.defaults(thresholds));
    }

    /**
     * @param provider     {@code codecommit}: a repository this stack creates; {@code github}: an existing one
     * @param name         the CodeCommit repository name, or {@code owner/repository} on GitHub
     * @param branch       the branch whose merges are delivered
     * @param connectionArn the CodeStar connection to GitHub (github only)
     */
    public record RepositorySettings(String provider, String name, String branch, Optional<String> connectionArn) {
        public boolean isGitHub() {
            return provider.equals("github");
        }
    }

    /**
     * @param image                  the training image: the region's built-in XGBoost, the model's own container
     *                               (built by delivery into its ECR repository), or an ECR image URI
     * @param instanceType           training instance type
     * @param instanceCount          training instances
     * @param processingInstanceType instance type of preprocessing and evaluation
     * @param maxRuntimeMinutes      the training job's stopping condition
     * @param hyperparameters        passed to the training job; for built-in XGBoost over the defaults objective and num_round
     */
    public record TrainingSettings(TrainingImage image, String instanceType, int instanceCount, String processingInstanceType,
                                   int maxRuntimeMinutes, Map<String, String> hyperparameters) {
        public TrainingSettings {
            hyperparameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        }
    }

    /** {@code kind} BUILTIN_XGBOOST or OWN_CONTAINER have no URI; ECR_IMAGE has one. */
    public record TrainingImage(Kind kind, Optional<String> uri) {
        public enum Kind { BUILTIN_XGBOOST, OWN_CONTAINER, ECR_IMAGE }
    }

    /**
     * A new version is registered only if its evaluation passes every threshold given.
     *
     * @param maxRmse root mean squared error must be at most this
     * @param maxMae  mean absolute error must be at most this, when given
     * @param minR2   the coefficient of determination must be at least this (0..1)
     */
    public record QualityThresholds(double maxRmse, Optional<Double> maxMae, double minR2) {
    }

    static final String BUILTIN = "builtin-xgboost";
    static final String OWN = "own-container";
    static final Check<String> ECR_IMAGE = Check.pattern(
            "\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9]+(?:[._/-][a-z0-9]+)*(:[\\w][\\w.-]{0,127}|@sha256:[a-f0-9]{64})",
            "builtin-xgboost, own-container, or an ECR image URI such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-model:1.0");
    static final Check<String> CODECOMMIT_NAME = Check.pattern("(?!.*\\.git$)[\\w.-]{1,100}",
            "1 to 100 letters, digits, '.', '_' and '-', not ending in .git (CodeCommit repository names)");
    static final Check<String> GITHUB_NAME = Check.pattern("[A-Za-z0-9-]{1,39}/[\\w.-]{1,100}", "owner/repository, e.g. acme/house-prices-model");
    static final Check<String> CONNECTION_ARN = Check.pattern(
            "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[0-9a-f-]{36}",
            "a CodeStar connection ARN such as arn:aws:codeconnections:eu-west-1:111111111111:connection/<uuid>");
    static final Check<String> BRANCH = Check.pattern("(?!/|.*//|.*\\.\\.|.*/$)[\\w./-]{1,255}", "a git branch name such as main");
    // SageMaker PipelineName: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}
    static final Check<String> PIPELINE_NAME = Check.pattern("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}",
            "1 to 256 letters, digits and hyphens, starting and ending with a letter or digit (SageMaker pipeline names)");
    static final Check<String> HYPERPARAMETER_KEY = Check.pattern("[\\w.:/=+\\-@]{1,256}", "1 to 256 letters, digits and _ . : / = + - @");
    static final Check<String> HYPERPARAMETER_VALUE = Check.pattern("(?s).{0,2500}", "at most 2500 characters");
    static final Map<String, String> XGBOOST_DEFAULTS = Map.of("objective", "reg:squarederror", "num_round", "200");

    /**
     * @param dataSources names of the data sources (also those with other problems), for the dataSource reference
     * @param sources     the data sources that parsed, for checking the target column against their columns
     * @param prefix      the naming prefix when known, for checking that pipeline names are unique
     * @param servingSettings the stack's serving strategy, which limits the instance types a model may use and the gate
     * @param promotes        whether the stack promotes from another one (its models are not trained here)
     */
    static List<ModelSettings> readAll(ConfigReader m, String key, Set<String> dataSources, List<DataSourceSettings> sources,
                                       Optional<String> prefix, ServingSettings servingSettings, boolean promotes) {
        List<ConfigReader> entries = m.objectList(key)
                .required("a list of models, e.g. [{name: house-prices, tag: 1, targetColumn: price, thresholds: {maxRmse: 50000, minR2: 0.7}}]"
                        + " (an empty list is allowed)")
                .orElse(List.of());
        List<ModelSettings> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, String> pipelines = new java.util.HashMap<>();
        for (ConfigReader e : entries) {
            Field<String> nameField = e.string("name").required("the model's name, e.g. house-prices").check(SettingsParser.MODEL_NAME);
            String name = nameField.value();
            boolean firstOfItsName = name != null && names.add(name);
            if (name != null && !firstOfItsName) {
                e.problems().add(nameField.path(), "\"" + name + "\" is used by another model; model names must be unique");
            }
            Integer tag = e.integer("tag").required("the model tag, a positive whole number such as 1")
                    .check(new Check<>(v -> v >= 1, v -> v + " is not a positive whole number (model tags start at 1)")).value();
            Optional<String> description = e.string("description").check(Check.maxLength(1024)).optional();
            Field<String> sourceField = e.string("dataSource").check(SettingsParser.MODEL_NAME);
            if (sourceField.value() != null && !dataSources.contains(sourceField.value())) {
                e.problems().add(sourceField.path(), "\"" + sourceField.value() + "\" is not a data source"
                        + Suggestions.didYouMean(sourceField.value(), dataSources)
                        + (dataSources.isEmpty() ? "; mlops:dataSources lists none" : "; mlops:dataSources lists " + String.join(", ", dataSources)));
            }
            Field<String> targetField = e.string("targetColumn").required("the column the model predicts, e.g. price")
                    .check(DataSourceSettings.COLUMN_NAME);
            String target = targetField.value();
            sources.stream().filter(src -> src.name().equals(sourceField.value())).findFirst().ifPresent(src -> {
                if (target == null) {
                    return;
                }
                var column = src.expectations().columns().stream().filter(c -> c.name().equals(target)).findFirst();
                if (column.isEmpty()) {
                    e.problems().add(targetField.path(), "\"" + target + "\" is not a column of data source " + src.name()
                            + Suggestions.didYouMean(target, src.expectations().columns().stream().map(DataSourceSettings.Column::name).toList())
                            + "; its columns: " + String.join(", ", src.expectations().columns().stream().map(DataSourceSettings.Column::name).toList()));
                } else if (column.get().type() != DataSourceSettings.ColumnType.NUMBER && column.get().type() != DataSourceSettings.ColumnType.INTEGER) {
                    e.problems().add(targetField.path(), "\"" + target + "\" is a " + column.get().type().key()
                            + " column; a regression model predicts a number or integer column");
                }
            });
            RepositorySettings repository = repository(e.object("repository"), name);
            TrainingSettings training = training(e.object("training"));
            QualityThresholds thresholds = thresholds(e);
            Field<String> pipelineField = e.string("pipelineName").check(PIPELINE_NAME);
            Optional<String> pipelineName = pipelineField.optional();
            // A repeated model name is reported above; its pipeline would only repeat the news.
            if (firstOfItsName && prefix.isPresent()) {
                String effective = pipelineName.orElse(prefix.get() + "-" + name + "-training");
                String other = pipelines.putIfAbsent(effective, name);
                if (other != null) {
                    e.problems().add(pipelineField.path(), "\"" + effective + "\" is also the training pipeline of model " + other
                            + "; each model needs its own pipeline name");
                }
            }
            Optional<DataSourceSettings> source = sources.stream().filter(src -> src.name().equals(sourceField.value())).findFirst();
            Optional<Integer> derivedFeatures = source.map(src -> featureColumns(src, target).size()).filter(n -> n > 0);
            Optional<String> featuresRequired = sourceField.value() == null
                    ? Optional.of("is required when the model names no dataSource: how many features one request row has, e.g. 5")
                    : source.map(src -> "is required: data source " + src.name()
                    + " has no number, integer or boolean column besides the target");
            ServingSettings.ModelServing serving = ServingSettings.readModel(e.object("serving"), derivedFeatures, featuresRequired,
                    servingSettings);
            RetrainingSettings retraining = RetrainingSettings.read(e.object("retraining"), promotes);
            MonitoringSettings monitoring = MonitoringSettings.read(e.object("monitoring"), thresholds, servingSettings);
            e.rejectUnknownKeys();
            if (name != null && tag != null && target != null && repository != null && thresholds != null) {
                models.add(new ModelSettings(name, tag, description, sourceField.optional(), target, repository, training,
                        thresholds, pipelineName, serving, retraining, monitoring));
            }
        }
        return models;
    }

    private static RepositorySettings repository(ConfigReader r, String modelName) {
        return repository(r, modelName == null ? null : modelName + "-model", false);
    }

    /**
     * A git repository: {@code {provider, name, branch, connectionArn}}, as a model's code and the platform's own
     * program (continuous deployment) name theirs.
     *
     * @param defaultCodeCommitName the CodeCommit repository name when none is given, or null
     * @param codeCommitNameRequired whether a CodeCommit repository must be named (when there is no default)
     * @return the repository, or null when a problem was reported
     */
    static RepositorySettings repository(ConfigReader r, String defaultCodeCommitName, boolean codeCommitNameRequired) {
        Field<String> providerField = r.string("provider").check(Check.oneOf(List.of("codecommit", "github")));
        String provider = providerField.orElse("codecommit");
        Field<String> nameField = r.string("name");
        String branch = r.string("branch").check(BRANCH).orElse("main");
        Field<String> connectionField = r.string("connectionArn").check(CONNECTION_ARN);
        r.rejectUnknownKeys();
        if (!providerField.isValid()) {
            // Reported; judging name and connectionArn by codecommit's rules would blame values meant for another provider.
            return null;
        }
        String name;
        if (provider.equals("github")) {
            name = nameField.required("the GitHub repository as owner/repository").check(GITHUB_NAME).value();
            connectionField.required("the CodeStar connection through which the pipeline reads GitHub");
        } else {
            if (codeCommitNameRequired) {
                nameField.required("the CodeCommit repository's name, e.g. mlops-platform");
            }
            name = nameField.check(CODECOMMIT_NAME).orElse(defaultCodeCommitName);
            if (connectionField.isPresent()) {
                r.problems().add(connectionField.path(), "applies only to provider github; remove it");
            }
        }
        return name == null || !connectionField.isValid() ? null
                : new RepositorySettings(provider, name, branch, connectionField.optional());
    }

    private static TrainingSettings training(ConfigReader t) {
        String imageText = t.string("image").check(new Check<>(
                v -> v.equals(BUILTIN) || v.equals(OWN) || ECR_IMAGE.accepts().test(v), ECR_IMAGE.explain())).orElse(BUILTIN);
        TrainingImage image = imageText.equals(BUILTIN) ? new TrainingImage(TrainingImage.Kind.BUILTIN_XGBOOST, Optional.empty())
                : imageText.equals(OWN) ? new TrainingImage(TrainingImage.Kind.OWN_CONTAINER, Optional.empty())
                : new TrainingImage(TrainingImage.Kind.ECR_IMAGE, Optional.of(imageText));
        String instanceType = t.string("instanceType").check(instanceType(trainingTypes(), "training")).orElse("ml.m5.xlarge");
        int count = t.integer("instanceCount").check(Check.range(1, 20)).orElse(1);
        String processing = t.string("processingInstanceType").check(instanceType(processingTypes(), "processing"))
                .orElse("ml.m5.large");
        int runtime = t.integer("maxRuntimeMinutes").check(Check.range(1, 40320)).orElse(120);
        Map<String, String> given = t.stringMap("hyperparameters", HYPERPARAMETER_KEY, HYPERPARAMETER_VALUE).orElse(Map.of());
        // Built-in XGBoost needs num_round and a regression objective: keep the defaults under what is given.
        Map<String, String> hyper = new LinkedHashMap<>();
        if (image.kind() == TrainingImage.Kind.BUILTIN_XGBOOST) {
            hyper.put("objective", XGBOOST_DEFAULTS.get("objective"));
            hyper.put("num_round", XGBOOST_DEFAULTS.get("num_round"));
        }
        hyper.putAll(given);
        t.rejectUnknownKeys();
        return new TrainingSettings(image, instanceType, count, processing, runtime, hyper);
    }

    private static QualityThresholds thresholds(ConfigReader e) {
        e.require("thresholds", "what a new version must reach to be registered, e.g. {maxRmse: 50000, maxMae: 35000, minR2: 0.7}");
        Optional<ConfigReader> maybe = e.optionalObject("thresholds");
        if (maybe.isEmpty()) {
            return null;
        }
        ConfigReader t = maybe.get();
        Double rmse = t.decimal("maxRmse").required("the largest acceptable RMSE, in the target's unit").check(Check.positive()).value();
        Optional<Double> mae = t.decimal("maxMae").check(Check.positive()).optional();
        Double r2 = t.decimal("minR2").required("the smallest acceptable R², between 0 and 1").check(Check.between(0, 1)).value();
        t.rejectUnknownKeys();
        return rmse == null || r2 == null ? null : new QualityThresholds(rmse, mae, r2);
    }

    static Check<String> instanceType(Set<String> known, String what) {
        return new Check<>(known::contains, v -> "\"" + v + "\" is not a SageMaker " + what + " instance type"
                + Suggestions.didYouMean(v, known) + "; for example " + known.stream().sorted().limit(3).collect(Collectors.joining(", ")));
    }

    static Set<String> trainingTypes() {
        return Arrays.stream(TrainingInstanceType.values()).filter(v -> v != TrainingInstanceType.UNKNOWN_TO_SDK_VERSION)
                .map(TrainingInstanceType::toString).collect(Collectors.toSet());
    }

    static Set<String> processingTypes() {
        return Arrays.stream(ProcessingInstanceType.values()).filter(v -> v != ProcessingInstanceType.UNKNOWN_TO_SDK_VERSION)
                .map(ProcessingInstanceType::toString).collect(Collectors.toSet());
    }

    /**
     * The columns preprocessing keeps as features, in order: every number, integer and boolean column
     * except the target (pipelines/training/preprocess.py drops text columns).
     */
    public static List<String> featureColumns(DataSourceSettings source, String target) {
        return source.expectations().columns().stream()
                .filter(c -> !c.name().equals(target) && c.type() != DataSourceSettings.ColumnType.STRING)
                .map(DataSourceSettings.Column::name).toList();
    }

    /** The SageMaker pipeline's name: the configured one, or {@code <prefix>-<model>-training}. */
    public String pipelineNameFor(String prefix) {
        return pipelineName.orElse(prefix + "-" + name + "-training");
    }

    /** The curated prefix the model trains on. */
    public String curatedPrefix() {
        return dataSource.orElse(name) + "/";
    }
}
