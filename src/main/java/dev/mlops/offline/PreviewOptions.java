package dev.mlops.offline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offline command line, parsed:
 * {@code preview --stack <name> [--json FILE] [--markdown FILE] [--diff BASE.json]
 * [--stack-outputs <stack>=FILE]... [--registry FILE] [--policy-report FILE] [--cwd DIR] [--verbose]}.
 */
public record PreviewOptions(
        String stack,
        Optional<Path> json,
        Optional<Path> markdown,
        Optional<Path> diff,
        Map<String, Path> stackOutputs,
        Optional<Path> registry,
        Optional<Path> policyReport,
        Path projectDir,
        boolean verbose) {

    public static final String USAGE = """
            usage: java -jar target/mlops.jar preview --stack <name> [options]

            Prints what `pulumi preview` would show for the stack, offline: no cloud calls, no secrets.

            options:
              --stack <name>                 the stack to preview (reads Pulumi.<name>.yaml)
              --json <file>                  also write the preview as `pulumi preview --json` does
              --markdown <file>              also write a pull-request comment (Markdown, with a Mermaid diagram)
              --diff <base.json>             compare with an earlier preview (e.g. the base branch's --json output)
              --stack-outputs <stack>=<file> answer a stack reference from `pulumi stack output --json`
                                             (default: preview the referenced stack of this project in-process)
              --registry <file>              answer the model registry from a fixture: the champion and challenger of
                                             every model package group (default: placeholder packages, marked as such)
              --policy-report <file>         include the policy pack's results in the Markdown comment
              --cwd <dir>                    the project directory (default: the current directory)
              --verbose                      print stack traces when the program itself fails

            exit codes: 0 ok, 1 the program failed, 2 bad arguments or configuration,
                        3 preflight found values AWS would reject""";

    public static boolean isHelp(String[] args) {
        return args.length == 0 || List.of("help", "--help", "-h").contains(args[0])
                || (args[0].equals("preview") && List.of(args).contains("--help"));
    }

    public static PreviewOptions parse(String[] args) {
        if (args.length == 0 || !args[0].equals("preview")) {
            throw new UsageException(args.length == 0 ? "a command is required" : "unknown command \"" + args[0] + "\"; the command is: preview");
        }
        String stack = null;
        Path json = null;
        Path markdown = null;
        Path diff = null;
        Path policyReport = null;
        Path registry = null;
        Path projectDir = Path.of(".");
        boolean verbose = false;
        Map<String, Path> stackOutputs = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            String inlineValue = null;
            if (option.startsWith("--") && option.contains("=")) {
                inlineValue = option.substring(option.indexOf('=') + 1);
                option = option.substring(0, option.indexOf('='));
            }
            switch (option) {
                case "--verbose" -> verbose = true;
                case "--stack", "-s" -> stack = value(option, inlineValue, rest);
                case "--json" -> json = Path.of(value(option, inlineValue, rest));
                case "--markdown" -> markdown = Path.of(value(option, inlineValue, rest));
                case "--diff" -> diff = Path.of(value(option, inlineValue, rest));
                case "--registry" -> registry = Path.of(value(option, inlineValue, rest));
                case "--policy-report" -> policyReport = Path.of(value(option, inlineValue, rest));
                case "--cwd" -> projectDir = Path.of(value(option, inlineValue, rest));
                case "--stack-outputs" -> {
                    String pair = value(option, inlineValue, rest);
                    int eq = pair.indexOf('=');
                    if (eq <= 0 || eq == pair.length() - 1) {
                        throw new UsageException("--stack-outputs takes <stack>=<file>, e.g. acme/mlops/staging=staging-outputs.json; got \"" + pair + "\"");
                    }
                    if (stackOutputs.put(pair.substring(0, eq), Path.of(pair.substring(eq + 1))) != null) {
                        throw new UsageException("--stack-outputs names " + pair.substring(0, eq) + " twice");
                    }
                }
                default -> throw new UsageException("unknown option \"" + option + "\"");
            }
        }
        if (stack == null) {
            throw new UsageException("--stack is required, e.g. --stack prod");
        }
        return new PreviewOptions(stack, Optional.ofNullable(json), Optional.ofNullable(markdown), Optional.ofNullable(diff),
                Map.copyOf(stackOutputs), Optional.ofNullable(registry), Optional.ofNullable(policyReport), projectDir, verbose);
    }

    private static String value(String option, String inlineValue, List<String> rest) {
        if (inlineValue != null) {
            if (inlineValue.isEmpty()) {
                throw new UsageException(option + " needs a value");
            }
            return inlineValue;
        }
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
