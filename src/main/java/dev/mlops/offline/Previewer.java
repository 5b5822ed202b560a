package dev.mlops.offline;

import dev.mlops.config.ConfigException;
import dev.mlops.config.RawConfig;
import dev.mlops.config.SettingsParser;
import dev.mlops.config.StackFiles;
import dev.mlops.config.StackName;
import dev.mlops.config.ModelSettings;
import dev.mlops.config.StackSettings;
import dev.mlops.platform.Naming;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.serving.lookup.ModelPackageLookup;
import dev.mlops.serving.lookup.PlaceholderModelPackageLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Previews a stack of a project directory: reads its stack file, resolves the stacks it references
 * (from given outputs, or by previewing the referenced stack of the same project in-process first) and
 * runs the program. Shared by the command line and the tests, so both see the same thing.
 */
public final class Previewer {

    /**
     * @param preview the stack's preview
     * @param notes   how each stack reference was answered, for the reader
     */
    public record Result(StackPreview preview, StackSettings settings, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    private Previewer() {
    }

    /**
     * @param given outputs of referenced stacks, keyed by full name ({@code acme/mlops/staging}) or stack name
     * @throws ConfigException         a stack file (this one or a referenced one) is invalid
     * @throws UsageException          a reference cannot be answered, or a given output is not referenced
     * @throws PreviewFailedException  the program failed
     */
    public static Result preview(Path projectDir, String stack, Map<String, StackOutputs> given) {
        return preview(projectDir, stack, given, Optional.empty());
    }

    /**
     * @param registry the model registry's state (a {@code --registry} fixture); without one, placeholder packages
     *                 stand in for every model's champion and challenger, and the preview says so
     */
    public static Result preview(Path projectDir, String stack, Map<String, StackOutputs> given, Optional<ModelPackageLookup> registry) {
        RawConfig raw = StackFiles.load(projectDir, stack);
        StackSettings settings = SettingsParser.parse(raw);
        List<String> notes = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        Map<String, StackOutputs> references = resolve(projectDir, settings, given, used,
                new LinkedHashSet<>(List.of(settings.stack())), notes, registry);
        for (String name : given.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("--stack-outputs names " + name + ", which stack " + settings.stack()
                        + " does not reference; it references: " + (settings.stackReferences().isEmpty() ? "no stack"
                        : String.join(", ", settings.stackReferences().stream().map(StackName::toString).toList())));
            }
        }
        return new Result(OfflineEngine.preview(settings, raw, references, lookupFor(settings, registry)), settings, notes);
    }

    private static ModelPackageLookup lookupFor(StackSettings settings, Optional<ModelPackageLookup> registry) {
        if (registry.isEmpty()) {
            return new PlaceholderModelPackageLookup(settings.aws().region(), settings.aws().accountId());
        }
        // Ask now for every group the program will ask about, so a fixture without one is bad input, not a failed program.
        if (settings.promotion().isEmpty()) {
            for (ModelSettings model : settings.models()) {
                if (model.serving().pinnedModelPackageArn().isEmpty()) {
                    try {
                        registry.get().select(ModelRegistry.groupName(Naming.of(settings).prefix(), model));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--registry (stack " + settings.stack() + "): " + e.getMessage());
                    }
                }
            }
        }
        return registry.get();
    }

    private static Map<String, StackOutputs> resolve(Path projectDir, StackSettings settings, Map<String, StackOutputs> given,
                                                     Set<String> used, Set<String> visiting, List<String> notes,
                                                     Optional<ModelPackageLookup> registry) {
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
            if (reference.project().equals(settings.project()) && reference.stack().equals(settings.stack())) {
                // The stack reads what it deployed last time; offline, without its outputs, it is a new stack.
                resolved.put(full, StackOutputs.of("none: a new stack", Map.of(), Set.of()));
                notes.add("stack reference " + full + " (this stack's previous outputs): none, as for a new stack;"
                        + " pass --stack-outputs " + full + "=FILE (`pulumi stack output --json`) to preview against them");
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
            Map<String, StackOutputs> nested = resolve(projectDir, referenced, given, used, visiting, notes, registry);
            StackPreview preview = OfflineEngine.preview(referenced, raw, nested, lookupFor(referenced, registry));
            resolved.put(full, StackOutputs.of("an in-process preview of " + raw.source(), preview.outputs().values(),
                    preview.outputs().secretNames()));
            notes.add("stack reference " + full + ": previewed in-process from " + raw.source());
            visiting.remove(reference.stack());
        }
        return resolved;
    }
}
