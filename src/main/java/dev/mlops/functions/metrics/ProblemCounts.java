package dev.mlops.functions.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How many lines had each {@link RecordProblem}; a fixed-size counter, whatever the input size. */
public final class ProblemCounts {

    private final long[] counts = new long[RecordProblem.values().length];

    public void add(RecordProblem problem) {
        counts[problem.ordinal()]++;
    }

    public long get(RecordProblem problem) {
        return counts[problem.ordinal()];
    }

    /** Lines that were not usable records (every problem but a non-finite value). */
    public long malformed() {
        long total = 0;
        for (RecordProblem problem : RecordProblem.values()) {
            if (problem.malformed()) {
                total += counts[problem.ordinal()];
            }
        }
        return total;
    }

    public long nonFinite() {
        return get(RecordProblem.NON_FINITE_VALUE);
    }

    /** The non-zero counts, in declaration order, for logs. */
    public Map<RecordProblem, Long> nonZero() {
        Map<RecordProblem, Long> map = new EnumMap<>(RecordProblem.class);
        for (RecordProblem problem : RecordProblem.values()) {
            if (counts[problem.ordinal()] > 0) {
                map.put(problem, counts[problem.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
