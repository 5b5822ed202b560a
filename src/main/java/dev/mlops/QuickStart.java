package dev.mlops;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs the offline preview in a JVM tuned for a short run. A preview is one cold pass over a few thousand classes:
 * the optimizing JIT compiler and the parallel collector cost more than they save there (measured in
 * {@code bench/preview.sh}: about 30 % of the wall time). {@code java -jar target/mlops.jar preview} cannot carry
 * JVM options, so the command starts itself once more with {@link #JVM_OPTIONS} and waits for that run, passing its
 * output through and ending with its exit code. The first JVM loads nothing but this class.
 * <p>
 * It does not relaunch when it is the relaunched JVM, when {@code MLOPS_QUICK_START=off}, when the program was not
 * loaded from the class path (e.g. {@code mvn exec:java}) or when the java executable of this process is unknown; then
 * the preview runs in this JVM, as it would anyway.
 */
final class QuickStart {

    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** Set in the relaunched JVM, so that it never relaunches again. */
    static final String MARKER = "mlops.quickStart";
    static final String SWITCH = "MLOPS_QUICK_START";

    private QuickStart() {
    }

    /** Runs {@code args} in a relaunched JVM and returns its exit code, or nothing when the caller should run them. */
    static OptionalInt relaunch(String[] args) {
        // Under a launcher with its own class loaders (mvn exec:java, a test) the class path does not hold this program.
        if (QuickStart.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
            return OptionalInt.empty();
        }
        Optional<List<String>> command = command(args, System.getProperties().containsKey(MARKER), System.getenv(),
                ProcessHandle.current().info().command(), System.getProperty("java.class.path"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        Process child;
        try {
            child = new ProcessBuilder(command.get()).inheritIO().start();
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(child.waitFor());
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /**
     * The relaunch command: this JVM's own options (a user's {@code -Xmx}, say) and {@link #JVM_OPTIONS}, the marker,
     * the class path and {@link App} with the same arguments. Empty when no relaunch should happen.
     */
    static Optional<List<String>> command(String[] args, boolean relaunched, Map<String, String> env, Optional<String> java,
                                          String classPath, List<String> jvmArguments) {
        if (relaunched || "off".equalsIgnoreCase(env.getOrDefault(SWITCH, "")) || java.isEmpty()
                || classPath == null || classPath.isBlank()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        jvmArguments.stream().filter(a -> !JVM_OPTIONS.contains(a)).forEach(command::add);
        command.addAll(JVM_OPTIONS);
        command.add("-D" + MARKER + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(App.class.getName());
        command.addAll(List.of(args));
        return Optional.of(command);
    }
}
