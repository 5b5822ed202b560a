package dev.mlops.promotion;

import dev.mlops.config.StackName;
import java.util.Objects;

/** @param sourceStack the stack approved models are promoted from, e.g. {@code acme/mlops/staging} */
public record PromotionSourceArgs(StackName sourceStack) {
    public PromotionSourceArgs {
        Objects.requireNonNull(sourceStack, "sourceStack");
    }
}
