package dev.mlops.functions.versioning;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model version {@code V<Model_Tag>.<Manual_Revision>.<Auto_Revision>}, e.g. {@code V3.1.4}.
 *
 * @param tag    the model tag the training pipeline registered the package with (positive)
 * @param manual raised by every {@code code-change} registration of the tag
 * @param auto   raised by every retraining ({@code scheduled}, {@code new-data}, {@code drift}); reset by a code change
 */
public record ModelVersion(int tag, int manual, int auto) implements Comparable<ModelVersion> {

    private static final Pattern TEXT = Pattern.compile("V([1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");

    public ModelVersion {
        if (tag < 1 || manual < 0 || auto < 0) {
            throw new IllegalArgumentException("not a model version: V" + tag + "." + manual + "." + auto);
        }
    }

    /** The first version of a model tag: {@code V<tag>.0.0}. */
    public static ModelVersion first(int tag) {
        return new ModelVersion(tag, 0, 0);
    }

    /** Parses {@code V<tag>.<manual>.<auto>} exactly as {@link #toString()} writes it; anything else is empty. */
    public static Optional<ModelVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ModelVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /** The version a later registration of the same tag gets, given why it was trained. */
    public ModelVersion next(TriggerType trigger) {
        return trigger.raisesManualRevision()
                ? new ModelVersion(tag, Math.addExact(manual, 1), 0)
                : new ModelVersion(tag, manual, Math.addExact(auto, 1));
    }

    @Override
    public int compareTo(ModelVersion other) {
        int byTag = Integer.compare(tag, other.tag);
        if (byTag != 0) {
            return byTag;
        }
        int byManual = Integer.compare(manual, other.manual);
        return byManual != 0 ? byManual : Integer.compare(auto, other.auto);
    }

    @Override
    public String toString() {
        return "V" + tag + "." + manual + "." + auto;
    }
}
