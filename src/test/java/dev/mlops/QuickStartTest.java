package dev.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    private static final String[] ARGS = {"preview", "--stack", "prod", "--json", "out.json"};

    @Test
    void relaunchesWithTheShortRunOptionsTheUsersOwnOptionsAndTheSameArguments() {
        List<String> command = QuickStart.command(ARGS, false, Map.of(), Optional.of("/opt/jdk/bin/java"), "target/mlops.jar",
                List.of("-Xmx2g", "-XX:+UseSerialGC")).orElseThrow();
        assertThat(command).containsExactly("/opt/jdk/bin/java", "-Xmx2g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
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
}
