package dev.mlops.verify;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

/**
 * {@code verify --stack <name> --outputs <file> [--region <region>]}: after {@code pulumi up}, checks that every
 * endpoint the stack exported is InService on the endpoint configuration the stack deployed, with the variants it
 * deployed. SageMaker's deployment guardrails can roll a blue/green update back after Pulumi reported success; this is
 * how a pipeline notices. See {@link VerifyOptions#USAGE} for the exit codes.
 */
public final class VerifyCommand {

    public static final int OK = 0;
    public static final int DIFFERENCES = 1;
    public static final int BAD_INPUT = 2;
    public static final int SAGEMAKER_UNREACHABLE = 3;
    public static final int NOT_SETTLED = 4;

    private static final Pattern REGION = Pattern.compile("[a-z]{2,}(?:-[a-z]+)+-\\d+");

    private VerifyCommand() {
    }

    /** Runs the command against real SageMaker with the default credentials; for a main method or {@code App}. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, VerifyCommand::sageMakerClient));
    }

    /** A SageMaker client for {@code region} with the default credential chain and the small URL-connection HTTP client. */
    public static SageMakerClient sageMakerClient(String region) {
        return SageMakerClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * @param clientForRegion makes a client for a region; verify closes it when done
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Function<String, SageMakerClient> clientForRegion) {
        Objects.requireNonNull(clientForRegion, "clientForRegion");
        if (VerifyOptions.isHelp(args)) {
            out.println(VerifyOptions.USAGE);
            return OK;
        }
        VerifyOptions options;
        StackOutputsFile outputs;
        try {
            options = VerifyOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.println(VerifyOptions.USAGE);
            return BAD_INPUT;
        }
        try {
            outputs = StackOutputsFile.read(options.outputs());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        String region = options.region().or(outputs::region).orElse(null);
        if (region == null) {
            err.println("error: " + options.outputs() + " has no `region` output; pass --region, e.g. --region eu-west-1");
            return BAD_INPUT;
        }
        if (!REGION.matcher(region).matches()) {
            err.println("error: \"" + region + "\" is not an AWS region such as eu-west-1");
            return BAD_INPUT;
        }
        if (outputs.endpoints().isEmpty()) {
            out.println("stack " + options.stack() + ": the `endpoints` output lists no endpoint; nothing to verify");
            return OK;
        }
        out.println("stack " + options.stack() + ": verifying " + count(outputs.endpoints().size(), "endpoint") + " in " + region);
        SageMakerClient client;
        try {
            client = Objects.requireNonNull(clientForRegion.apply(region), "no client");
        } catch (RuntimeException e) {
            err.println("error: cannot make a SageMaker client for " + region + ": " + e.getMessage());
            return SAGEMAKER_UNREACHABLE;
        }
        List<EndpointVerdict> verdicts = new ArrayList<>();
        try (SageMakerClient sageMaker = client) {
            for (ExpectedEndpoint expected : outputs.endpoints()) {
                EndpointVerdict verdict = verify(sageMaker, expected, region);
                verdicts.add(verdict);
                String tag = switch (verdict.outcome()) {
                    case MATCHES -> "ok      ";
                    case DIFFERS -> "DIFFERS ";
                    case NOT_SETTLED -> "PENDING ";
                };
                verdict.lines().forEach(line -> out.println("  " + tag + line));
            }
        } catch (SdkException e) {
            err.println("error: SageMaker could not be asked in " + region + ": " + reason(e));
            return SAGEMAKER_UNREACHABLE;
        }
        long differ = verdicts.stream().filter(v -> v.outcome() == EndpointVerdict.Outcome.DIFFERS).count();
        long pending = verdicts.stream().filter(v -> v.outcome() == EndpointVerdict.Outcome.NOT_SETTLED).count();
        int total = verdicts.size();
        if (differ > 0) {
            out.println("stack " + options.stack() + ": " + differ + " of " + count(total, "endpoint")
                    + (differ == 1 ? " differs" : " differ") + " from what the stack deployed"
                    + (pending > 0 ? " (" + pending + " not settled yet)" : ""));
            return DIFFERENCES;
        }
        if (pending > 0) {
            out.println("stack " + options.stack() + ": " + pending + " of " + count(total, "endpoint")
                    + (pending == 1 ? " is" : " are") + " not settled yet; run verify again in a few minutes");
            return NOT_SETTLED;
        }
        out.println("stack " + options.stack() + ": " + (total == 1 ? "the endpoint matches" : "all " + total + " endpoints match")
                + " what the stack deployed");
        return OK;
    }

    private static EndpointVerdict verify(SageMakerClient sageMaker, ExpectedEndpoint expected, String region) {
        DescribeEndpointResponse described;
        try {
            described = sageMaker.describeEndpoint(DescribeEndpointRequest.builder().endpointName(expected.endpointName()).build());
        } catch (AwsServiceException e) {
            if (isNotFound(e)) {
                return EndpointVerdict.missing(expected, region);
            }
            throw e;
        }
        return EndpointVerdict.judge(expected, described);
    }

    /**
     * DescribeEndpoint models no not-found error: SageMaker answers a missing endpoint with a ValidationException
     * ("Could not find endpoint ..."), which the SDK throws as a plain SageMakerException.
     */
    static boolean isNotFound(AwsServiceException e) {
        if (e instanceof ResourceNotFoundException) {
            return true;
        }
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : e.getMessage();
        return "ValidationException".equals(code) && message != null && message.toLowerCase(Locale.ROOT).contains("could not find");
    }

    private static String reason(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails().errorMessage();
            return (code == null ? "" : code + ": ") + (message == null ? s.getMessage() : message);
        }
        return e.getMessage();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
