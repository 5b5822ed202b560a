package dev.mlops.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.config.ModelSettings;
import dev.mlops.config.ServingSettings;
import dev.mlops.promotion.PromotedPackage;
import dev.mlops.serving.lookup.ApprovalStatus;
import dev.mlops.serving.lookup.ChampionChallengerRule;
import dev.mlops.serving.lookup.ModelPackageLookup;
import dev.mlops.serving.lookup.PackageSummary;
import dev.mlops.serving.lookup.PlaceholderModelPackageLookup;
import dev.mlops.serving.lookup.Selection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The decision table of which packages each endpoint serves: a pin beats everything; a promoting stack serves what its
 * source approved, else what it deployed before, else nothing; any other stack asks the registry for a champion and,
 * in a shadow stack, a challenger. Every decision that leaves a model short of what an operator may expect warns.
 */
class ServingPlanTest {

    private static final String PREFIX = "mlops-staging";
    private static final String SOURCE = "acme/mlops/staging";
    private static final ServingSettings SHADOW = ServingSettings.defaults(false);
    private static final ServingSettings GUARDRAILS = ServingSettings.defaults(true);

    private final List<String> warnings = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();

    private static String arn(String group, int version) {
        return "arn:aws:sagemaker:eu-west-1:111111111111:model-package/" + group + "/" + version;
    }

    private static String group(String model) {
        return PREFIX + "-" + model;
    }

    private static ModelSettings model(String name) {
        return model(name, Optional.empty());
    }

    private static ModelSettings model(String name, Optional<String> pin) {
        return new ModelSettings(name, 1, Optional.empty(), Optional.empty(), "price",
                new ModelSettings.RepositorySettings("codecommit", name + "-model", "main", Optional.empty()),
                new ModelSettings.TrainingSettings(new ModelSettings.TrainingImage(ModelSettings.TrainingImage.Kind.BUILTIN_XGBOOST,
                        Optional.empty()), "ml.m5.xlarge", 1, "ml.m5.large", 60, Map.of()),
                new ModelSettings.QualityThresholds(50000, Optional.empty(), 0.7), Optional.empty(),
                new ServingSettings.ModelServing("ml.m5.large", 1, 1, 2, 100, List.of(), pin, Optional.of(4)));
    }

    private static PackageSummary pkg(String model, int version, ApprovalStatus status) {
        return new PackageSummary(arn(group(model), version), version, status, Instant.parse("2026-05-01T00:00:00Z").plusSeconds(version));
    }

    /** A registry answering from package lists per group, knowing versions V1.0.<n> for the packages it lists; records who asked. */
    private ModelPackageLookup registry(Map<String, List<PackageSummary>> packagesByModel) {
        return new ModelPackageLookup() {
            @Override
            public Selection select(String groupName) {
                asked.add(groupName);
                String model = groupName.substring(PREFIX.length() + 1);
                if (!packagesByModel.containsKey(model)) {
                    throw new IllegalArgumentException("no group " + groupName);
                }
                return ChampionChallengerRule.select(groupName, packagesByModel.get(model));
            }

            @Override
            public Optional<String> modelVersion(String modelPackageArn) {
                int version = Integer.parseInt(modelPackageArn.substring(modelPackageArn.lastIndexOf('/') + 1));
                return version == 5 ? Optional.empty() : Optional.of("V1.0." + version);
            }
        };
    }

    /** A registry that must not be consulted. */
    private static ModelPackageLookup untouchable() {
        return groupName -> {
            throw new AssertionError("the registry was asked about " + groupName);
        };
    }

    private Map<String, ServedModel> decide(List<ModelSettings> models, ServingSettings serving, ModelPackageLookup lookup,
                                            Optional<ServingPlan.Promotion> promotion) {
        return ServingPlan.decide(models, serving, m -> group(m.name()), lookup, promotion, warnings::add);
    }

    private static ServedModel.Variant champion(ServedModel s) {
        return s.champion().orElseThrow(() -> new AssertionError("no champion: " + s.reason()));
    }

    @Nested
    class Pinned {

        @Test
        void aPinBeatsTheRegistryAndHasNoChallenger() {
            String pin = arn(group("house-prices"), 7);
            ServedModel s = decide(List.of(model("house-prices", Optional.of(pin))), SHADOW, registry(Map.of()), Optional.empty())
                    .get("house-prices");

            assertThat(champion(s)).isEqualTo(new ServedModel.Variant(ServedModel.CHAMPION, pin, "V1.0.7"));
            assertThat(s.challenger()).isEmpty();
            assertThat(s.placeholder()).isFalse();
            assertThat(s.source()).isEqualTo("pinned in mlops:models[].serving.pinnedModelPackageArn");
            assertThat(s.reason()).contains("pinned", "registry was not consulted");
            assertThat(asked).isEmpty();
            assertThat(warnings).isEmpty();
        }

        @Test
        void aPinBeatsWhatTheSourceStackApproved() {
            String pin = arn("mlops-staging-house-prices", 3);
            var promotion = new ServingPlan.Promotion(SOURCE,
                    Map.of("house-prices", new PromotedPackage(arn("mlops-staging-house-prices", 9), "V1.0.9", false)),
                    Map.of("house-prices", new PromotedPackage(arn("mlops-staging-house-prices", 8), "V1.0.8", false)));
            ServedModel s = decide(List.of(model("house-prices", Optional.of(pin))), GUARDRAILS, untouchable(), Optional.of(promotion))
                    .get("house-prices");

            // A promoting stack does not read the registry, so the pinned package's version is not known by name.
            assertThat(champion(s)).isEqualTo(new ServedModel.Variant(ServedModel.CHAMPION, pin, "package-3"));
            assertThat(s.challenger()).isEmpty();
            assertThat(warnings).isEmpty();
        }
    }

    @Nested
    class Promoting {

        private final PromotedPackage approved = new PromotedPackage(arn("mlops-staging-house-prices", 4), "V1.0.4", false);
        private final PromotedPackage before = new PromotedPackage(arn("mlops-staging-house-prices", 2), "V1.0.2", false);

        private ServedModel decide(Map<String, PromotedPackage> approvedBySource, Map<String, PromotedPackage> deployedBefore) {
            return ServingPlanTest.this.decide(List.of(model("house-prices")), GUARDRAILS, untouchable(),
                    Optional.of(new ServingPlan.Promotion(SOURCE, approvedBySource, deployedBefore))).get("house-prices");
        }

        @Test
        void theSourcesApprovalWins() {
            ServedModel s = decide(Map.of("house-prices", approved), Map.of("house-prices", before));

            assertThat(champion(s)).isEqualTo(new ServedModel.Variant(ServedModel.CHAMPION, approved.modelPackageArn(), "V1.0.4"));
            assertThat(s.challenger()).isEmpty();
            assertThat(s.source()).isEqualTo("stack " + SOURCE);
            assertThat(s.reason()).isEqualTo("house-prices: V1.0.4 (mlops-staging-house-prices/4), approved in " + SOURCE);
            assertThat(warnings).isEmpty();
        }

        @Test
        void withoutAnApprovalItKeepsWhatItDeployedBeforeAndWarns() {
            ServedModel s = decide(Map.of(), Map.of("house-prices", before));

            assertThat(champion(s)).isEqualTo(new ServedModel.Variant(ServedModel.CHAMPION, before.modelPackageArn(), "V1.0.2"));
            assertThat(s.source()).isEqualTo("this stack's previous deployment");
            assertThat(warnings).containsExactly("house-prices: stack " + SOURCE + " exports no approved package for it; keeping V1.0.2"
                    + " (mlops-staging-house-prices/2), which this stack deployed before");
            assertThat(s.reason()).isEqualTo(warnings.get(0));
        }

        @Test
        void withNothingAtAllTheModelGetsNoEndpointAndTheOperatorIsToldWhatToDo() {
            ServedModel s = decide(Map.of("another-model", approved), Map.of());

            assertThat(s.hasEndpoint()).isFalse();
            assertThat(s.challenger()).isEmpty();
            assertThat(warnings).singleElement().asString()
                    .startsWith("house-prices: stack " + SOURCE + " exports no approved package for it yet, so it gets no endpoint")
                    .contains("approve a package in " + SOURCE);
        }

        @Test
        void aPlaceholderFromTheSourcesOfflinePreviewStaysMarked() {
            var placeholder = new PromotedPackage(arn("mlops-staging-house-prices", PlaceholderModelPackageLookup.CHAMPION_VERSION),
                    "placeholder", true);
            ServedModel s = decide(Map.of("house-prices", placeholder), Map.of());

            assertThat(s.placeholder()).isTrue();
            assertThat(champion(s).modelVersion()).isEqualTo("placeholder");
        }

        @Test
        void evenAShadowStackThatPromotesHasNoChallenger() {
            ServedModel s = ServingPlanTest.this.decide(List.of(model("house-prices")), SHADOW, untouchable(),
                    Optional.of(new ServingPlan.Promotion(SOURCE, Map.of("house-prices", approved), Map.of()))).get("house-prices");
            assertThat(s.challenger()).isEmpty();
            assertThat(s.versions()).containsOnlyKeys(ServedModel.CHAMPION);
        }
    }

    @Nested
    class FromTheRegistry {

        @Test
        void nothingApprovedMeansNoEndpointAndAWarning() {
            ServedModel s = decide(List.of(model("house-prices")), SHADOW,
                    registry(Map.of("house-prices", List.of(pkg("house-prices", 1, ApprovalStatus.PENDING_MANUAL_APPROVAL)))),
                    Optional.empty()).get("house-prices");

            assertThat(s.hasEndpoint()).isFalse();
            assertThat(s.source()).isEqualTo("the model registry");
            assertThat(warnings).singleElement().asString().startsWith("house-prices: no endpoint yet: mlops-staging-house-prices:")
                    .contains("PendingManualApproval");
        }

        @Test
        void nothingRegisteredMeansNoEndpointEither() {
            ServedModel s = decide(List.of(model("house-prices")), SHADOW, registry(Map.of("house-prices", List.of())), Optional.empty())
                    .get("house-prices");
            assertThat(s.hasEndpoint()).isFalse();
            assertThat(warnings).hasSize(1);
        }

        @Test
        void aChampionAloneServesWithoutAShadow() {
            ServedModel s = decide(List.of(model("house-prices")), SHADOW, registry(Map.of("house-prices", List.of(
                    pkg("house-prices", 1, ApprovalStatus.APPROVED), pkg("house-prices", 2, ApprovalStatus.APPROVED),
                    pkg("house-prices", 3, ApprovalStatus.REJECTED)))), Optional.empty()).get("house-prices");

            assertThat(champion(s)).isEqualTo(new ServedModel.Variant(ServedModel.CHAMPION, arn(group("house-prices"), 2), "V1.0.2"));
            assertThat(s.challenger()).isEmpty();
            assertThat(s.versions()).containsExactly(Map.entry(ServedModel.CHAMPION, "V1.0.2"));
            assertThat(asked).containsExactly("mlops-staging-house-prices");
            assertThat(warnings).isEmpty();
        }

        @Test
        void aChampionAndANewerChallengerInTheShadow() {
            ServedModel s = decide(List.of(model("house-prices")), SHADOW, registry(Map.of("house-prices", List.of(
                    pkg("house-prices", 2, ApprovalStatus.APPROVED), pkg("house-prices", 5, ApprovalStatus.PENDING_MANUAL_APPROVAL)))),
                    Optional.empty()).get("house-prices");

            assertThat(champion(s).modelPackageArn()).isEqualTo(arn(group("house-prices"), 2));
            // Version 5 is not versioned yet in this registry: the package number stands in.
            assertThat(s.challenger()).contains(new ServedModel.Variant(ServedModel.CHALLENGER, arn(group("house-prices"), 5), "package-5"));
            assertThat(s.versions()).containsExactly(Map.entry(ServedModel.CHAMPION, "V1.0.2"), Map.entry(ServedModel.CHALLENGER, "package-5"));
            assertThat(warnings).isEmpty();
        }

        @Test
        void aGuardrailsStackServesOnlyTheChampionEvenWithAChallengerRegistered() {
            ServedModel s = decide(List.of(model("house-prices")), GUARDRAILS, registry(Map.of("house-prices", List.of(
                    pkg("house-prices", 2, ApprovalStatus.APPROVED), pkg("house-prices", 3, ApprovalStatus.PENDING_MANUAL_APPROVAL)))),
                    Optional.empty()).get("house-prices");

            assertThat(champion(s).modelPackageArn()).isEqualTo(arn(group("house-prices"), 2));
            assertThat(s.challenger()).isEmpty();
        }

        @Test
        void placeholdersAreFlaggedAndNamedSo() {
            ServedModel s = decide(List.of(model("house-prices")), SHADOW, new PlaceholderModelPackageLookup("eu-west-1", "111111111111"),
                    Optional.empty()).get("house-prices");

            assertThat(s.placeholder()).isTrue();
            assertThat(s.versions()).containsExactly(Map.entry(ServedModel.CHAMPION, "placeholder"), Map.entry(ServedModel.CHALLENGER, "placeholder"));
            assertThat(champion(s).modelPackageArn()).endsWith("/mlops-staging-house-prices/" + PlaceholderModelPackageLookup.CHAMPION_VERSION);
            assertThat(s.reason()).contains("placeholder", "--registry FILE");
        }

        @Test
        void everyModelIsDecidedInSettingsOrderFromItsOwnGroup() {
            Map<String, ServedModel> plan = decide(List.of(model("rent"), model("house-prices"), model("churn", Optional.of(arn("x", 1)))),
                    SHADOW, registry(Map.of("rent", List.of(pkg("rent", 1, ApprovalStatus.APPROVED)),
                            "house-prices", List.of())), Optional.empty());

            assertThat(plan.keySet()).containsExactly("rent", "house-prices", "churn");
            assertThat(asked).containsExactly("mlops-staging-rent", "mlops-staging-house-prices");
            assertThat(plan.get("rent").hasEndpoint()).isTrue();
            assertThat(plan.get("house-prices").hasEndpoint()).isFalse();
            assertThat(plan.get("churn").champion()).map(ServedModel.Variant::modelPackageArn).contains(arn("x", 1));
            assertThat(warnings).singleElement().asString().startsWith("house-prices:");
        }
    }
}
