package dev.mlops.config;

import static dev.mlops.config.StackYaml.minimal;
import static dev.mlops.config.StackYaml.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.config.MonitoringSettings.Gate;
import dev.mlops.config.MonitoringSettings.GateMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A model's retraining triggers and quality monitoring ({@code mlops:models[].retraining}, {@code .monitoring}). */
class RetrainingMonitoringSettingsTest extends StackFileParsing {

    private static final String AT = "mlops:models[0]";
    private static final String PROMOTES = "{sourceStack: acme/mlops/staging}";

    private ModelSettings modelOf(StackYaml yaml) {
        return settingsOf(yaml).models().get(0);
    }

    // ---------------------------------------------------------------- real stack files

    @Test
    void stagingRetrainsOnEveryTriggerAndItsGateAsksTheEngineers() {
        ModelSettings m = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "staging").models().get(0);
        assertThat(m.retraining()).isEqualTo(new RetrainingSettings(Optional.of("cron(0 4 ? * MON *)"), true, true));
        assertThat(m.monitoring()).isEqualTo(new MonitoringSettings(60000, Optional.of(40000.0), 0.75, 5, 24, 3, 200,
                new Gate(GateMode.MANUAL, 500, 5)));
    }

    @Test
    void prodRetrainsNothingAndRunsNoGate() {
        ModelSettings m = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "prod").models().get(0);
        assertThat(m.retraining()).isEqualTo(RetrainingSettings.OFF);
        assertThat(m.retraining().any()).isFalse();
        assertThat(m.monitoring().gate().enabled()).isFalse();
        assertThat(m.monitoring().breachingHours()).isEqualTo(2);
        assertThat(m.monitoring().minSamples()).isEqualTo(500);
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void aTrainingStackRetrainsWeeklyOnNewDataAndOnDriftAndAlarmsAtTheRegistrationThresholds() {
        ModelSettings m = modelOf(minimal());
        assertThat(m.retraining()).isEqualTo(new RetrainingSettings(Optional.of(RetrainingSettings.DEFAULT_SCHEDULE), true, true));
        assertThat(m.monitoring()).isEqualTo(new MonitoringSettings(50000, Optional.empty(), 0.7, 10, 24, 3, 100, Gate.OFF));
    }

    @Test
    void maeIsWatchedWhenTheThresholdsHaveOne() {
        ModelSettings m = modelOf(minimal().models(model().with("thresholds", "{maxRmse: 50000, maxMae: 30000, minR2: 0.7}")));
        assertThat(m.monitoring().maeAbove()).contains(30000.0);
    }

    @Test
    void aPromotingStackRetrainsNothingByDefault() {
        assertThat(modelOf(minimal().with("mlops:promotion", PROMOTES)).retraining()).isEqualTo(RetrainingSettings.OFF);
    }

    // ---------------------------------------------------------------- good values

    @ParameterizedTest
    @ValueSource(strings = {"none", "false"})
    void theScheduleCanBeSwitchedOff(String value) {
        ModelSettings m = modelOf(minimal().models(model().with("retraining", "{schedule: " + value + ", onDrift: false}")));
        assertThat(m.retraining()).isEqualTo(new RetrainingSettings(Optional.empty(), true, false));
    }

    @Test
    void everyMonitoringValueCanBeSet() {
        ModelSettings m = modelOf(minimal().models(model().with("monitoring", "{rmseAbove: 40000, maeAbove: 25000, r2Below: 0.8,"
                + " shadowMarginPercent: 2.5, evaluationHours: 48, breachingHours: 6, minSamples: 1000,"
                + " gate: {mode: auto, minSamples: 2000, marginPercent: 3}}")));
        assertThat(m.monitoring()).isEqualTo(new MonitoringSettings(40000, Optional.of(25000.0), 0.8, 2.5, 48, 6, 1000,
                new Gate(GateMode.AUTO, 2000, 3)));
    }

    @Test
    void anUnquotedOffIsTheGateSwitchedOff() {
        assertThat(modelOf(minimal().models(model().with("monitoring", "{gate: {mode: off}}"))).monitoring().gate().mode())
                .isEqualTo(GateMode.OFF);
    }

    // ---------------------------------------------------------------- bad values

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "retraining|{schedule: \"rate(1 days)\"}|retraining.schedule|\"rate(1 days)\" is neither none",
            "retraining|{schedule: \"cron(0 4 * * * *)\"}|retraining.schedule|EventBridge schedule",
            "retraining|{onNewData: yes please}|retraining.onNewData|is not a boolean",
            "retraining|{onDrfit: true}|retraining.onDrfit|did you mean \"mlops:models[0].retraining.onDrift\"",
            "monitoring|{rmseAbove: 0}|monitoring.rmseAbove|0 must be greater than 0",
            "monitoring|{maeAbove: -1}|monitoring.maeAbove|-1 must be greater than 0",
            "monitoring|{r2Below: 1.5}|monitoring.r2Below|1.5 is out of range 0..1",
            "monitoring|{shadowMarginPercent: 2000}|monitoring.shadowMarginPercent|2000 is out of range 0..1000",
            "monitoring|{evaluationHours: 721}|monitoring.evaluationHours|721 is out of range 1..720",
            "monitoring|{breachingHours: 169}|monitoring.breachingHours|169 is out of range 1..168",
            "monitoring|{minSamples: 0}|monitoring.minSamples|0 is out of range 1..100000000",
            "monitoring|{gate: {mode: manuel}}|monitoring.gate.mode|did you mean \"manual\"",
            "monitoring|{gate: {marginPercent: 100}}|monitoring.gate.marginPercent|100 is out of range 0..100",
            "monitoring|{gate: {minSamples: 0}}|monitoring.gate.minSamples|0 is out of range 1..100000000",
            "monitoring|{rmseAboove: 1}|monitoring.rmseAboove|did you mean \"mlops:models[0].monitoring.rmseAbove\""})
    void badValuesNameTheKeyTheValueAndWhatIsAllowed(String key, String value, String path, String message) {
        ConfigProblem p = onlyProblem(minimal().models(model().with(key, value)));
        assertThat(p.path()).isEqualTo(AT + "." + path);
        assertThat(p.message()).contains(message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problemsOf(minimal().models(model()
                .with("retraining", "{schedule: daily}")
                .with("monitoring", "{r2Below: 2, gate: {mode: sometimes}}"))))
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith(AT + ".retraining.schedule"))
                .anySatisfy(line -> assertThat(line).startsWith(AT + ".monitoring.r2Below"))
                .anySatisfy(line -> assertThat(line).startsWith(AT + ".monitoring.gate.mode"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{schedule: \"rate(7 days)\"}|retraining.schedule",
            "{onNewData: true}|retraining.onNewData",
            "{onDrift: true}|retraining.onDrift"})
    void aPromotingStackMayNotSwitchATriggerOn(String retraining, String path) {
        ConfigProblem p = onlyProblem(minimal().with("mlops:promotion", PROMOTES).models(model().with("retraining", retraining)));
        assertThat(p.path()).isEqualTo(AT + "." + path);
        assertThat(p.message()).contains("promotes models from another stack", "retrain in the source stack");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "manual"})
    void theGateNeedsAShadowStack(String mode) {
        ConfigProblem p = onlyProblem(minimal().with("mlops:serving", "{strategy: guardrails}")
                .models(model().with("monitoring", "{gate: {mode: " + mode + "}}")));
        assertThat(p.path()).isEqualTo(AT + ".monitoring.gate.mode");
        assertThat(p.message()).contains("\"" + mode + "\" is not allowed", "guardrails", "allowed here: off");
    }
}
