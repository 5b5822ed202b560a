package dev.mlops.config;

import static dev.mlops.config.StackYaml.STACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the settings tests share: each feeds a small stack file through {@link StackSettings#fromStackFile}
 * the way the offline preview reads it, and looks at the settings or at the problems reported.
 */
abstract class StackFileParsing {

    @TempDir
    Path dir;

    StackSettings settingsOf(StackYaml yaml) {
        return StackSettings.fromStackFile(TestProjects.project(dir, STACK, yaml.toString()), STACK);
    }

    ConfigException failureOf(String stackYaml) {
        TestProjects.project(dir, STACK, stackYaml);
        return catchThrowableOfType(ConfigException.class, () -> StackSettings.fromStackFile(dir, STACK));
    }

    /** Every problem the stack file has, as {@code "path: message"}. */
    List<String> problemsOf(String stackYaml) {
        ConfigException e = failureOf(stackYaml);
        assertThat(e).as("a ConfigException for\n%s", stackYaml).isNotNull();
        return TestProjects.lines(e);
    }

    List<String> problemsOf(StackYaml yaml) {
        return problemsOf(yaml.toString());
    }

    /** The one problem the stack file has; fails the test when it has none or several. */
    ConfigProblem onlyProblem(StackYaml yaml) {
        ConfigException e = failureOf(yaml.toString());
        assertThat(e).as("a ConfigException for\n%s", yaml).isNotNull();
        assertThat(e.problems()).as("problems of\n%s", yaml).hasSize(1);
        return e.problems().get(0);
    }
}
