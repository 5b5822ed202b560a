package dev.mlops.functions.versioning;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The customer metadata properties and tags this function reads and writes on a model package. The training
 * pipeline writes {@code ModelTag} and {@code TriggerType} when it registers a package; this function writes
 * {@code ModelVersion} (the source of truth) and mirrors it into the {@code model-version} tag (for search and
 * cost reports; {@code DescribeModelPackage} does not return tags).
 */
public final class PackageMetadata {

    /** Customer metadata property written by the training pipeline: a positive integer. */
    public static final String MODEL_TAG = "ModelTag";
    /** Customer metadata property written by the training pipeline: one of {@link TriggerType#labels()}. */
    public static final String TRIGGER_TYPE = "TriggerType";
    /** Customer metadata property written by this function: {@code V<tag>.<manual>.<auto>}. */
    public static final String MODEL_VERSION = "ModelVersion";
    /** Resource tag written by this function, same value as {@link #MODEL_VERSION}. */
    public static final String VERSION_TAG = "model-version";

    private static final Pattern POSITIVE_INT = Pattern.compile("[1-9][0-9]{0,8}");

    private PackageMetadata() {
    }

    /**
     * Reads a package's customer metadata properties.
     *
     * @throws VersioningException when the package carries a {@code ModelVersion} that is not a version, or whose
     *                             tag contradicts its {@code ModelTag}: someone edited it by hand, and deriving
     *                             other versions from it would spread the damage
     */
    public static Registration read(int number, String arn, Map<String, String> properties) {
        Optional<ModelVersion> recorded = recordedVersion(arn, properties);
        String tagText = properties.get(MODEL_TAG);
        String triggerText = properties.get(TRIGGER_TYPE);
        StringBuilder problems = new StringBuilder();
        if (tagText == null) {
            problems.append("no ").append(MODEL_TAG).append(" metadata property");
        } else if (!POSITIVE_INT.matcher(tagText).matches()) {
            problems.append(MODEL_TAG).append(" '").append(tagText).append("' is not a positive integer");
        }
        Optional<TriggerType> trigger = TriggerType.fromLabel(triggerText);
        if (trigger.isEmpty()) {
            if (problems.length() > 0) {
                problems.append("; ");
            }
            problems.append(triggerText == null
                    ? "no " + TRIGGER_TYPE + " metadata property"
                    : TRIGGER_TYPE + " '" + triggerText + "' is not one of " + TriggerType.labels());
        }
        if (problems.length() > 0) {
            return Registration.withoutLineage(number, arn, problems.toString(), recorded);
        }
        Lineage lineage = new Lineage(Integer.parseInt(tagText), trigger.orElseThrow());
        if (recorded.isPresent() && recorded.get().tag() != lineage.modelTag()) {
            throw new VersioningException("model package " + arn + " carries " + MODEL_VERSION + " "
                    + recorded.get() + " but its " + MODEL_TAG + " is " + lineage.modelTag()
                    + "; fix one of them by hand (UpdateModelPackage) before versioning continues");
        }
        return Registration.of(number, arn, lineage, recorded);
    }

    private static Optional<ModelVersion> recordedVersion(String arn, Map<String, String> properties) {
        String text = properties.get(MODEL_VERSION);
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(ModelVersion.parse(text).orElseThrow(() -> new VersioningException(
                "model package " + arn + " carries " + MODEL_VERSION + " '" + text
                        + "', which is not V<Model_Tag>.<Manual_Revision>.<Auto_Revision>; fix or remove it by hand"
                        + " (UpdateModelPackage) before versioning continues")));
    }
}
