package dev.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.config.SettingsParser;
import dev.mlops.config.StackFiles;
import dev.mlops.testing.Previews;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README is the newcomer's contract: its commands exist and its reference covers every key. */
class ReadmeTest {

    private static String readme() throws IOException {
        return Files.readString(Previews.PROJECT.resolve("README.md"));
    }

    @Test
    void documentsEveryConfigurationKeyTheProgramUnderstands() throws IOException {
        Set<String> keys = SettingsParser.keysUnderstood(StackFiles.load(Previews.PROJECT, "prod"));
        assertThat(keys).contains("aws:region", "mlops:models[].tag", "mlops:data.keyDeletionWindowDays", "mlops:promotion.sourceStack");
        String readme = readme();
        assertThat(keys).allSatisfy(key -> assertThat(readme).as("README documents %s", key).contains("`" + key + "`"));
    }

    @Test
    void givesTheTwoCommandsAndCiRunsTheTestOne() throws IOException {
        assertThat(readme()).contains("./mvnw -q package -DskipTests && java -jar target/mlops.jar preview --stack prod")
                .contains("./mvnw verify");
        assertThat(Files.readString(Previews.PROJECT.resolve(".ci/run"))).contains("./mvnw -B verify");
    }
}
