package dev.mlops.serving.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline preview's {@code --registry FILE}: the documented format, and messages that name the file and the problem. */
class FixtureModelPackageLookupTest {

    private static final String PREFIX = "arn:aws:sagemaker:eu-west-1:111111111111:model-package/";

    @TempDir
    Path temp;

    static Path resource(String name) {
        try {
            return Path.of(FixtureModelPackageLookupTest.class.getResource("/registry/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private final FixtureModelPackageLookup registry = FixtureModelPackageLookup.read(resource("registry.json"));

    @Test
    void readsEveryGroupInTheFile() {
        assertThat(registry.groups()).containsExactly("mlops-prod-house-prices", "mlops-prod-rent", "mlops-prod-churn", "mlops-prod-fraud");
    }

    @Test
    void selectsChampionAndChallengerByTheSameRuleAsTheRegistry() {
        Selection s = registry.select("mlops-prod-house-prices");
        assertThat(s.championArn()).contains(PREFIX + "mlops-prod-house-prices/2");
        assertThat(s.challengerArn()).contains(PREFIX + "mlops-prod-house-prices/3");
        assertThat(s.placeholder()).isFalse();
        assertThat(s.reason()).endsWith("(registry fixture registry.json)");
    }

    @Test
    void leavesOutPackagesWhoseRegistrationIsNotCompleted() {
        Selection s = registry.select("mlops-prod-rent");
        assertThat(s.championArn()).contains(PREFIX + "mlops-prod-rent/1");
        assertThat(s.challengerArn()).isEmpty();
        assertThat(s.reason()).contains("left out 1 package not Completed");
    }

    @Test
    void aGroupWithNothingApprovedOrNothingRegisteredHasNoChampion() {
        assertThat(registry.select("mlops-prod-churn").hasChampion()).isFalse();
        assertThat(registry.select("mlops-prod-fraud").reason()).contains("no model package is registered yet");
    }

    @Test
    void groupNamesMatchWithoutRegardToCase() {
        assertThat(registry.select("MLOps-Prod-House-Prices").championArn()).contains(PREFIX + "mlops-prod-house-prices/2");
    }

    @Test
    void aGroupTheFileDoesNotListIsAnErrorThatNamesTheFileAndTheGroupsItLists() {
        assertThatThrownBy(() -> registry.select("mlops-prod-house-price")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registry.json lists no model package group \"mlops-prod-house-price\"")
                .hasMessageContaining("it lists mlops-prod-house-prices, mlops-prod-rent");
    }

    @Test
    void reportsEveryProblemOfABadFileWithItsPath() {
        Path file = resource("bad-registry.json");
        assertThatThrownBy(() -> FixtureModelPackageLookup.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry fixture " + file + " has 9 problems:")
                .hasMessageContaining("modelPackages: unknown key")
                .hasMessageContaining("ModelPackageSummaryList[0].ModelApprovalStatus: \"Aproved\" is not an approval status;"
                        + " expected one of Approved, PendingManualApproval, Rejected")
                .hasMessageContaining("ModelPackageSummaryList[0].ModelPackageVersion: 3 differs from the ARN's version 2")
                .hasMessageContaining("ModelPackageSummaryList[1].ModelPackageArn: " + PREFIX + "mlops-prod-rent/2 is in group"
                        + " mlops-prod-rent, not mlops-prod-house-prices")
                .hasMessageContaining("ModelPackageSummaryList[1].CreationTime: \"yesterday\" is not a time")
                .hasMessageContaining("ModelPackageSummaryList[2].ModelPackageVersion: is required")
                .hasMessageContaining("ModelPackageSummaryList[2].CreationTime: is required")
                .hasMessageContaining("modelPackageGroups.mlops-prod-rent: expected {\"ModelPackageSummaryList\": [...]}")
                .hasMessageContaining("modelPackageGroups.bad_group: \"bad_group\" is not a model package group name");
    }

    @Test
    void aFileThatIsNotJsonNamesTheFileAndTheLine() throws IOException {
        Path file = Files.writeString(temp.resolve("registry.json"), "{\n  \"modelPackageGroups\": {,\n}");
        assertThatThrownBy(() -> FixtureModelPackageLookup.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry fixture " + file + " is not JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void aMissingFileNamesTheFile() {
        Path file = temp.resolve("no-such-registry.json");
        assertThatThrownBy(() -> FixtureModelPackageLookup.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry fixture " + file + " cannot be read");
    }

    @Test
    void aFileWithoutGroupsSaysWhatItShouldHold() throws IOException {
        Path array = Files.writeString(temp.resolve("array.json"), "[]");
        assertThatThrownBy(() -> FixtureModelPackageLookup.read(array)).hasMessageContaining("expected a JSON object");
        Path empty = Files.writeString(temp.resolve("empty.json"), "{}");
        assertThatThrownBy(() -> FixtureModelPackageLookup.read(empty))
                .hasMessageContaining("modelPackageGroups: is required: model package group name -> the output of `aws sagemaker list-model-packages`");
    }

    @Test
    void duplicateVersionsAndBadVersionNumbersAreNamed() throws IOException {
        String summary = "{\"ModelPackageVersion\": %s, \"ModelPackageArn\": \"" + PREFIX + "g/%s\", \"ModelApprovalStatus\": \"Approved\","
                + " \"CreationTime\": \"2026-05-01T00:00:00Z\"}";
        Path file = Files.writeString(temp.resolve("dup.json"), "{\"modelPackageGroups\": {\"g\": {\"ModelPackageSummaryList\": ["
                + String.format(summary, 1, 1) + ", " + String.format(summary, 1, 1) + ", " + String.format(summary, "\"2\"", 2) + "]}}}");
        assertThatThrownBy(() -> FixtureModelPackageLookup.read(file))
                .hasMessageContaining("g.ModelPackageSummaryList[1].ModelPackageVersion: version 1 is also listed at modelPackageGroups.g.ModelPackageSummaryList[0]")
                .hasMessageContaining("g.ModelPackageSummaryList[2].ModelPackageVersion: \"2\" is not a positive whole number");
    }
}
