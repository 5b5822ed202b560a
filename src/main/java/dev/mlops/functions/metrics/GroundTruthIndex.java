package dev.mlops.functions.metrics;

import java.util.Map;

/**
 * The ground-truth labels of the evaluated window, by inference id, and the count of label lines that could
 * not be used. This is the one structure whose size grows with the input: one entry per labelled inference,
 * 60 to 80 bytes for a UUID id ({@link LabelIndex}). Capture files, the bulk of the data, stream past it.
 *
 * <p>A label with a NaN or infinite value is kept (and counted here), so the predictions it belongs to are
 * reported as non-finite pairs rather than as missing labels. When an id is labelled twice, the later line
 * wins — a correction uploaded after the original — and the duplicate is counted.
 */
public final class GroundTruthIndex {

    private final LabelIndex labels = new LabelIndex();
    private final ProblemCounts problems = new ProblemCounts();
    private long lines;
    private long duplicates;

    /** Records one parsed ground-truth line. */
    public void accept(ParsedRecord record) {
        lines++;
        if (record.problem() != null) {
            problems.add(record.problem());
            if (record.problem() != RecordProblem.NON_FINITE_VALUE) {
                return;
            }
        }
        if (labels.put(record.id(), record.value())) {
            duplicates++;
        }
    }

    /** The entry of {@code id}'s label, or -1 when there is none. */
    public int indexOf(String id) {
        return labels.indexOf(id);
    }

    /** The label of an entry returned by {@link #indexOf}; may be NaN or infinite. */
    public double label(int index) {
        return labels.value(index);
    }

    public LabelSummary summary() {
        return new LabelSummary(lines, labels.size(), duplicates, problems.malformed(), problems.nonFinite(), problems.nonZero(),
                labels.bytes());
    }

    /** What the ground-truth files of a window held, and the approximate heap bytes of the index. */
    public record LabelSummary(long lines, long labels, long duplicates, long malformed, long nonFinite,
                               Map<RecordProblem, Long> problems, long indexBytes) {
    }
}
