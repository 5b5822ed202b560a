package dev.mlops.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.PendingDeploymentSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** The verify command against a mocked SageMaker: every exit code and what it prints for each kind of difference. */
@ExtendWith(MockitoExtension.class)
class VerifyCommandTest {

    static final String HOUSE = "mlops-prod-house-prices-1a2b3c4";
    static final String HOUSE_CONFIG = "mlops-prod-house-prices-config-9f8e7d6";
    static final String RENT = "mlops-prod-rent-7g6h5i4";
    static final String RENT_CONFIG = "mlops-prod-rent-config-5e4d3c2";

    record Outcome(int exit, String out, String err) {
    }

    @Mock
    SageMakerClient sageMaker;

    @TempDir
    Path temp;

    private final List<String> regionsAsked = new ArrayList<>();

    static Path outputs() {
        try {
            return Path.of(VerifyCommandTest.class.getResource("/verify/prod-outputs.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Outcome run(String... args) {
        Function<String, SageMakerClient> clients = region -> {
            regionsAsked.add(region);
            return sageMaker;
        };
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), clients);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Outcome verifyProd() {
        return run("verify", "--stack", "prod", "--outputs", outputs().toString());
    }

    static DescribeEndpointResponse endpoint(String name, String config, EndpointStatus status, String... variants) {
        return DescribeEndpointResponse.builder()
                .endpointName(name)
                .endpointArn("arn:aws:sagemaker:eu-west-1:111111111111:endpoint/" + name)
                .endpointConfigName(config)
                .endpointStatus(status)
                .creationTime(Instant.parse("2026-05-01T08:00:00Z"))
                .lastModifiedTime(Instant.parse("2026-05-12T10:42:00Z"))
                .productionVariants(java.util.Arrays.stream(variants).limit(1)
                        .map(v -> ProductionVariantSummary.builder().variantName(v).currentWeight(1.0f).currentInstanceCount(2).build()).toList())
                .shadowProductionVariants(java.util.Arrays.stream(variants).skip(1)
                        .map(v -> ProductionVariantSummary.builder().variantName(v).currentWeight(0.2f).currentInstanceCount(1).build()).toList())
                .build();
    }

    private void describe(DescribeEndpointResponse house, DescribeEndpointResponse rent) {
        when(sageMaker.describeEndpoint(any(DescribeEndpointRequest.class))).thenAnswer(call -> {
            String name = call.<DescribeEndpointRequest>getArgument(0).endpointName();
            return name.equals(HOUSE) ? house : rent;
        });
    }

    private static DescribeEndpointResponse matchingRent() {
        return endpoint(RENT, RENT_CONFIG, EndpointStatus.IN_SERVICE, "champion");
    }

    @Test
    void everyEndpointMatchingIsExitZero() {
        describe(endpoint(HOUSE, HOUSE_CONFIG, EndpointStatus.IN_SERVICE, "champion", "challenger"), matchingRent());

        Outcome o = verifyProd();

        assertThat(o.exit()).as(o.err()).isEqualTo(VerifyCommand.OK);
        assertThat(o.out()).contains("stack prod: verifying 2 endpoints in eu-west-1",
                "ok      house-prices: endpoint " + HOUSE + " is InService on endpoint config " + HOUSE_CONFIG + " with variants champion, challenger",
                "ok      rent: endpoint " + RENT + " is InService on endpoint config " + RENT_CONFIG + " with variant champion",
                "stack prod: all 2 endpoints match what the stack deployed");
        assertThat(o.err()).isEmpty();
        ArgumentCaptor<DescribeEndpointRequest> asked = ArgumentCaptor.forClass(DescribeEndpointRequest.class);
        verify(sageMaker, times(2)).describeEndpoint(asked.capture());
        assertThat(asked.getAllValues()).extracting(DescribeEndpointRequest::endpointName).containsExactly(HOUSE, RENT);
        assertThat(regionsAsked).containsExactly("eu-west-1");
        verify(sageMaker).close();
    }

    @Test
    void aRolledBackEndpointIsADifferenceThatSaysSoAndWhy() {
        DescribeEndpointResponse rolledBack = endpoint(HOUSE, "mlops-prod-house-prices-config-0a1b2c3", EndpointStatus.IN_SERVICE,
                "champion", "challenger").toBuilder()
                .failureReason("Deployment was rolled back: CloudWatch alarm mlops-prod-house-prices-5xx-errors went into ALARM"
                        + " during the baking period.")
                .build();
        describe(rolledBack, matchingRent());

        Outcome o = verifyProd();

        assertThat(o.exit()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(o.out()).contains("  DIFFERS house-prices: endpoint " + HOUSE + " runs endpoint config mlops-prod-house-prices-config-0a1b2c3,"
                + " the stack expects " + HOUSE_CONFIG + ": SageMaker rolled the deployment back (status InService, last failure:"
                + " Deployment was rolled back: CloudWatch alarm mlops-prod-house-prices-5xx-errors went into ALARM during the baking period.)\n");
        assertThat(o.out()).contains("ok      rent:", "stack prod: 1 of 2 endpoints differs from what the stack deployed");
    }

    @Test
    void anOlderConfigWithoutAFailureReasonIsStillADifference() {
        describe(endpoint(HOUSE, "mlops-prod-house-prices-config-0a1b2c3", EndpointStatus.IN_SERVICE, "champion", "challenger"), matchingRent());
        Outcome o = verifyProd();
        assertThat(o.exit()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(o.out()).contains("the stack expects " + HOUSE_CONFIG + ": SageMaker rolled the deployment back, or the endpoint was"
                + " changed outside the stack (status InService, no failure reason given)");
    }

    @Test
    void aFailedEndpointIsADifferenceWithItsFailureReason() {
        describe(endpoint(HOUSE, HOUSE_CONFIG, EndpointStatus.FAILED).toBuilder()
                .failureReason("The primary container for production variant champion did not pass the ping health check.").build(), matchingRent());
        Outcome o = verifyProd();
        assertThat(o.exit()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(o.out()).contains("DIFFERS house-prices: endpoint " + HOUSE + " is Failed: The primary container for production variant"
                + " champion did not pass the ping health check.");
    }

    @Test
    void rollingBackAndUpdateRollbackFailedAreDifferences() {
        describe(endpoint(HOUSE, HOUSE_CONFIG, EndpointStatus.ROLLING_BACK, "champion", "challenger"),
                endpoint(RENT, RENT_CONFIG, EndpointStatus.UPDATE_ROLLBACK_FAILED, "champion").toBuilder()
                        .failureReason("Unable to scale down the old fleet.").build());
        Outcome o = verifyProd();
        assertThat(o.exit()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(o.out()).contains("DIFFERS house-prices: endpoint " + HOUSE + " is RollingBack to its previous configuration"
                        + " (the stack expects endpoint config " + HOUSE_CONFIG + ")",
                "DIFFERS rent: endpoint " + RENT + " is UpdateRollbackFailed: SageMaker could not roll a failed update back; the endpoint"
                        + " needs attention (last failure: Unable to scale down the old fleet.)",
                "stack prod: 2 of 2 endpoints differ");
    }

    @Test
    void anUpdatingEndpointIsNotSettledYetWithExitFour() {
        describe(endpoint(HOUSE, "mlops-prod-house-prices-config-0a1b2c3", EndpointStatus.UPDATING, "champion", "challenger").toBuilder()
                .pendingDeploymentSummary(PendingDeploymentSummary.builder().endpointConfigName(HOUSE_CONFIG)
                        .startTime(Instant.parse("2026-05-12T10:40:00Z")).build()).build(), matchingRent());
        Outcome o = verifyProd();
        assertThat(o.exit()).isEqualTo(VerifyCommand.NOT_SETTLED);
        assertThat(o.out()).contains("PENDING house-prices: endpoint " + HOUSE + " is Updating (deploying endpoint config " + HOUSE_CONFIG
                        + " since 2026-05-12T10:40:00Z): not settled yet; run verify again when it is InService",
                "stack prod: 1 of 2 endpoints is not settled yet; run verify again in a few minutes");
    }

    @Test
    void aCreatingEndpointDeployingAnotherConfigSaysSo() {
        describe(endpoint(HOUSE, "x", EndpointStatus.CREATING).toBuilder()
                .pendingDeploymentSummary(PendingDeploymentSummary.builder().endpointConfigName("mlops-prod-house-prices-config-ffffff0").build())
                .build(), matchingRent());
        Outcome o = verifyProd();
        assertThat(o.exit()).isEqualTo(VerifyCommand.NOT_SETTLED);
        assertThat(o.out()).contains("is Creating (deploying endpoint config mlops-prod-house-prices-config-ffffff0, not the expected " + HOUSE_CONFIG + ")");
    }

    @Test
    void aDifferenceOutweighsAnEndpointStillUpdating() {
        describe(endpoint(HOUSE, HOUSE_CONFIG, EndpointStatus.UPDATING, "champion", "challenger"),
                endpoint(RENT, RENT_CONFIG, EndpointStatus.FAILED, "champion"));
        Outcome o = verifyProd();
        assertThat(o.exit()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(o.out()).contains("PENDING house-prices", "DIFFERS rent: endpoint " + RENT + " is Failed (SageMaker gives no reason)",
                "1 of 2 endpoints differs from what the stack deployed (1 not settled yet)");
    }

    @Test
    void aMissingEndpointIsADifference() {
        // DescribeEndpoint has no modelled not-found error: SageMaker sends a ValidationException, the SDK a SageMakerException.
        when(sageMaker.describeEndpoint(any(DescribeEndpointRequest.class))).thenAnswer(call -> {
            if (call.<DescribeEndpointRequest>getArgument(0).endpointName().equals(RENT)) {
                return matchingRent();
            }
            throw SageMakerException.builder().statusCode(400)
                    .message("Could not find endpoint \"" + HOUSE + "\". (Service: SageMaker, Status Code: 400, Request ID: 4d5e)")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").serviceName("SageMaker")
                            .errorMessage("Could not find endpoint \"" + HOUSE + "\".").build())
                    .build();
        });
        Outcome o = verifyProd();
        assertThat(o.exit()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(o.out()).contains("DIFFERS house-prices: endpoint " + HOUSE + " does not exist in eu-west-1 (the stack expects it with"
                + " endpoint config " + HOUSE_CONFIG + ")", "ok      rent:");
    }

    @Test
    void missingVariantsAreADifference() {
        describe(endpoint(HOUSE, HOUSE_CONFIG, EndpointStatus.IN_SERVICE, "champion"), matchingRent());
        Outcome o = verifyProd();
        assertThat(o.exit()).isEqualTo(VerifyCommand.DIFFERENCES);
        assertThat(o.out()).contains("DIFFERS house-prices: endpoint " + HOUSE + " has no variant challenger (it has champion)");
    }

    @Test
    void aRollbackAndAMissingVariantAreTwoLines() {
        describe(endpoint(HOUSE, "mlops-prod-house-prices-config-0a1b2c3", EndpointStatus.IN_SERVICE, "champion"), matchingRent());
        Outcome o = verifyProd();
        assertThat(o.out().lines().filter(l -> l.startsWith("  DIFFERS house-prices"))).hasSize(2);
    }

    @Test
    void regionFromTheCommandLineWinsOverTheOutputs() {
        describe(endpoint(HOUSE, HOUSE_CONFIG, EndpointStatus.IN_SERVICE, "champion", "challenger"), matchingRent());
        Outcome o = run("verify", "--stack=prod", "--outputs=" + outputs(), "--region", "us-east-1");
        assertThat(o.exit()).isZero();
        assertThat(regionsAsked).containsExactly("us-east-1");
    }

    @Test
    void whenSageMakerCannotBeAskedTheExitIsThree() {
        when(sageMaker.describeEndpoint(any(DescribeEndpointRequest.class))).thenThrow(SageMakerException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("User: arn:aws:sts::111111111111:assumed-role/ci/x is not authorized to perform: sagemaker:DescribeEndpoint").build())
                .build());
        Outcome o = verifyProd();
        assertThat(o.exit()).isEqualTo(VerifyCommand.SAGEMAKER_UNREACHABLE);
        assertThat(o.err()).contains("error: SageMaker could not be asked in eu-west-1: AccessDeniedException: User:", "sagemaker:DescribeEndpoint");
        verify(sageMaker).close();
    }

    @Test
    void badArgumentsExitWithTwoAndTheUsage() {
        for (String[] args : List.of(new String[] {"verify"}, new String[] {"verify", "--stack", "prod"},
                new String[] {"verify", "--outputs", "x.json"}, new String[] {"verify", "--stack"},
                new String[] {"verify", "--stack", "prod", "--outputs", "x.json", "--json"},
                new String[] {"verify", "--stack", "prod", "--stack", "staging", "--outputs", "x.json"})) {
            Outcome o = run(args);
            assertThat(o.exit()).as(String.join(" ", args)).isEqualTo(VerifyCommand.BAD_INPUT);
            assertThat(o.err()).startsWith("error: ").contains("usage: java -jar target/mlops.jar verify");
        }
        assertThat(run("verify", "--stack", "prod").err()).contains("--outputs is required");
        assertThat(run("verify", "--stack", "prod", "--outputs", "x.json", "--json").err()).contains("unknown argument \"--json\"");
        assertThat(run("verify", "--stack", "prod", "--outputs", outputs().toString(), "--region", "Ireland").err())
                .contains("\"Ireland\" is not an AWS region");
        verifyNoInteractions(sageMaker);
        assertThat(regionsAsked).isEmpty();
    }

    @Test
    void helpPrintsTheExitCodes() {
        Outcome o = run("verify", "--help");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("exit codes: 0 every endpoint matches", "1 an endpoint differs", "2 bad arguments", "4 an endpoint is still");
    }

    @Test
    void anUnreadableOutputsFileExitsWithTwo() {
        Path missing = temp.resolve("no-such-outputs.json");
        Outcome o = run("verify", "--stack", "prod", "--outputs", missing.toString());
        assertThat(o.exit()).isEqualTo(VerifyCommand.BAD_INPUT);
        assertThat(o.err()).startsWith("error: " + missing + " cannot be read");
        verifyNoInteractions(sageMaker);
    }

    private Outcome withOutputs(String json) throws IOException {
        Path file = Files.writeString(temp.resolve("outputs.json"), json);
        return run("verify", "--stack", "prod", "--outputs", file.toString());
    }

    @Test
    void anOutputsFileWithoutWhatVerifyNeedsExitsWithTwoAndSaysWhat() throws IOException {
        assertThat(withOutputs("Current stack outputs (2):").err()).contains("is not JSON stack outputs");
        assertThat(withOutputs("[]").err()).contains("is not a JSON object of stack outputs");
        assertThat(withOutputs("{\"region\": \"eu-west-1\", \"dataBuckets\": {}}").err())
                .contains("endpoints: the stack has no `endpoints` output (outputs found: region, dataBuckets)");
        assertThat(withOutputs("{\"region\": \"eu-west-1\", \"endpoints\": \"[secret]\"}").err())
                .contains("endpoints: is a secret in this file; write it with `pulumi stack output --json --show-secrets`");
        Outcome broken = withOutputs("{\"region\": \"eu-west-1\", \"endpoints\": {\"house-prices\": {\"endpointName\": \"" + HOUSE
                + "\", \"variants\": []}, \"rent\": \"x\"}}");
        assertThat(broken.exit()).isEqualTo(VerifyCommand.BAD_INPUT);
        assertThat(broken.err()).contains("endpoints.house-prices.endpointConfigName: is missing",
                "endpoints.house-prices.variants: expected a non-empty list of variant names", "endpoints.rent: expected {endpointName,");
        Outcome noRegion = withOutputs("{\"endpoints\": {}}");
        assertThat(noRegion.exit()).isEqualTo(VerifyCommand.BAD_INPUT);
        assertThat(noRegion.err()).contains("has no `region` output; pass --region");
        verifyNoInteractions(sageMaker);
    }

    @Test
    void aStackWithoutEndpointsHasNothingToVerify() throws IOException {
        Outcome o = withOutputs("{\"region\": \"eu-west-1\", \"endpoints\": {}}");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("lists no endpoint; nothing to verify");
        verifyNoInteractions(sageMaker);
    }
}
