package dev.mlops.testing;

import dev.mlops.offline.Previewer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The real stack files of this repository, previewed offline once per test JVM and shared by every test
 * that asserts on them (previewing is the expensive part; the assertions are cheap).
 */
public final class Previews {

    /** Maven runs tests from the project directory, where Pulumi.yaml and the stack files live. */
    public static final Path PROJECT = Path.of("").toAbsolutePath();

    private static final Map<String, Previewer.Result> CACHE = new ConcurrentHashMap<>();

    private Previews() {
    }

    public static synchronized Previewer.Result of(String stack) {
        return CACHE.computeIfAbsent(stack, s -> Previewer.preview(PROJECT, s, Map.of()));
    }

    public static Resources resources(String stack) {
        return new Resources(of(stack).preview().resources());
    }

    /**
     * The preview of {@code stack} after {@code edit} changed its stack file, in a copy of this project's
     * {@code Pulumi.yaml} and stack files under {@code dir} (not cached). For behaviour the real stacks do not show,
     * e.g. a model with its own container; the edit should fail loudly when the text it replaces is gone.
     */
    public static Previewer.Result edited(Path dir, String stack, UnaryOperator<String> edit) {
        try {
            Path project = Files.createDirectories(dir.resolve("project-" + stack));
            for (String file : List.of("Pulumi.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml")) {
                Files.copy(PROJECT.resolve(file), project.resolve(file));
            }
            Path stackFile = project.resolve("Pulumi." + stack + ".yaml");
            Files.writeString(stackFile, edit.apply(Files.readString(stackFile)));
            return Previewer.preview(project, stack, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with {@code from} replaced by {@code to}; fails when {@code from} is not in it. */
    public static String replacing(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new AssertionError("the stack file no longer contains:\n" + from);
        }
        return text.replace(from, to);
    }
}
