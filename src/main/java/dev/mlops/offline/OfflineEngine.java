package dev.mlops.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import com.pulumi.core.internal.OutputData;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import dev.mlops.config.RawConfig;
import dev.mlops.config.StackSettings;
import dev.mlops.platform.Platform;
import dev.mlops.serving.lookup.ModelPackageLookup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a program under Pulumi's own test engine ({@code PulumiTest}) with {@link OfflineMocks}, and
 * records what it would deploy. This is the only class that reaches into Pulumi's internal test API:
 * the public one hides the resource options a preview must show and cannot capture what the program logs.
 */
public final class OfflineEngine {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** Where ids and ARNs point, and which stacks a reference may read. */
    public record Target(String project, String stack, String accountId, String region, Map<String, StackOutputs> references) {
        public Target {
            references = Map.copyOf(references);
        }
    }

    /** What one run recorded. */
    public record Run(List<PreviewStep> steps, StackOutputs outputs, List<Diagnostic> diagnostics) {
    }

    private OfflineEngine() {
    }

    /** Previews the whole platform for {@code settings}, as {@code pulumi preview} would. */
    public static StackPreview preview(StackSettings settings, RawConfig config, Map<String, StackOutputs> references,
                                       ModelPackageLookup registry) {
        Target target = new Target(settings.project(), settings.stack(), settings.aws().accountId(), settings.aws().region(), references);
        Run run = run(target, ctx -> Platform.define(ctx, settings, registry));
        List<Diagnostic> diagnostics = new ArrayList<>();
        config.warnings().forEach(w -> diagnostics.add(Diagnostic.warning(w)));
        diagnostics.addAll(run.diagnostics());
        return new StackPreview(settings.project(), settings.stack(), config.display(), run.steps(), run.outputs(), diagnostics);
    }

    /**
     * Runs any program (a whole stack or a single component, in tests) and records it.
     *
     * @throws PreviewFailedException when the program throws or logs an error
     */
    public static Run run(Target target, Consumer<Context> program) {
        Recorder recorder = new Recorder(target.stack());
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        logger.addHandler(recorder.diagnosticsHandler());
        OfflineMocks mocks = new OfflineMocks(target.stack(), target.accountId(), target.region(), target.project(),
                target.references());
        var log = PulumiTestInternal.mockLog(logger);
        var options = TestOptions.builder()
                .projectName(target.project())
                .stackName(target.stack())
                .preview(true)
                .resourceTransformations(List.of(recorder.numbering()))
                .build();
        var test = PulumiTestInternal.builder()
                .options(options)
                .mocks(mocks)
                .standardLogger(logger)
                .monitorDecorator(unused -> new RecordingMonitor(mocks, log, recorder))
                .deploymentFactory(state -> {
                    state.runner = new OfflineRunner();
                    return new DeploymentImpl(state);
                })
                .build();
        try {
            TestResult result = test.runTest(program);
            List<String> errors = new ArrayList<>(result.errors());
            recorder.diagnostics().stream().filter(d -> d.severity().equals("error")).map(Diagnostic::message)
                    .filter(m -> !errors.contains(m)).forEach(errors::add);
            if (!result.exceptions().isEmpty() || !errors.isEmpty()) {
                throw new PreviewFailedException(target.stack(), result.exceptions(), errors,
                        recorder.steps().stream().map(PreviewStep::state).toList());
            }
            return new Run(recorder.steps(), outputs(result), recorder.diagnostics());
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static StackOutputs outputs(TestResult result) {
        Map<String, Object> values = new TreeMap<>();
        Set<String> secrets = new HashSet<>();
        result.outputs().forEach((name, output) -> {
            OutputData<?> data = PulumiTestInternal.extractOutputData(output);
            Object value = data.getValueNullable();
            values.put(name, value == null ? null : PLAIN.convertValue(value, Object.class));
            if (data.isSecret()) {
                secrets.add(name);
            }
        });
        return StackOutputs.of("previewed in-process", values, secrets);
    }
}
