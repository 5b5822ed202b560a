package dev.mlops.platform;

import dev.mlops.config.StackSettings;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags every AWS resource carries, set once as the provider's {@code defaultTags} so no resource can
 * forget them. Resources add only what is specific to them (e.g. a bucket's data class).
 */
public final class Tags {

    /** Names the persona a role belongs to (the policy pack finds persona roles by it). */
    public static final String PERSONA = "persona";
    /** Names the model a per-model resource belongs to. */
    public static final String MODEL = "model";
    /** The class of data a bucket holds: raw, curated, artifacts, capture. */
    public static final String DATA_CLASS = "data-class";

    private Tags() {
    }

    public static Map<String, String> defaults(StackSettings settings) {
        Map<String, String> tags = new TreeMap<>();
        tags.put("project", settings.project());
        tags.put("stack", settings.stack());
        tags.put("owner", settings.ownership().owner());
        tags.put("cost-center", settings.ownership().costCenter());
        return tags;
    }
}
