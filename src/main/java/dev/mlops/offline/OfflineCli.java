package dev.mlops.offline;

import dev.mlops.config.ConfigException;
import dev.mlops.config.RawConfig;
import dev.mlops.config.SettingsParser;
import dev.mlops.config.StackFiles;
import dev.mlops.config.StackName;
import dev.mlops.config.StackSettings;
import dev.mlops.offline.preflight.Finding;
import dev.mlops.offline.preflight.Preflight;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        Optional<PreviewDigest.Document> base = options.diff().map(PreviewDigest::read);
        Optional<List<String>> policyLines = options.policyReport().map(OfflineCli::readLines);
        Map<String, StackOutputs> givenOutputs = new HashMap<>();
        options.stackOutputs().forEach((stack, file) -> givenOutputs.put(stack, readOutputs(stack, file)));

        RawConfig raw = StackFiles.load(options.projectDir(), options.stack());
        StackSettings settings = SettingsParser.parse(raw);
        List<String> notes = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        Map<String, StackOutputs> references = resolve(options.projectDir(), settings, givenOutputs, used,
                new LinkedHashSet<>(List.of(settings.stack())), notes);
        for (String given : givenOutputs.keySet()) {
            if (!used.contains(given)) {
                throw new UsageException("--stack-outputs names " + given + ", which stack " + settings.stack()
                        + " does not reference; it references: " + (settings.stackReferences().isEmpty() ? "no stack"
                        : String.join(", ", settings.stackReferences().stream().map(StackName::toString).toList())));
            }
        }

        StackPreview preview = OfflineEngine.preview(settings, raw, references);
        List<Finding> findings = Preflight.check(preview.resources());
        if (!findings.isEmpty()) {
            err.println("error: preflight found " + findings.size() + (findings.size() == 1 ? " value" : " values")
                    + " AWS would reject in stack " + settings.stack() + ":");
            findings.forEach(f -> err.println("  " + f));
            return PREFLIGHT_FAILED;
        }

        List<PreviewStep> steps = base.map(b -> PreviewDiff.against(b.resultingResources(), preview.steps())).orElse(preview.steps());
        out.print(TextReport.render(preview, steps, base.isPresent(), notes));
        options.json().ifPresent(file -> write(file, PreviewDigest.write(preview.config(), steps, preview.diagnostics())));
        options.markdown().ifPresent(file -> write(file, MarkdownReport.render(preview, steps, base.isPresent(), policyLines)));
        return OK;
    }

    /**
     * Outputs for every stack {@code settings} references: from a {@code --stack-outputs} file, or by
     * previewing the referenced stack of this project in-process (and, in turn, what it references).
     */
    private static Map<String, StackOutputs> resolve(Path projectDir, StackSettings settings, Map<String, StackOutputs> given,
                                                     Set<String> used, Set<String> visiting, List<String> notes) {
        Map<String, StackOutputs> resolved = new HashMap<>();
        for (StackName reference : settings.stackReferences()) {
            String full = reference.toString();
            Optional<String> key = given.containsKey(full) ? Optional.of(full)
                    : given.containsKey(reference.stack()) ? Optional.of(reference.stack()) : Optional.empty();
            if (key.isPresent()) {
                used.add(key.get());
                StackOutputs outputs = given.get(key.get());
                resolved.put(full, outputs);
                notes.add("stack reference " + full + ": outputs from " + outputs.source());
                continue;
            }
            if (!reference.project().equals(settings.project())) {
                throw new UsageException("stack " + settings.stack() + " references " + full + ", which is not a stack of project "
                        + settings.project() + "; pass --stack-outputs " + full + "=FILE (written by `pulumi stack output --json -s " + full + "`)");
            }
            if (!visiting.add(reference.stack())) {
                throw new UsageException("stack references form a cycle: " + String.join(" -> ", visiting) + " -> " + reference.stack());
            }
            RawConfig raw;
            StackSettings referenced;
            try {
                raw = StackFiles.load(projectDir, reference.stack());
                referenced = SettingsParser.parse(raw);
            } catch (ConfigException e) {
                throw new ConfigException(e.source() + " (read because stack " + settings.stack() + " references " + full + ")", e.problems());
            }
            Map<String, StackOutputs> nested = resolve(projectDir, referenced, given, used, visiting, notes);
            StackPreview preview = OfflineEngine.preview(referenced, raw, nested);
            resolved.put(full, StackOutputs.of("an in-process preview of " + raw.source(), preview.outputs().values(),
                    preview.outputs().secretNames()));
            notes.add("stack reference " + full + ": previewed in-process from " + raw.source());
            visiting.remove(reference.stack());
        }
        return resolved;
    }

    private static StackOutputs readOutputs(String stack, Path file) {
        try {
            return StackOutputs.readFile(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--stack-outputs " + stack + ": " + e.getMessage());
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
