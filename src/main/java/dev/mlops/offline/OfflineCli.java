package dev.mlops.offline;

import dev.mlops.config.ConfigException;
import dev.mlops.offline.preflight.Finding;
import dev.mlops.offline.preflight.Preflight;
import dev.mlops.serving.lookup.FixtureModelPackageLookup;
import dev.mlops.serving.lookup.ModelPackageLookup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offline preview's command line: loads and validates the stack's configuration, resolves the stacks
 * it references, runs the program under Pulumi's test engine, checks the result against AWS's limits
 * and prints it. Exit codes: 0 ok, 1 the program failed, 2 bad arguments or configuration, 3 preflight.
 */
public final class OfflineCli {

    public static final int OK = 0;
    public static final int PROGRAM_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int PREFLIGHT_FAILED = 3;

    private OfflineCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (PreviewOptions.isHelp(args)) {
            out.println(PreviewOptions.USAGE);
            return OK;
        }
        PreviewOptions options;
        try {
            options = PreviewOptions.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.println(PreviewOptions.USAGE);
            return BAD_INPUT;
        }
        try {
            return preview(options, out, err);
        } catch (ConfigException | UsageException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (PreviewFailedException e) {
            // A value AWS would reject often fails the program too (a generator refuses it): name the rule, not the symptom.
            List<Finding> findings = Preflight.check(e.recorded());
            if (!findings.isEmpty()) {
                reportPreflight(findings, "the stack", err);
                err.println("(the program failed as a consequence: " + e.getMessage().lines().skip(1).findFirst().orElse("").strip() + ")");
                return PREFLIGHT_FAILED;
            }
            err.println("error: " + e.getMessage());
            if (options.verbose()) {
                e.causes().forEach(c -> c.printStackTrace(err));
            } else {
                err.println("(run with --verbose for stack traces)");
            }
            return PROGRAM_FAILED;
        } catch (RuntimeException e) {
            err.println("error: the preview failed unexpectedly: " + e);
            if (options.verbose()) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            return PROGRAM_FAILED;
        }
    }

    private static int preview(PreviewOptions options, PrintStream out, PrintStream err) {
        // Read every input file before the (slower) preview, so a typo in a path fails at once.
        Optional<PreviewDigest.Document> base = options.diff().map(OfflineCli::readBase);
        Optional<List<String>> policyLines = options.policyReport().map(OfflineCli::readLines);
        Map<String, StackOutputs> givenOutputs = new HashMap<>();
        options.stackOutputs().forEach((stack, file) -> givenOutputs.put(stack, readOutputs(stack, file)));

        Optional<ModelPackageLookup> registry = options.registry().map(OfflineCli::readRegistry);

        Previewer.Result result = Previewer.preview(options.projectDir(), options.stack(), givenOutputs, registry);
        StackPreview preview = result.preview();
        List<String> notes = result.notes();
        List<Finding> findings = Preflight.check(preview.resources());
        if (!findings.isEmpty()) {
            reportPreflight(findings, "stack " + preview.stack(), err);
            return PREFLIGHT_FAILED;
        }

        List<PreviewStep> steps = base.map(b -> PreviewDiff.against(b.resultingResources(), preview.steps())).orElse(preview.steps());
        out.print(TextReport.render(preview, steps, base.isPresent(), notes));
        options.json().ifPresent(file -> write(file, PreviewDigest.write(preview.config(), steps, preview.diagnostics())));
        options.markdown().ifPresent(file -> write(file, MarkdownReport.render(preview, steps, base.isPresent(), policyLines)));
        return OK;
    }

    private static void reportPreflight(List<Finding> findings, String where, PrintStream err) {
        err.println("error: preflight found " + findings.size() + (findings.size() == 1 ? " value" : " values")
                + " AWS would reject in " + where + ":");
        findings.forEach(f -> err.println("  " + f));
    }

    private static PreviewDigest.Document readBase(Path file) {
        try {
            return PreviewDigest.read(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--diff: " + e.getMessage());
        }
    }

    private static StackOutputs readOutputs(String stack, Path file) {
        try {
            return StackOutputs.readFile(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--stack-outputs " + stack + ": " + e.getMessage());
        }
    }

    private static ModelPackageLookup readRegistry(Path file) {
        try {
            return FixtureModelPackageLookup.read(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--registry: " + e.getMessage());
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--policy-report " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static void write(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(file + " cannot be written: " + e.getMessage());
        }
    }
}
