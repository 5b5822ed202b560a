package dev.mlops.serving.lookup;

import java.util.Objects;
import java.util.Optional;

/**
 * A model package ARN pinned in the stack's settings: it overrides any lookup. An operator pins a package to hold an
 * endpoint on a known version (a rollback, a freeze) whatever the registry says; the pinned package is served as the
 * champion and there is no challenger, since a challenger is defined against the registry's latest approval.
 * <p>
 * The pin is checked only for form: it may name a package in another account or region (a shared registry), and the
 * caller knows which group it expects.
 */
public final class ModelPackagePin {

    private ModelPackagePin() {
    }

    /**
     * The selection for {@code group}: the pin when there is one (the lookup is then not asked at all, so a pinned stack
     * needs no registry access), otherwise what the lookup answers.
     *
     * @throws IllegalArgumentException when the pin is not a versioned model package ARN
     */
    public static Selection select(String group, Optional<String> pinnedArn, ModelPackageLookup lookup) {
        Objects.requireNonNull(pinnedArn, "pinnedArn");
        Objects.requireNonNull(lookup, "lookup");
        return pinnedArn.isPresent() ? pinned(group, pinnedArn.get()) : lookup.select(group);
    }

    /**
     * Applies a pin to a selection already made: the pin wins; without one the selection stands.
     *
     * @throws IllegalArgumentException when the pin is not a versioned model package ARN
     */
    public static Selection apply(String group, Optional<String> pinnedArn, Selection lookedUp) {
        Objects.requireNonNull(pinnedArn, "pinnedArn");
        Objects.requireNonNull(lookedUp, "lookedUp");
        return pinnedArn.map(arn -> pinned(group, arn)).orElse(lookedUp);
    }

    /**
     * The selection that serves exactly {@code pinnedArn}.
     *
     * @throws IllegalArgumentException when it is not {@value ModelPackageArn#FORM}
     */
    public static Selection pinned(String group, String pinnedArn) {
        ModelPackageArn arn;
        try {
            arn = ModelPackageArn.parse(pinnedArn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the pinned model package for group " + group + " is wrong: " + e.getMessage(), e);
        }
        return new Selection(Optional.of(arn.toString()), Optional.empty(), false, group + ": champion " + arn.shortName()
                + " is pinned in the stack's settings, so the registry was not consulted and there is no challenger");
    }
}
