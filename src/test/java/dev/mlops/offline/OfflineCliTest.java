package dev.mlops.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.testing.Previews;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: what it prints, what it writes, and its exit codes. */
class OfflineCliTest {

    record Outcome(int exit, String out, String err) {
    }

    @TempDir
    Path temp;

    static Outcome run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = OfflineCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A copy of this project's Pulumi.yaml and stack files in a temporary directory, to edit. */
    Path project() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("project"));
        for (String file : List.of("Pulumi.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml")) {
            Files.copy(Previews.PROJECT.resolve(file), dir.resolve(file));
        }
        return dir;
    }

    static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void previewsProdWithStagingResolvedInProcess() {
        Outcome o = run("preview", "--stack", "prod", "--cwd", Previews.PROJECT.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("Previewing update (prod)")
                .contains("stack reference acme/mlops/staging: previewed in-process from Pulumi.staging.yaml")
                .contains("pulumi:pulumi:Stack", "mlops:data:DataLake", "aws:s3:BucketV2", "pulumi:pulumi:StackReference")
                .containsPattern("\\+ \\d+ to create")
                .contains("> 2 to read");
        assertThat(o.err()).isEmpty();
    }

    @Test
    void writesJsonAndMarkdownThatAreByteIdenticalAcrossRuns() throws IOException {
        Path first = temp.resolve("first.json");
        Path second = temp.resolve("second.json");
        Path markdown = temp.resolve("comment.md");
        assertThat(run("preview", "--stack", "prod", "--cwd", Previews.PROJECT.toString(), "--json", first.toString(),
                "--markdown", markdown.toString()).exit()).isZero();
        assertThat(run("preview", "--stack", "prod", "--cwd", Previews.PROJECT.toString(), "--json=" + second).exit()).isZero();
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        assertThat(Files.readString(markdown)).contains("## Pulumi preview (offline): `prod`", "```mermaid");
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        Outcome o = run("--help");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("usage:", "--stack", "exit codes");
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhatIsAllowed() {
        assertThat(run("preview")).satisfies(o -> {
            assertThat(o.exit()).isEqualTo(2);
            assertThat(o.err()).contains("--stack is required");
        });
        assertThat(run("deploy", "--stack", "prod")).satisfies(o -> {
            assertThat(o.exit()).isEqualTo(2);
            assertThat(o.err()).contains("unknown command \"deploy\"", "preview");
        });
        assertThat(run("preview", "--stack", "prod", "--frobnicate")).satisfies(o -> {
            assertThat(o.exit()).isEqualTo(2);
            assertThat(o.err()).contains("unknown option \"--frobnicate\"", "usage:");
        });
        assertThat(run("preview", "--stack")).satisfies(o -> {
            assertThat(o.exit()).isEqualTo(2);
            assertThat(o.err()).contains("--stack needs a value");
        });
        assertThat(run("preview", "--stack", "prod", "--stack-outputs", "nofile")).satisfies(o -> {
            assertThat(o.exit()).isEqualTo(2);
            assertThat(o.err()).contains("--stack-outputs takes <stack>=<file>");
        });
    }

    @Test
    void anUnknownStackExitsWithTwoAndListsTheStacks() {
        Outcome o = run("preview", "--stack", "dev", "--cwd", Previews.PROJECT.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("Pulumi.dev.yaml", "stacks here: prod, staging");
    }

    @Test
    void aMisspelledKeyExitsWithTwoNamingTheKeyAndTheFix() throws IOException {
        Path dir = project();
        edit(dir.resolve("Pulumi.prod.yaml"), "mlops:alertEmails:", "mlops:alertEmail:");
        Outcome o = run("preview", "--stack", "prod", "--cwd", dir.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("Pulumi.prod.yaml")
                .contains("mlops:alertEmail: unknown key; did you mean \"mlops:alertEmails\"?")
                .contains("mlops:alertEmails: is required")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void anOutOfRangeValueExitsWithTwoNamingTheKey() throws IOException {
        Path dir = project();
        edit(dir.resolve("Pulumi.prod.yaml"), "captureRetentionDays: 365", "captureRetentionDays: 5000");
        Outcome o = run("preview", "--stack", "prod", "--cwd", dir.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("mlops:data.captureRetentionDays: 5000 is out of range 1..3650");
    }

    @Test
    void aBrokenReferencedStackExitsWithTwoAndSaysWhyItWasRead() throws IOException {
        Path dir = project();
        edit(dir.resolve("Pulumi.staging.yaml"), "aws:region: eu-west-1", "aws:region: eu-wset-1");
        Outcome o = run("preview", "--stack", "prod", "--cwd", dir.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("Pulumi.staging.yaml (read because stack prod references acme/mlops/staging)")
                .contains("aws:region: \"eu-wset-1\" is not an AWS region; did you mean \"eu-west-1\"?");
    }

    @Test
    void stackOutputsFromAFileReplaceTheInProcessPreview() throws IOException {
        Path outputs = temp.resolve("staging-outputs.json");
        Files.writeString(outputs, "{\"accountId\": \"111111111111\", \"dataBuckets\": {\"artifacts\": \"from-the-file\"}}");
        Path json = temp.resolve("prod.json");
        Outcome o = run("preview", "--stack", "prod", "--cwd", Previews.PROJECT.toString(),
                "--stack-outputs", "acme/mlops/staging=" + outputs, "--json", json.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("outputs from file " + outputs).contains("\"artifactsBucket\":\"from-the-file\"");
    }

    @Test
    void stackOutputsForAStackThatIsNotReferencedAreRejected() throws IOException {
        Path outputs = temp.resolve("outputs.json");
        Files.writeString(outputs, "{}");
        Outcome o = run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--stack-outputs", "acme/mlops/prod=" + outputs);
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("--stack-outputs names acme/mlops/prod, which stack staging does not reference");
    }

    @Test
    void unreadableInputFilesExitWithTwo() throws IOException {
        Path notJson = temp.resolve("base.json");
        Files.writeString(notJson, "this is not json");
        assertThat(run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--diff", notJson.toString()))
                .satisfies(o -> {
                    assertThat(o.exit()).isEqualTo(2);
                    assertThat(o.err()).contains("cannot be read as a preview");
                });
        assertThat(run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--diff", temp.resolve("missing.json").toString()))
                .satisfies(o -> assertThat(o.exit()).isEqualTo(2));
    }

    @Test
    void aStackReferenceToAnotherProjectNeedsItsOutputs() throws IOException {
        Path dir = project();
        edit(dir.resolve("Pulumi.prod.yaml"), "sourceStack: acme/mlops/staging", "sourceStack: acme/other/staging");
        Outcome o = run("preview", "--stack", "prod", "--cwd", dir.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("not a stack of project mlops", "--stack-outputs acme/other/staging=FILE");
    }

    @Test
    void namesAwsWouldRejectExitWithThreeBeforeAnythingIsPrinted() throws IOException {
        // A long project name makes every auto-named bucket longer than S3's 63 characters.
        Path dir = project();
        String longName = "a-project-name-long-enough-to-break-bucket-names";
        for (String file : List.of("Pulumi.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml")) {
            String text = Files.readString(dir.resolve(file));
            Files.writeString(dir.resolve(file), text.replace("name: mlops", "name: " + longName)
                    .replace("mlops:", longName + ":").replace("acme/mlops/", "acme/" + longName + "/"));
        }
        Path json = temp.resolve("never.json");
        Outcome o = run("preview", "--stack", "staging", "--cwd", dir.toString(), "--json", json.toString());
        assertThat(o.exit()).as(o.err()).isEqualTo(3);
        assertThat(o.err()).contains("preflight found", "S3 bucket names are 3..63", "keep the logical name");
        assertThat(o.out()).isEmpty();
        assertThat(json).doesNotExist();
    }

    @Test
    void diffAgainstItselfShowsNoChanges() throws IOException {
        Path base = temp.resolve("base.json");
        assertThat(run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--json", base.toString()).exit()).isZero();
        Path md = temp.resolve("diff.md");
        Outcome o = run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--diff", base.toString(), "--markdown", md.toString());
        assertThat(o.exit()).isZero();
        assertThat(o.out()).containsPattern("\\d+ unchanged").doesNotContain("to create");
        assertThat(Files.readString(md)).contains("No changes against the base preview.");
    }

    @Test
    void diffShowsChangedInputPathsAndDeletes() throws IOException {
        Path base = temp.resolve("base.json");
        assertThat(run("preview", "--stack", "prod", "--cwd", Previews.PROJECT.toString(), "--json", base.toString()).exit()).isZero();
        Path dir = project();
        edit(dir.resolve("Pulumi.prod.yaml"), "noncurrentVersionRetentionDays: 30", "noncurrentVersionRetentionDays: 60");
        edit(dir.resolve("Pulumi.prod.yaml"), "  mlops:promotion:\n    sourceStack: acme/mlops/staging\n", "");
        Path json = temp.resolve("diff.json");
        Outcome o = run("preview", "--stack", "prod", "--cwd", dir.toString(), "--diff", base.toString(), "--json", json.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("[diff: ~rules[0].noncurrentVersionExpiration.noncurrentDays]")
                // The promotion component and its two stack references; without promotion prod serves from its
                // own registry, so serving changes too.
                .contains("- 3 to delete")
                .containsPattern("~ \\d+ to update");
        assertThat(Files.readString(json)).contains("\"op\": \"update\"", "\"op\": \"delete\"", "\"oldState\"",
                "\"rules[0].noncurrentVersionExpiration.noncurrentDays\": {");
    }

    /** A registry fixture for staging's group: {@code versions} as (version, approval status) pairs. */
    Path registry(String group, String... statusByVersion) throws IOException {
        List<String> packages = new ArrayList<>();
        for (int i = 0; i < statusByVersion.length; i++) {
            int version = i + 1;
            packages.add("{\"ModelPackageArn\": \"arn:aws:sagemaker:eu-west-1:111111111111:model-package/" + group + "/" + version
                    + "\", \"ModelPackageVersion\": " + version + ", \"ModelApprovalStatus\": \"" + statusByVersion[i]
                    + "\", \"CreationTime\": \"2026-05-0" + version + "T10:00:00+00:00\"}");
        }
        Path file = temp.resolve("registry-" + group + ".json");
        Files.writeString(file, "{\"modelPackageGroups\": {\"" + group + "\": {\"ModelPackageSummaryList\": ["
                + String.join(", ", packages) + "]}}}");
        return file;
    }

    @Test
    void aRegistryFixtureDecidesWhatStagingServes() throws IOException {
        Path fixture = registry("mlops-staging-house-prices", "Approved", "Approved", "PendingManualApproval");
        Path json = temp.resolve("staging.json");
        Outcome o = run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--registry", fixture.toString(),
                "--json", json.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        String preview = Files.readString(json);
        String group = "arn:aws:sagemaker:eu-west-1:111111111111:model-package/mlops-staging-house-prices/";
        // Champion: the latest approved (2); challenger: the newer pending one (3); no placeholders.
        assertThat(preview).contains("\"modelPackageName\": \"" + group + "2\"", "\"modelPackageName\": \"" + group + "3\"")
                .doesNotContain(group + "1\"", "999999998", "999999999");
        assertThat(o.out()).doesNotContain("placeholder model packages");
    }

    @Test
    void aRegistryWithoutAChampionLeavesStagingWithoutAnEndpointAndSaysSo() throws IOException {
        Path fixture = registry("mlops-staging-house-prices", "PendingManualApproval");
        Outcome o = run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--registry", fixture.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).doesNotContain("aws:sagemaker:Endpoint ", "mlops:serving:InferenceApi")
                .contains("house-prices: no endpoint yet");
    }

    @Test
    void aRegistryFixtureWithoutTheStacksGroupExitsWithTwoNamingTheFileAndTheGroup() throws IOException {
        Path fixture = registry("mlops-staging-house-price", "Approved");
        Outcome o = run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--registry", fixture.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("--registry (stack staging)", fixture.toString(),
                "lists no model package group \"mlops-staging-house-prices\"", "it lists mlops-staging-house-price");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void aMalformedRegistryFixtureExitsWithTwoNamingTheFileAndEveryProblem() throws IOException {
        Path fixture = temp.resolve("bad-registry.json");
        Files.copy(Previews.PROJECT.resolve("src/test/resources/registry/bad-registry.json"), fixture);
        Outcome o = run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--registry", fixture.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).startsWith("error: --registry: registry fixture " + fixture)
                .contains("ModelApprovalStatus", "\"Aproved\"", "bad_group", "yesterday");
        assertThat(o.out()).isEmpty();

        Files.writeString(fixture, "{\"modelPackageGroups\": ");
        Outcome notJson = run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--registry", fixture.toString());
        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err()).contains(fixture.toString(), "is not JSON");
    }

    @Test
    void aMissingRegistryFixtureExitsWithTwo() {
        Path missing = temp.resolve("no-such-registry.json");
        Outcome o = run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--registry", missing.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains(missing.toString(), "cannot be read");
    }

    @Test
    void policyResultsAppearInTheComment() throws IOException {
        Path report = temp.resolve("policy.txt");
        List<String> lines = new ArrayList<>();
        lines.add("[mandatory] s3-bucket-versioned: bucket must be versioned (urn:pulumi:prod::mlops::aws:s3/bucketV2:BucketV2::b)");
        lines.add("[advisory] instance-type-allowed: ml.p3.16xlarge is costly (urn:pulumi:prod::mlops::x::y)");
        Files.write(report, lines);
        Path md = temp.resolve("comment.md");
        assertThat(run("preview", "--stack", "staging", "--cwd", Previews.PROJECT.toString(), "--policy-report", report.toString(),
                "--markdown", md.toString()).exit()).isZero();
        assertThat(Files.readString(md)).contains("### Policy results", "1 mandatory violation", "`s3-bucket-versioned`", "| advisory |");
    }
}
