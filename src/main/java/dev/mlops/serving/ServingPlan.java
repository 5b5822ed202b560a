package dev.mlops.serving;

import dev.mlops.config.ModelSettings;
import dev.mlops.config.ServingSettings;
import dev.mlops.promotion.PromotedPackage;
import dev.mlops.serving.lookup.ModelPackageArn;
import dev.mlops.serving.lookup.ModelPackageLookup;
import dev.mlops.serving.lookup.ModelPackagePin;
import dev.mlops.serving.lookup.Selection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decides, per model, which packages its endpoint serves, before any resource is declared.
 * <ul>
 *   <li>A package pinned in the model's settings is the champion, without a challenger.</li>
 *   <li>A stack that promotes from another one serves the package that stack approved; when the source
 *       exports nothing for a model, the stack keeps what it deployed last time (no endpoint change), and a
 *       model it never deployed gets no endpoint yet. There is no challenger: new models are measured
 *       where they are registered.</li>
 *   <li>Otherwise the registry answers: the latest approved package is the champion, and in a shadow
 *       stack the newest package registered after it is the challenger.</li>
 * </ul>
 * Every decision that leaves a model without what the operator might expect is reported through {@code warn}.
 */
public final class ServingPlan {

    /**
     * What the stack promotes from, when it does.
     *
     * @param stack          the source stack's name, for messages
     * @param approved       model name to the package the source approved
     * @param deployedBefore model name to the package this stack deployed last time
     */
    public record Promotion(String stack, Map<String, PromotedPackage> approved, Map<String, PromotedPackage> deployedBefore) {
        public Promotion {
            approved = Map.copyOf(approved);
            deployedBefore = Map.copyOf(deployedBefore);
        }
    }

    private ServingPlan() {
    }

    /**
     * @param groupOf   the model package group of a model
     * @param lookup    the registry (or its offline stand-in); not asked for pinned models nor in a promoting stack
     * @param promotion present when the stack promotes from another stack
     * @param warn      receives what the operator must know
     * @return model name to what it serves, in settings order
     */
    public static Map<String, ServedModel> decide(List<ModelSettings> models, ServingSettings serving, Function<ModelSettings, String> groupOf,
                                                  ModelPackageLookup lookup, Optional<Promotion> promotion, Consumer<String> warn) {
        Map<String, ServedModel> plan = new LinkedHashMap<>();
        for (ModelSettings model : models) {
            String group = groupOf.apply(model);
            Optional<String> pin = model.serving().pinnedModelPackageArn();
            ServedModel served;
            if (pin.isPresent()) {
                Selection pinned = ModelPackagePin.pinned(group, pin.get());
                served = new ServedModel(model.name(), Optional.of(new ServedModel.Variant(ServedModel.CHAMPION, pin.get(),
                        versionOf(pin.get(), promotion.isPresent() ? noLookup() : lookup))), Optional.empty(), false,
                        "pinned in mlops:models[].serving.pinnedModelPackageArn", pinned.reason());
            } else if (promotion.isPresent()) {
                served = promoted(model, promotion.get(), warn);
            } else {
                served = fromRegistry(model, group, serving, lookup, warn);
            }
            plan.put(model.name(), served);
        }
        return plan;
    }

    private static ServedModel promoted(ModelSettings model, Promotion promotion, Consumer<String> warn) {
        PromotedPackage approved = promotion.approved().get(model.name());
        if (approved != null) {
            return new ServedModel(model.name(), Optional.of(new ServedModel.Variant(ServedModel.CHAMPION, approved.modelPackageArn(),
                    approved.modelVersion())), Optional.empty(), approved.placeholder(), "stack " + promotion.stack(),
                    model.name() + ": " + approved.modelVersion() + " (" + shortName(approved.modelPackageArn()) + "), approved in "
                            + promotion.stack());
        }
        PromotedPackage before = promotion.deployedBefore().get(model.name());
        if (before != null) {
            String reason = model.name() + ": stack " + promotion.stack() + " exports no approved package for it; keeping "
                    + before.modelVersion() + " (" + shortName(before.modelPackageArn()) + "), which this stack deployed before";
            warn.accept(reason);
            return new ServedModel(model.name(), Optional.of(new ServedModel.Variant(ServedModel.CHAMPION, before.modelPackageArn(),
                    before.modelVersion())), Optional.empty(), before.placeholder(), "this stack's previous deployment", reason);
        }
        String reason = model.name() + ": stack " + promotion.stack() + " exports no approved package for it yet, so it gets no"
                + " endpoint; approve a package in " + promotion.stack() + ", run `pulumi up` there, then here";
        warn.accept(reason);
        return new ServedModel(model.name(), Optional.empty(), Optional.empty(), false, "stack " + promotion.stack(), reason);
    }

    private static ServedModel fromRegistry(ModelSettings model, String group, ServingSettings serving, ModelPackageLookup lookup,
                                            Consumer<String> warn) {
        Selection selection = lookup.select(group);
        if (!selection.hasChampion()) {
            String reason = model.name() + ": no endpoint yet: " + selection.reason();
            warn.accept(reason);
            return new ServedModel(model.name(), Optional.empty(), Optional.empty(), selection.placeholder(), "the model registry", reason);
        }
        String championArn = selection.championArn().orElseThrow();
        var champion = new ServedModel.Variant(ServedModel.CHAMPION, championArn,
                selection.placeholder() ? "placeholder" : versionOf(championArn, lookup));
        Optional<ServedModel.Variant> challenger = Optional.empty();
        if (serving.strategy() == ServingSettings.Strategy.SHADOW) {
            challenger = selection.challengerArn().map(arn -> new ServedModel.Variant(ServedModel.CHALLENGER, arn,
                    selection.placeholder() ? "placeholder" : versionOf(arn, lookup)));
        }
        return new ServedModel(model.name(), Optional.of(champion), challenger, selection.placeholder(), "the model registry",
                selection.reason());
    }

    /** The package's version from the registry, or {@code package-<n>} when it has none (not yet versioned). */
    static String versionOf(String arn, ModelPackageLookup lookup) {
        return lookup.modelVersion(arn).orElse("package-" + ModelPackageArn.parse(arn).version());
    }

    private static String shortName(String arn) {
        return ModelPackageArn.parse(arn).shortName();
    }

    private static ModelPackageLookup noLookup() {
        return group -> {
            throw new IllegalStateException("a promoting stack does not read the registry");
        };
    }
}
