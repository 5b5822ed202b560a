package dev.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {

    private static final String[] ARGS = {"preview", "--stack", "prod", "--json", "out.json"};

    @Test
    void relaunchesWithTheShortRunOptionsTheUsersOwnOptionsAndTheSameArguments() {
        List<String> command = QuickStart.command(ARGS, false, Map.of(), Optional.of("/opt/jdk/bin/java"), "target/mlops.jar",
                List.of("-Xmx2g", "-XX:+UseSerialGC")).orElseThrow();
        assertThat(command).containsExactly("/opt/jdk/bin/java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn32m", "-Xmx2g",
                "-D" + QuickStart.MARKER + "=true", "-cp", "target/mlops.jar", "dev.mlops.App",
                "preview", "--stack", "prod", "--json", "out.json");
    }

    @Test
    void theRelaunchedJvmRunsThePreviewItself() {
        assertThat(QuickStart.command(ARGS, true, Map.of(), Optional.of("java"), "target/mlops.jar", List.of())).isEmpty();
    }

    @Test
    void itCanBeSwitchedOffAndNeedsAJavaExecutableAndAClassPath() {
        assertThat(QuickStart.command(ARGS, false, Map.of(QuickStart.SWITCH, "OFF"), Optional.of("java"), "target/mlops.jar",
                List.of())).isEmpty();
        assertThat(QuickStart.command(ARGS, false, Map.of(), Optional.empty(), "target/mlops.jar", List.of())).isEmpty();
        assertThat(QuickStart.command(ARGS, false, Map.of(), Optional.of("java"), "", List.of())).isEmpty();
        assertThat(QuickStart.command(ARGS, false, Map.of(QuickStart.SWITCH, "on"), Optional.of("java"), "target/mlops.jar",
                List.of())).isPresent();
    }

    @Test
    void theFirstRunWritesTheClassArchiveAndLaterRunsUseIt(@TempDir Path dir) throws IOException {
        Path jar = Files.write(dir.resolve("mlops.jar"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000));
        Path archive = QuickStart.archiveFor(jar.toString()).orElseThrow();
        assertThat(archive.getFileName().toString()).isEqualTo("mlops-3-1000-" + Runtime.version().feature() + ".jsa");
        List<String> base = List.of("java", "-XX:TieredStopAtLevel=1", "dev.mlops.App");

        Path draft = dir.resolve(archive.getFileName() + ".42.tmp");
        assertThat(QuickStart.withArchive(base, Optional.of(archive), draft))
                .containsExactly("java", "-Xlog:disable", "-Xlog:all=error:stderr", "-XX:ArchiveClassesAtExit=" + draft,
                        "-XX:TieredStopAtLevel=1", "dev.mlops.App");
        // The child wrote its draft: it becomes the archive.
        Files.writeString(draft, "archive");
        QuickStart.publish(draft, Optional.of(archive));
        assertThat(draft).doesNotExist();
        assertThat(archive).hasContent("archive");
        assertThat(QuickStart.withArchive(base, Optional.of(archive), draft)).contains("-XX:SharedArchiveFile=" + archive)
                .noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"));
        assertThat(QuickStart.withArchive(base, Optional.empty(), null)).isEqualTo(base);
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheStaleOneIsRemoved(@TempDir Path dir) throws IOException {
        Path jar = Files.write(dir.resolve("mlops.jar"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000));
        Path first = QuickStart.archiveFor(jar.toString()).orElseThrow();
        Files.writeString(first, "archive");
        Path otherJdk = Files.writeString(dir.resolve("mlops-3-1000-99.jsa"), "archive of another JDK");
        assertThat(QuickStart.archiveFor(jar.toString())).contains(first);
        assertThat(otherJdk).exists();

        Files.write(jar, new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000));
        Path second = QuickStart.archiveFor(jar.toString()).orElseThrow();
        assertThat(second).isNotEqualTo(first).doesNotExist();
        assertThat(first).doesNotExist();
        assertThat(otherJdk).doesNotExist();
    }

    @Test
    void noArchiveWithoutExactlyOneJar(@TempDir Path dir) throws IOException {
        Path jar = Files.write(dir.resolve("mlops.jar"), new byte[] {1});
        assertThat(QuickStart.archiveFor(jar + java.io.File.pathSeparator + dir.resolve("other.jar"))).isEmpty();
        assertThat(QuickStart.archiveFor(dir.toString())).isEmpty();
        assertThat(QuickStart.archiveFor(dir.resolve("missing.jar").toString())).isEmpty();
    }
}
