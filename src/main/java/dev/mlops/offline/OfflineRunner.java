package dev.mlops.offline;

import com.pulumi.deployment.internal.Runner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs the program and waits for every task it started, like Pulumi's own runner, but by blocking on the
 * tasks instead of polling them. Pulumi's runner re-schedules a check of all pending tasks in a tight
 * loop and formats the whole pending set into a debug string on every pass, so its cost grows with the
 * square of the resource count; offline, with instant mock answers, that loop was most of a preview's
 * time. Every failure is kept (Pulumi's runner stops at the first), so a broken preview says all it can.
 *
 * <p>Every {@code Output} the program makes registers a task, tens of thousands in a large stack, and most
 * are complete when they arrive. Those that succeeded are not kept; the rest wait in a queue that the
 * calling thread drains in order, each task once, so draining costs a step per task whatever the count.
 */
final class OfflineRunner implements Runner {

    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private final Duration deadline;
    private final Queue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
    private final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());

    OfflineRunner() {
        this(DEADLINE);
    }

    /** A runner that gives the program's tasks {@code deadline} in all to complete. */
    OfflineRunner(Duration deadline) {
        this.deadline = deadline;
    }

    private static final class Outcome<T> extends Result<T> {
        Outcome(int exitCode, List<Exception> exceptions, Optional<T> result) {
            super(exitCode, exceptions, result);
        }
    }

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        if (!task.isDone() || task.isCompletedExceptionally()) {
            inFlight.add(task);
        }
    }

    /** Runs {@code callback} on the calling thread (which holds the deployment context), then drains. */
    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> callback) {
        T value = null;
        try {
            value = callback.get();
        } catch (Exception e) {
            failures.add(unwrap(e));
        }
        long end = System.nanoTime() + deadline.toNanos();
        for (CompletableFuture<?> task = inFlight.poll(); task != null; task = inFlight.poll()) {
            try {
                task.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | CompletionException | CancellationException e) {
                failures.add(unwrap(e));
            } catch (TimeoutException e) {
                long pending = 1 + inFlight.stream().filter(t -> !t.isDone()).count();
                failures.add(new IllegalStateException("the program did not finish within " + describe(deadline)
                        + ": " + pending + " of its tasks never completed (an Output that never resolves?)"));
                inFlight.clear();
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
                inFlight.clear();
                break;
            }
        }
        List<Exception> seen = List.copyOf(failures);
        int exitCode = seen.isEmpty() ? ProcessExitedSuccessfully : ProcessExitedBeforeLoggingUserActionableMessage;
        return CompletableFuture.completedFuture(new Outcome<>(exitCode, seen, Optional.ofNullable(value)));
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() >= 60 && duration.toSecondsPart() == 0 ? duration.toMinutes() + " minutes"
                : duration.toMillis() + " ms";
    }

    private static Exception unwrap(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof Exception ex ? ex : new IllegalStateException(cause);
    }
}
