package dev.mlops.functions.versioning;

import java.util.Arrays;
import java.util.Optional;

/** Why the training pipeline produced a model package: its {@code TriggerType} customer metadata property. */
public enum TriggerType {
    /** New model code was merged: raises the manual revision and resets the auto revision. */
    CODE_CHANGE("code-change"),
    /** The retraining schedule fired: raises the auto revision. */
    SCHEDULED("scheduled"),
    /** New curated data arrived: raises the auto revision. */
    NEW_DATA("new-data"),
    /** A model-quality alarm fired: raises the auto revision. */
    DRIFT("drift");

    private final String label;

    TriggerType(String label) {
        this.label = label;
    }

    /** The value the training pipeline writes, e.g. {@code code-change}. */
    public String label() {
        return label;
    }

    public boolean raisesManualRevision() {
        return this == CODE_CHANGE;
    }

    /** The trigger with exactly this label; labels are case-sensitive, as the pipeline writes them. */
    public static Optional<TriggerType> fromLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }

    /** The accepted labels, for error messages. */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(TriggerType::label).toList());
    }
}
