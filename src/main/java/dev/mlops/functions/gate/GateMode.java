package dev.mlops.functions.gate;

import java.util.Locale;
import java.util.Optional;

/** What the promotion gate does when the challenger passes. */
public enum GateMode {
    /** The gate is not run (prod, or staging without a challenger). */
    OFF,
    /** Approve the challenger's model package directly. */
    AUTO,
    /** Ask the ML engineers, through the SNS topic, to approve it. */
    MANUAL;

    /** {@code off}, {@code auto} or {@code manual}, any case. */
    public static Optional<GateMode> parse(String text) {
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
