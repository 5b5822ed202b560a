package dev.mlops.functions.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The hours of capture evaluated by one run: the {@code hours} whole UTC hours before the hour in which the
 * run was scheduled. A run at 10:05 with 24 hours reads the capture folders {@code .../09} of yesterday
 * to {@code .../09} of today; the current hour is left out because its files are still being written.
 *
 * <p>Ground truth arrives after the inference it labels, and its folder is the hour the label was collected
 * (Model Monitor's convention), so labels are read from the window's first hour up to and including the
 * current hour: a prediction counts once its label has arrived within the window's span.
 *
 * @param start first captured hour (inclusive)
 * @param end   end of the captured hours (exclusive) — the start of the current hour
 */
public record EvaluationWindow(Instant start, Instant end) {

    public EvaluationWindow {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("window start " + start + " must be before its end " + end);
        }
        if (!start.equals(start.truncatedTo(ChronoUnit.HOURS)) || !end.equals(end.truncatedTo(ChronoUnit.HOURS))) {
            throw new IllegalArgumentException("window bounds must be whole hours: " + start + ", " + end);
        }
    }

    /** The {@code hours} whole hours before the hour of {@code now}. */
    public static EvaluationWindow endingAt(Instant now, int hours) {
        if (hours < 1) {
            throw new IllegalArgumentException("hours must be positive: " + hours);
        }
        Instant end = now.truncatedTo(ChronoUnit.HOURS);
        return new EvaluationWindow(end.minus(Duration.ofHours(hours)), end);
    }

    /** Start of each captured hour, oldest first. */
    public List<Instant> captureHours() {
        List<Instant> hours = new ArrayList<>();
        for (Instant hour = start; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            hours.add(hour);
        }
        return hours;
    }

    /** Start of each hour whose ground-truth folder is read: the captured hours and the current one. */
    public List<Instant> labelHours() {
        List<Instant> hours = captureHours();
        hours.add(end);
        return hours;
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
