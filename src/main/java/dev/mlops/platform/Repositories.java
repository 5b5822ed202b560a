package dev.mlops.platform;

import dev.mlops.config.ModelSettings;
import dev.mlops.config.StackSettings;
import java.util.Map;
import java.util.TreeMap;

/** Where each model's code lives, as the git URL Studio clones and delivery reads. */
public final class Repositories {

    private Repositories() {
    }

    public static String url(ModelSettings.RepositorySettings repository, String region) {
        return repository.isGitHub()
                ? "https://github.com/" + repository.name() + ".git"
                : "https://git-codecommit." + region + ".amazonaws.com/v1/repos/" + repository.name();
    }

    /** Git URL by model name. */
    public static Map<String, String> urls(StackSettings settings) {
        Map<String, String> urls = new TreeMap<>();
        settings.models().forEach(m -> urls.put(m.name(), url(m.repository(), settings.aws().region())));
        return urls;
    }
}
