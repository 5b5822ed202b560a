package dev.mlops.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.deployment.internal.Runner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OfflineRunnerTest {

    private static final Executor LATER = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS);

    @Test
    void waitsForTasksThatOtherTasksRegisterWhileItDrains() {
        OfflineRunner runner = new OfflineRunner();
        AtomicInteger finished = new AtomicInteger();
        var result = runner.runAsync(() -> {
            // A chain three deep: each task, when it completes, registers the next, as resource registrations do.
            runner.registerTask("first", CompletableFuture.runAsync(() -> {
                finished.incrementAndGet();
                runner.registerTask("second", CompletableFuture.runAsync(() -> {
                    finished.incrementAndGet();
                    runner.registerTask("third", CompletableFuture.runAsync(finished::incrementAndGet, LATER));
                }, LATER));
            }, LATER));
            return "value";
        }).join();

        assertThat(finished).hasValue(3);
        assertThat(result.exitCode()).isEqualTo(Runner.ProcessExitedSuccessfully);
        assertThat(result.result()).contains("value");
        assertThat(result.exceptions()).isEmpty();
    }

    @Test
    void keepsEveryFailureNotOnlyTheFirst() {
        OfflineRunner runner = new OfflineRunner();
        var result = runner.runAsync(() -> {
            runner.registerTask("done already", CompletableFuture.failedFuture(new IllegalArgumentException("first")));
            runner.registerTask("fine", CompletableFuture.completedFuture("ok"));
            runner.registerTask("later", CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("second");
            }, LATER));
            return null;
        }).join();

        assertThat(result.exitCode()).isEqualTo(Runner.ProcessExitedBeforeLoggingUserActionableMessage);
        assertThat(result.exceptions()).extracting(Throwable::getMessage).containsExactly("first", "second");
        assertThat(result.exceptions().get(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsTheProgramsOwnExceptionBesideItsTasks() {
        OfflineRunner runner = new OfflineRunner();
        var result = runner.<String>runAsync(() -> {
            runner.registerTask("later", CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("from a task");
            }, LATER));
            throw new IllegalArgumentException("from the program");
        }).join();

        assertThat(result.exceptions()).extracting(Throwable::getMessage)
                .containsExactly("from the program", "from a task");
        assertThat(result.result()).isEmpty();
    }

    @Test
    void givesUpAtTheDeadlineAndSaysHowManyTasksNeverCompleted() {
        OfflineRunner runner = new OfflineRunner(Duration.ofMillis(100));
        long started = System.nanoTime();
        var result = runner.runAsync(() -> {
            runner.registerTask("never", new CompletableFuture<>());
            runner.registerTask("never either", new CompletableFuture<>());
            runner.registerTask("fine", CompletableFuture.completedFuture("ok"));
            return null;
        }).join();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.exceptions()).singleElement().extracting(Throwable::getMessage).isEqualTo(
                "the program did not finish within 100 ms: 2 of its tasks never completed (an Output that never resolves?)");
    }
}
