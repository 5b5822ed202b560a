package dev.mlops.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.testing.Previews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --json} preview is the same in every JVM, not only within one. {@code Map.of} and {@code Set.of} iterate in
 * an order that each JVM salts anew, so a list built from one changes from run to run; a test that previews twice in
 * one JVM cannot see that. Each run here is its own JVM without class-data sharing (which would fix the salt).
 */
class CrossJvmDeterminismTest {

    private static final int RUNS = 3;

    @TempDir
    Path temp;

    @Test
    void stagingPreviewIsByteIdenticalAcrossJvms() throws IOException, InterruptedException {
        List<byte[]> previews = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            previews.add(previewInNewJvm("staging", temp.resolve("run-" + i + ".json")));
        }
        for (int i = 1; i < RUNS; i++) {
            assertThat(new String(previews.get(i))).as("run %d against run 0", i).isEqualTo(new String(previews.get(0)));
        }
    }

    private byte[] previewInNewJvm(String stack, Path json) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xshare:off", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.mlops.App",
                "preview", "--stack", stack, "--cwd", Previews.PROJECT.toString(), "--json", json.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(temp.resolve(json.getFileName() + ".err").toFile());
        builder.environment().put("MLOPS_QUICK_START", "off");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the preview finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(temp.resolve(json.getFileName() + ".err"))).isZero();
        return Files.readAllBytes(json);
    }
}
