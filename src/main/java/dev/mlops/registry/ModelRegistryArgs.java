package dev.mlops.registry;

import dev.mlops.config.ModelSettings;
import java.util.List;
import java.util.Objects;

/**
 * @param prefix the naming prefix; each group is {@code <prefix>-<model>}
 * @param models one model package group each
 * @param retain protect the groups (their packages are the deployable history) and keep them on delete
 */
public record ModelRegistryArgs(String prefix, List<ModelSettings> models, boolean retain) {
    public ModelRegistryArgs {
        Objects.requireNonNull(prefix, "prefix");
        models = List.copyOf(models);
    }
}
