package dev.mlops.config;

import static dev.mlops.config.StackYaml.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mlops:workbench}: idle shutdown of the scientists' spaces and the MLflow tracking server's size. */
class WorkbenchSettingsTest extends StackFileParsing {

    private static final String KEY = "mlops:workbench";

    private StackYaml workbench(String yamlValue) {
        return minimal().with(KEY, yamlValue);
    }

    @Test
    void defaults() {
        assertThat(settingsOf(minimal()).workbench()).isEqualTo(new WorkbenchSettings(60, "Small"));
    }

    @Test
    void chosenValues() {
        assertThat(settingsOf(workbench("{idleShutdownMinutes: 240, mlflowServerSize: Large}")).workbench())
                .isEqualTo(new WorkbenchSettings(240, "Large"));
    }

    @ParameterizedTest(name = "idleShutdownMinutes: {0}")
    @ValueSource(ints = {15, 1440})
    void idleShutdownBounds(int minutes) {
        assertThat(settingsOf(workbench("{idleShutdownMinutes: " + minutes + "}")).workbench().idleShutdownMinutes()).isEqualTo(minutes);
    }

    @ParameterizedTest(name = "idleShutdownMinutes: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            14     | 14 is out of range 15..1440
            1441   | 1441 is out of range 15..1440
            0      | 0 is out of range 15..1440
            -60    | -60 is out of range 15..1440
            60.5   | 60.5 is not a whole number
            an hour | "an hour" is not a whole number
            """)
    void idleShutdownOutOfRange(String minutes, String message) {
        ConfigProblem p = onlyProblem(workbench("{idleShutdownMinutes: " + minutes + "}"));

        assertThat(p.path()).isEqualTo("mlops:workbench.idleShutdownMinutes");
        assertThat(p.message()).isEqualTo(message);
    }

    @ParameterizedTest(name = "mlflowServerSize: {0}")
    @ValueSource(strings = {"Small", "Medium", "Large"})
    void mlflowServerSizes(String size) {
        assertThat(settingsOf(workbench("{mlflowServerSize: " + size + "}")).workbench().mlflowServerSize()).isEqualTo(size);
    }

    @ParameterizedTest(name = "mlflowServerSize: {0}")
    @CsvSource({"small, Small", "MEDIUM, Medium", "Larg, Large"})
    void mlflowServerSizeSuggestsTheClosest(String size, String suggestion) {
        ConfigProblem p = onlyProblem(workbench("{mlflowServerSize: " + size + "}"));

        assertThat(p.path()).isEqualTo("mlops:workbench.mlflowServerSize");
        assertThat(p.message()).isEqualTo("\"" + size + "\" is not allowed; did you mean \"" + suggestion + "\"?; allowed: Small, Medium, Large");
    }

    @Test
    void unknownMlflowServerSizeListsTheSizes() {
        ConfigProblem p = onlyProblem(workbench("{mlflowServerSize: XLarge}"));

        assertThat(p.path()).isEqualTo("mlops:workbench.mlflowServerSize");
        assertThat(p.message()).contains("\"XLarge\" is not allowed", "allowed: Small, Medium, Large");
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        ConfigProblem p = onlyProblem(workbench("{idleShutdownMinute: 30}"));

        assertThat(p.path()).isEqualTo("mlops:workbench.idleShutdownMinute");
        assertThat(p.message()).contains("unknown key", "did you mean \"mlops:workbench.idleShutdownMinutes\"?");
    }

    @Test
    void workbenchMustBeAnObject() {
        ConfigProblem p = onlyProblem(workbench("[Small]"));

        assertThat(p.path()).isEqualTo(KEY);
        assertThat(p.message()).contains("expected an object with named settings", "found a list");
    }
}
