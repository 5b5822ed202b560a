package dev.mlops.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Throw-away project directories for the config tests: this repository's real {@code Pulumi.yaml} beside
 * a hand-written {@code Pulumi.<stack>.yaml}, so each test reads a stack file exactly as the offline
 * preview does.
 */
final class TestProjects {

    /** Maven runs tests from the project directory, where the real Pulumi.yaml and stack files live. */
    static final Path REAL_PROJECT = Path.of("").toAbsolutePath();

    private TestProjects() {
    }

    /** Copies the real Pulumi.yaml into {@code dir} (once) and writes {@code Pulumi.<stack>.yaml} there. */
    static Path project(Path dir, String stack, String stackYaml) {
        try {
            Path projectFile = dir.resolve(StackFiles.PROJECT_FILE);
            if (!Files.exists(projectFile)) {
                Files.copy(REAL_PROJECT.resolve(StackFiles.PROJECT_FILE), projectFile, StandardCopyOption.REPLACE_EXISTING);
            }
            // Bytes, not writeString: generated text may hold unpaired surrogates, which are replaced, not rejected.
            Files.write(dir.resolve("Pulumi." + stack + ".yaml"), stackYaml.getBytes(StandardCharsets.UTF_8));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String realFile(String name) {
        try {
            return Files.readString(REAL_PROJECT.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem of {@code e} as {@code "path: message"}, in the order reported. */
    static List<String> lines(ConfigException e) {
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }
}
