package dev.mlops;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * The relaunched JVM also maps the program's classes from a class-data-sharing archive next to the jar
 * ({@code mlops-<size>-<modified>-<java>.jsa}, named after the jar and the Java release it was made with, so a rebuilt
 * jar or another JDK never meets a stale archive): the first preview after a build writes it as it exits, later ones start from it. Only the JVM's errors are
 * logged, to stderr: never a line into the preview on stdout (a new archive would otherwise warn about every class it
 * cannot hold).
 * <p>
 * It does not relaunch when it is the relaunched JVM, when {@code MLOPS_QUICK_START=off}, when the program was not
 * loaded from the class path (e.g. {@code mvn exec:java}) or when the java executable of this process is unknown; then
 * the preview runs in this JVM, as it would anyway.
 */
final class QuickStart {

    /**
     * C1 only, the serial collector and a small young generation (a preview's objects die young; a larger one only
     * costs page faults): measured on 2 cores, each lowers the wall time of a prod preview.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn32m");
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
        String classPath = System.getProperty("java.class.path");
        Optional<Path> archive = archiveFor(classPath);
        // A new archive is written under a name of this process's own and moved into place once complete, so that two
        // previews started at once never write one file together, nor read a half-written one.
        Path draft = archive.map(a -> a.resolveSibling(a.getFileName() + "." + ProcessHandle.current().pid() + ".tmp")).orElse(null);
        Optional<List<String>> command = command(args, System.getProperties().containsKey(MARKER), System.getenv(),
                ProcessHandle.current().info().command(), classPath, ManagementFactory.getRuntimeMXBean().getInputArguments())
                .map(c -> withArchive(c, archive, draft));
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
            int exitCode = child.waitFor();
            publish(draft, archive);
            return OptionalInt.of(exitCode);
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /** Moves a newly written archive into place; a draft that cannot be moved is removed. */
    static void publish(Path draft, Optional<Path> archive) {
        if (draft == null || archive.isEmpty() || !Files.exists(draft)) {
            return;
        }
        try {
            Files.move(draft, archive.get(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(draft);
            } catch (IOException ignored) {
                // Nothing else to do: the next preview writes a new draft.
            }
        }
    }

    /** The class-data-sharing options: use the archive when it exists, else write the draft of it at exit. */
    static List<String> withArchive(List<String> command, Optional<Path> archive, Path draft) {
        if (archive.isEmpty()) {
            return command;
        }
        List<String> options = new ArrayList<>(List.of("-Xlog:disable", "-Xlog:all=error:stderr"));
        options.add(Files.isRegularFile(archive.get()) ? "-XX:SharedArchiveFile=" + archive.get()
                : "-XX:ArchiveClassesAtExit=" + draft);
        List<String> result = new ArrayList<>(command);
        result.addAll(1, options);
        return result;
    }

    /**
     * The archive for the jar the program runs from, when it runs from exactly one jar in a writable directory; older
     * archives of that directory are removed when a new one is due.
     */
    static Optional<Path> archiveFor(String classPath) {
        try {
            Path jar = Path.of(classPath);
            if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar") || !Files.isRegularFile(jar)
                    || !Files.isWritable(jar.toAbsolutePath().getParent())) {
                return Optional.empty();
            }
            Path dir = jar.toAbsolutePath().getParent();
            String stem = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            // An archive holds one jar's classes for one JVM version.
            String build = stem + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + "-";
            Path archive = dir.resolve(build + Runtime.version().feature() + ".jsa");
            if (!Files.exists(archive)) {
                try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, stem + "-*.jsa")) {
                    for (Path stale : old) {
                        if (!stale.getFileName().toString().startsWith(build)) {
                            Files.deleteIfExists(stale);
                        }
                    }
                }
            }
            return Optional.of(archive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The relaunch command: {@link #JVM_OPTIONS}, then this JVM's own options (a user's {@code -Xmx}, say), the marker,
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
        // The user's own options come last, so that they win (the last of two settings of one option counts).
        command.addAll(JVM_OPTIONS);
        jvmArguments.stream().filter(a -> !JVM_OPTIONS.contains(a)).forEach(command::add);
        command.add("-D" + MARKER + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(App.class.getName());
        command.addAll(List.of(args));
        return Optional.of(command);
    }
}
