package dev.mlops.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stack output {@value PromotedPackage#OUTPUT} both ways: what a stack exports and what a promoting stack reads
 * back from it, through JSON as {@code pulumi stack output --json} and the engine hand it over. Whatever the source
 * stack exports, reading it never throws: each bad entry is left out and described.
 */
class PromotedPackageTest {

    private static final String STACK = "acme/mlops/staging";
    private static final String ARN = "arn:aws:sagemaker:eu-west-1:111111111111:model-package/mlops-staging-house-prices/4";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> problems = new ArrayList<>();

    private Map<String, PromotedPackage> parse(Object output) {
        return PromotedPackage.parse(output, STACK, problems);
    }

    /** The value as it arrives from another stack: serialised to JSON and read back as plain maps. */
    private static Object throughJson(Object value) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(value), Object.class);
    }

    @Test
    void aRealPackageRoundTrips() throws Exception {
        var pkg = new PromotedPackage(ARN, "V1.0.4", false);
        Map<String, Object> output = Map.of("house-prices", pkg.asOutput());

        assertThat(pkg.asOutput()).containsExactly(Map.entry("modelPackageArn", ARN), Map.entry("modelVersion", "V1.0.4"));
        assertThat(parse(throughJson(output))).containsExactly(Map.entry("house-prices", pkg));
        assertThat(problems).isEmpty();
    }

    @Test
    void aPlaceholderRoundTripsAndStaysMarked() throws Exception {
        var pkg = new PromotedPackage(ARN.replace("/4", "/999999998"), "placeholder", true);
        assertThat(pkg.asOutput()).containsEntry("placeholder", true);
        assertThat(parse(throughJson(Map.of("house-prices", pkg.asOutput())))).containsExactly(Map.entry("house-prices", pkg));
    }

    @Test
    void severalModelsKeepTheirOrder() throws Exception {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("rent", new PromotedPackage(ARN.replace("house-prices", "rent"), "V2.0.1", false).asOutput());
        output.put("house-prices", new PromotedPackage(ARN, "V1.0.4", false).asOutput());
        assertThat(parse(throughJson(output)).keySet()).containsExactly("rent", "house-prices");
    }

    @Test
    void noOutputMeansNoPackagesAndNoProblem() {
        assertThat(parse(null)).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void anOutputThatIsNoMapIsOneProblem() {
        assertThat(parse(List.of(ARN))).isEmpty();
        assertThat(problems).containsExactly("stack " + STACK + " exports approvedModelPackages as [" + ARN + "], not a map of model names");
        problems.clear();
        assertThat(parse("house-prices")).isEmpty();
        assertThat(problems).containsExactly("stack " + STACK + " exports approvedModelPackages as \"house-prices\", not a map of model names");
    }

    @Test
    void aBadEntryIsLeftOutAndTheOthersStay() throws Exception {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("rent", ARN);
        output.put("churn", Map.of("modelPackageArn", "arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/churn",
                "modelVersion", " "));
        output.put("fraud", Map.of("modelVersion", "V1.0.1"));
        output.put("house-prices", new PromotedPackage(ARN, "V1.0.4", false).asOutput());

        Map<String, PromotedPackage> packages = parse(throughJson(output));

        assertThat(packages).containsOnlyKeys("house-prices");
        assertThat(problems).containsExactly(
                "stack " + STACK + " exports approvedModelPackages.rent as \"" + ARN + "\", not {modelPackageArn, modelVersion}",
                "stack " + STACK + " exports approvedModelPackages.churn with modelPackageArn"
                        + " \"arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/churn\" is not a versioned model package ARN"
                        + " and modelVersion \" \" is not a version",
                "stack " + STACK + " exports approvedModelPackages.fraud with modelPackageArn nothing is not a versioned model package ARN");
    }

    @ParameterizedTest(name = "modelPackageArn: {0}")
    @ValueSource(strings = {"", "not an arn", "arn:aws:sagemaker:eu-west-1:111111111111:model-package/mlops-staging-house-prices/0",
            "arn:aws:sagemaker:eu-west-1:111111111111:model-package/mlops-staging-house-prices/99999999999",
            "arn:aws:sagemaker:eu-west-1:1111:model-package/mlops-staging-house-prices/1"})
    void malformedArnsAreProblemsNotExceptions(String arn) {
        assertThatNoException().isThrownBy(() -> parse(Map.of("house-prices", Map.of("modelPackageArn", arn, "modelVersion", "V1.0.1"))));
        assertThat(problems).singleElement().asString().startsWith("stack " + STACK + " exports approvedModelPackages.house-prices with modelPackageArn");
    }

    @Test
    void valuesOfTheWrongTypeAreProblemsNotExceptions() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("modelPackageArn", 42);
        entry.put("modelVersion", List.of("V1"));
        entry.put("placeholder", "yes");
        Map<Object, Object> output = new LinkedHashMap<>();
        output.put("house-prices", entry);
        output.put(7, null);

        assertThat(parse(output)).isEmpty();
        assertThat(problems).containsExactly(
                "stack " + STACK + " exports approvedModelPackages.house-prices with modelPackageArn 42 is not a versioned model package ARN"
                        + " and modelVersion [V1] is not a version",
                "stack " + STACK + " exports approvedModelPackages.7 as nothing, not {modelPackageArn, modelVersion}");
    }

    @Test
    void onlyTheBooleanTrueMarksAPlaceholder() {
        assertThat(parse(Map.of("house-prices", Map.of("modelPackageArn", ARN, "modelVersion", "V1.0.4", "placeholder", "true"))))
                .containsEntry("house-prices", new PromotedPackage(ARN, "V1.0.4", false));
    }

    @Test
    void aPackageNeedsAnArnAndAVersion() {
        assertThatThrownBy(() -> new PromotedPackage(null, "V1", false)).isInstanceOf(NullPointerException.class).hasMessage("modelPackageArn");
        assertThatThrownBy(() -> new PromotedPackage(ARN, null, false)).isInstanceOf(NullPointerException.class).hasMessage("modelVersion");
    }
}
