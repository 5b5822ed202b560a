package dev.mlops.functions.versioning;

/**
 * Where a model package comes from, as the training pipeline registered it.
 *
 * @param modelTag the {@code ModelTag} customer metadata property (positive)
 * @param trigger  the {@code TriggerType} customer metadata property
 */
public record Lineage(int modelTag, TriggerType trigger) {

    public Lineage {
        if (modelTag < 1) {
            throw new IllegalArgumentException("ModelTag must be positive, got " + modelTag);
        }
        if (trigger == null) {
            throw new IllegalArgumentException("trigger is required");
        }
    }
}
