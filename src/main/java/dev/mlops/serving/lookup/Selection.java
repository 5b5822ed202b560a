package dev.mlops.serving.lookup;

import java.util.Objects;
import java.util.Optional;

/**
 * Which registered model packages an endpoint serves.
 *
 * @param championArn   the package behind the production variant: the latest Approved one; empty when none is approved
 * @param challengerArn the package tried beside it (a shadow variant in staging): the newest package registered after
 *                      the champion that is not Rejected; never present without a champion
 * @param placeholder   true when the ARNs are stand-ins for an offline preview and name no real package
 * @param reason        one sentence for people (preview notes, logs) saying why these packages were chosen
 */
public record Selection(Optional<String> championArn, Optional<String> challengerArn, boolean placeholder, String reason) {

    public Selection {
        Objects.requireNonNull(championArn, "championArn");
        Objects.requireNonNull(challengerArn, "challengerArn");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a selection needs a reason");
        }
        championArn.ifPresent(ModelPackageArn::parse);
        challengerArn.ifPresent(ModelPackageArn::parse);
        if (challengerArn.isPresent() && championArn.isEmpty()) {
            throw new IllegalArgumentException("a challenger (" + challengerArn.get() + ") needs a champion: " + reason);
        }
        if (challengerArn.isPresent() && challengerArn.equals(championArn)) {
            throw new IllegalArgumentException("the champion and the challenger are the same package " + championArn.get());
        }
    }

    /** No package to serve, and why. */
    public static Selection none(String reason) {
        return new Selection(Optional.empty(), Optional.empty(), false, reason);
    }

    public boolean hasChampion() {
        return championArn.isPresent();
    }

    public boolean hasChallenger() {
        return challengerArn.isPresent();
    }
}
