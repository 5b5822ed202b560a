package dev.mlops.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources. A deliberate change of output is recorded by running the tests
 * with {@code -Dgolden.update=true} and reviewing the file's diff like any other change.
 */
final class Golden {

    private static final Path ROOT = Path.of("src/test/resources");

    private Golden() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = ROOT.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        assertThat(actual).as("output differs from %s (rerun with -Dgolden.update=true if the change is intended)", file)
                .isEqualTo(Files.readString(file));
    }
}
