package dev.mlops.functions.metrics;

import java.util.Objects;

/**
 * One parsed line of a capture or ground-truth file: the id it joins on and its value, or the problem that
 * made it unusable. A non-finite value keeps its id (the line was well-formed; only the number is unusable).
 */
public record ParsedRecord(String id, double value, RecordProblem problem) {

    /** Longest id joined on; SageMaker's InferenceId is at most 64 characters, an eventId is a UUID. */
    public static final int MAX_ID_CHARS = 1024;

    /** The id to join on, or null when neither candidate is usable (absent, blank or too long). */
    static String joinKey(String preferred, String fallback) {
        String id = preferred != null && !preferred.isBlank() ? preferred : fallback;
        return id == null || id.isBlank() || id.length() > MAX_ID_CHARS ? null : id;
    }

    public static ParsedRecord of(String id, double value) {
        return new ParsedRecord(Objects.requireNonNull(id, "id"), value, null);
    }

    public static ParsedRecord failed(RecordProblem problem) {
        return new ParsedRecord(null, Double.NaN, Objects.requireNonNull(problem, "problem"));
    }

    static ParsedRecord of(String id, PayloadDecoder.Decoded decoded) {
        if (!decoded.readable()) {
            return failed(RecordProblem.UNREADABLE_VALUE);
        }
        if (!Double.isFinite(decoded.value())) {
            return new ParsedRecord(id, decoded.value(), RecordProblem.NON_FINITE_VALUE);
        }
        return of(id, decoded.value());
    }

    /** A usable id and finite value. */
    public boolean ok() {
        return problem == null;
    }
}
