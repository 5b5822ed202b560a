package dev.mlops.registry;

import dev.mlops.config.ModelSettings;
import java.util.List;
import java.util.Objects;

/**
 * @param prefix         the naming prefix; each group is {@code <prefix>-<model>}
 * @param models         one model package group each
 * @param retain         protect the groups (their packages are the deployable history) and keep them on delete
 * @param readerAccounts other accounts that may read the groups and deploy their packages (a resource policy per
 *                       group); empty: none
 */
public record ModelRegistryArgs(String prefix, List<ModelSettings> models, boolean retain, List<String> readerAccounts) {
    public ModelRegistryArgs {
        Objects.requireNonNull(prefix, "prefix");
        models = List.copyOf(models);
        readerAccounts = List.copyOf(readerAccounts);
        for (String account : readerAccounts) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("readerAccounts holds " + account + ", which is not a 12-digit account id");
            }
        }
    }

    /** A registry only this account reads. */
    public ModelRegistryArgs(String prefix, List<ModelSettings> models, boolean retain) {
        this(prefix, models, retain, List.of());
    }
}
