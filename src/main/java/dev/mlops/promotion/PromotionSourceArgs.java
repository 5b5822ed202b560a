package dev.mlops.promotion;

import dev.mlops.config.StackName;
import java.util.Objects;

/**
 * @param sourceStack the stack approved models are promoted from, e.g. {@code acme/mlops/staging}
 * @param thisStack   this stack's own fully qualified name, read back for what it deployed last time
 */
public record PromotionSourceArgs(StackName sourceStack, StackName thisStack) {
    public PromotionSourceArgs {
        Objects.requireNonNull(sourceStack, "sourceStack");
        Objects.requireNonNull(thisStack, "thisStack");
    }
}
