package dev.mlops.testing;

import dev.mlops.offline.Previewer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
}
