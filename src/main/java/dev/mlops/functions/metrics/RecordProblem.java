package dev.mlops.functions.metrics;

/**
 * Why one line of a capture or ground-truth file gave no usable value. Every problem is counted and reported
 * (as a metric and in the log), never fatal: one bad line must not hide the quality of a million good ones.
 */
public enum RecordProblem {
    /** Not a single JSON object (syntax error, truncated line, trailing content). */
    MALFORMED_JSON("malformed JSON", true),
    /** Longer than the line limit; skipped without being buffered. */
    LINE_TOO_LONG("line too long", true),
    /** No {@code eventMetadata.inferenceId} or {@code eventMetadata.eventId} to join on (or one over 1024 characters). */
    MISSING_ID("no usable inference id", true),
    /** No {@code endpointOutput} / {@code groundTruthData} with a {@code data} string. */
    MISSING_VALUE("no output data", true),
    /** The data is not one number (bad BASE64, several values, text, unknown JSON shape). */
    UNREADABLE_VALUE("data is not one number", true),
    /** The value (or the squared error it gives) is NaN or infinite. */
    NON_FINITE_VALUE("NaN or infinite", false);

    private final String description;
    private final boolean malformed;

    RecordProblem(String description, boolean malformed) {
        this.description = description;
        this.malformed = malformed;
    }

    /** Short human description for logs. */
    public String description() {
        return description;
    }

    /** Counted as a malformed record (every problem except a non-finite value). */
    public boolean malformed() {
        return malformed;
    }
}
