package dev.mlops.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verify command line, parsed: {@code verify --stack <name> --outputs <file> [--region <region>]}.
 *
 * @param stack   the stack whose outputs are checked (named in every message)
 * @param outputs what {@code pulumi stack output --json -s <stack>} wrote
 * @param region  overrides the stack's {@code region} output
 */
public record VerifyOptions(String stack, Path outputs, Optional<String> region) {

    public static final String USAGE = """
            usage: java -jar target/mlops.jar verify --stack <name> --outputs <file> [--region <region>]

            Checks that every SageMaker endpoint of a stack runs what `pulumi up` deployed: after Pulumi reports
            success, SageMaker's deployment guardrails can still roll an endpoint back to its previous configuration.

            options:
              --stack <name>      the stack, e.g. prod (named in the report)
              --outputs <file>    the stack's outputs: pulumi stack output --json -s <name> > outputs.json
                                  (reads its `endpoints` and `region` outputs)
              --region <region>   the endpoints' region, when the outputs have no `region` or it is to be overridden

            exit codes: 0 every endpoint matches the stack
                        1 an endpoint differs (rolled back, failed, missing, variants missing)
                        2 bad arguments, or the outputs file is unreadable or lacks what verify needs
                        3 SageMaker could not be asked (credentials, permissions, network)
                        4 an endpoint is still creating or updating: not settled yet, run verify again later""";

    public static boolean isHelp(String[] args) {
        List<String> list = List.of(args);
        return list.contains("--help") || list.contains("-h") || (list.size() == 1 && list.get(0).equals("help"));
    }

    /**
     * @param args the arguments, with or without the leading {@code verify}
     * @throws IllegalArgumentException saying which argument is wrong
     */
    public static VerifyOptions parse(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals("verify")) {
            rest.remove(0);
        }
        String stack = null;
        String outputs = null;
        String region = null;
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            String inline = null;
            if (option.startsWith("--") && option.contains("=")) {
                inline = option.substring(option.indexOf('=') + 1);
                option = option.substring(0, option.indexOf('='));
            }
            switch (option) {
                case "--stack", "-s" -> stack = once(option, stack, value(option, inline, rest));
                case "--outputs" -> outputs = once(option, outputs, value(option, inline, rest));
                case "--region" -> region = once(option, region, value(option, inline, rest));
                default -> throw new IllegalArgumentException("unknown argument \"" + option + "\"");
            }
        }
        if (stack == null) {
            throw new IllegalArgumentException("--stack is required, e.g. --stack prod");
        }
        if (outputs == null) {
            throw new IllegalArgumentException("--outputs is required: the file `pulumi stack output --json -s " + stack + "` wrote");
        }
        return new VerifyOptions(stack, Path.of(outputs), Optional.ofNullable(region));
    }

    private static String once(String option, String earlier, String value) {
        if (earlier != null) {
            throw new IllegalArgumentException(option + " is given twice");
        }
        return value;
    }

    private static String value(String option, String inline, List<String> rest) {
        if (inline != null) {
            if (inline.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return inline;
        }
        if (rest.isEmpty() || rest.get(0).startsWith("-")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
