package dev.mlops.config;

import static dev.mlops.config.StackYaml.STACK;
import static dev.mlops.config.StackYaml.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.config.IdentitySettings.PersonaNames;
import dev.mlops.config.IdentitySettings.Source;
import dev.mlops.offline.OfflineCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mlops:identity}: who may assume the persona roles, through which identity source, for how long. */
class IdentitySettingsTest extends StackFileParsing {

    private static final String KEY = "mlops:identity";
    private static final String SAML_ARN = "arn:aws:iam::111111111111:saml-provider/corporate-idp";
    private static final String PERMISSION_SETS =
            "{dataEngineer: MlopsDataEngineer, dataScientist: MlopsDataScientist, mlEngineer: MlopsMlEngineer}";

    private StackYaml identity(String yamlValue) {
        return minimal().with(KEY, yamlValue);
    }

    // ---------------------------------------------------------------- the three sources

    @Test
    void accountsSource() {
        IdentitySettings id = settingsOf(identity("{source: accounts, trustedAccountIds: [\"333333333333\", \"444444444444\"]}"))
                .identity();

        assertThat(id.source()).isEqualTo(Source.ACCOUNTS);
        assertThat(id.sourceKey()).isEqualTo("accounts");
        assertThat(id.trustedAccountIds()).containsExactly("333333333333", "444444444444");
        assertThat(id.samlProviderArn()).isEmpty();
        assertThat(id.permissionSets()).isEmpty();
        assertThat(id.maxSessionHours()).as("default").isEqualTo(4);
    }

    @Test
    void samlSource() {
        IdentitySettings id = settingsOf(identity("{source: saml, samlProviderArn: \"" + SAML_ARN + "\"}")).identity();

        assertThat(id.source()).isEqualTo(Source.SAML);
        assertThat(id.samlProviderArn()).contains(SAML_ARN);
        assertThat(id.trustedAccountIds()).isEmpty();
        assertThat(id.permissionSets()).isEmpty();
    }

    @Test
    void iamIdentityCenterSource() {
        IdentitySettings id = settingsOf(identity("{source: iam-identity-center, permissionSets: " + PERMISSION_SETS
                + ", maxSessionHours: 12}")).identity();

        assertThat(id.source()).isEqualTo(Source.IAM_IDENTITY_CENTER);
        assertThat(id.sourceKey()).isEqualTo("iam-identity-center");
        assertThat(id.permissionSets()).contains(new PersonaNames("MlopsDataEngineer", "MlopsDataScientist", "MlopsMlEngineer"));
        assertThat(id.trustedAccountIds()).isEmpty();
        assertThat(id.samlProviderArn()).isEmpty();
        assertThat(id.maxSessionHours()).isEqualTo(12);
    }

    // ---------------------------------------------------------------- the key itself

    @Test
    void identityIsRequired() {
        ConfigProblem p = onlyProblem(minimal().without(KEY));

        assertThat(p.path()).isEqualTo(KEY);
        assertThat(p.message()).startsWith("is required: ").contains("who may assume the persona roles",
                "accounts | saml | iam-identity-center");
    }

    @ParameterizedTest(name = "mlops:identity: {0}")
    @ValueSource(strings = {"~", "null"})
    void identityGivenAsNullIsMissing(String value) {
        ConfigProblem p = onlyProblem(identity(value));

        assertThat(p.path()).isEqualTo(KEY);
        assertThat(p.message()).startsWith("is required: ").contains("accounts | saml | iam-identity-center");
    }

    @Test
    void identityGivenAsEmptyTextIsReportedOnce() {
        ConfigProblem p = onlyProblem(identity("\"\""));

        assertThat(p.path()).isEqualTo(KEY);
        assertThat(p.message()).isEqualTo("expected an object with named settings, found the text \"\"");
    }

    @Test
    void anEmptyIdentitySourceExitsWithTwoNamingTheKey() {
        TestProjects.project(dir, STACK, minimal().without(KEY).toString());
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int exit = OfflineCli.run(new String[] {"preview", "--stack", STACK, "--cwd", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(errors).isEqualTo(OfflineCli.BAD_INPUT).isEqualTo(2);
        assertThat(errors).contains("Pulumi.dev.yaml", "mlops:identity: is required")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void identityMustBeAnObject() {
        ConfigProblem p = onlyProblem(identity("accounts"));

        assertThat(p.path()).isEqualTo(KEY);
        assertThat(p.message()).contains("expected an object with named settings", "the text \"accounts\"");
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        ConfigProblem p = onlyProblem(identity("{source: accounts, trustedAccountIds: [\"333333333333\"], maxSessionHour: 2}"));

        assertThat(p.path()).isEqualTo("mlops:identity.maxSessionHour");
        assertThat(p.message()).contains("unknown key", "did you mean \"mlops:identity.maxSessionHours\"?");
    }

    // ---------------------------------------------------------------- source

    @Test
    void sourceIsRequired() {
        ConfigProblem p = onlyProblem(identity("{}"));

        assertThat(p.path()).isEqualTo("mlops:identity.source");
        assertThat(p.message()).isEqualTo("is required: one of accounts, saml, iam-identity-center");
    }

    @ParameterizedTest(name = "source: [{0}]")
    @ValueSource(strings = {"", " "})
    void emptyOrBlankSource(String source) {
        ConfigProblem p = onlyProblem(identity("{source: \"" + source + "\"}"));

        assertThat(p.path()).isEqualTo("mlops:identity.source");
        assertThat(p.message()).isEqualTo("\"" + source + "\" is not allowed; allowed: accounts, saml, iam-identity-center");
    }

    @ParameterizedTest(name = "source: {0}")
    @CsvSource({"acounts, accounts", "SAML, saml", "iam-identity-centre, iam-identity-center"})
    void unknownSourceSuggestsTheClosest(String source, String suggestion) {
        ConfigProblem p = onlyProblem(identity("{source: " + source + "}"));

        assertThat(p.path()).isEqualTo("mlops:identity.source");
        assertThat(p.message()).contains("\"" + source + "\" is not allowed", "did you mean \"" + suggestion + "\"?",
                "allowed: accounts, saml, iam-identity-center");
    }

    @Test
    void unknownSourceWithoutCloseMatchListsTheSources() {
        ConfigProblem p = onlyProblem(identity("{source: okta}"));

        assertThat(p.path()).isEqualTo("mlops:identity.source");
        assertThat(p.message()).isEqualTo("\"okta\" is not allowed; allowed: accounts, saml, iam-identity-center");
    }

    // ---------------------------------------------------------------- what each source requires

    @Test
    void accountsSourceNeedsTrustedAccountIds() {
        ConfigProblem p = onlyProblem(identity("{source: accounts}"));

        assertThat(p.path()).isEqualTo("mlops:identity.trustedAccountIds");
        assertThat(p.message()).startsWith("is required: ").contains("accounts whose principals may assume", "with MFA");
    }

    @Test
    void accountsSourceNeedsAtLeastOneAccount() {
        ConfigProblem p = onlyProblem(identity("{source: accounts, trustedAccountIds: []}"));

        assertThat(p.path()).isEqualTo("mlops:identity.trustedAccountIds");
        assertThat(p.message()).isEqualTo("must list at least one entry");
    }

    @Test
    void samlSourceNeedsTheProviderArn() {
        ConfigProblem p = onlyProblem(identity("{source: saml}"));

        assertThat(p.path()).isEqualTo("mlops:identity.samlProviderArn");
        assertThat(p.message()).startsWith("is required: ").contains("SAML provider's ARN");
    }

    @Test
    void iamIdentityCenterSourceNeedsPermissionSets() {
        ConfigProblem p = onlyProblem(identity("{source: iam-identity-center}"));

        assertThat(p.path()).isEqualTo("mlops:identity.permissionSets");
        assertThat(p.message()).startsWith("is required: ").contains("permission set of each persona",
                "dataEngineer", "dataScientist", "mlEngineer");
    }

    @Test
    void everyPersonaNeedsAPermissionSet() {
        List<String> problems = problemsOf(identity("{source: iam-identity-center, permissionSets: {dataScientist: Scientists}}"));

        assertThat(problems).containsExactly(
                "mlops:identity.permissionSets.dataEngineer: is required: the permission set of data engineers",
                "mlops:identity.permissionSets.mlEngineer: is required: the permission set of ML engineers");
    }

    @Test
    void permissionSetsThatAreNoObjectAreReportedOnce() {
        // Not also "is required": the key is there, it holds the wrong thing.
        ConfigProblem p = onlyProblem(identity("{source: iam-identity-center, permissionSets: [MlopsDataEngineer]}"));

        assertThat(p.path()).isEqualTo("mlops:identity.permissionSets");
        assertThat(p.message()).contains("expected an object with named settings", "found a list");
    }

    @Test
    void unknownPersonaSuggestsTheClosest() {
        ConfigProblem p = onlyProblem(identity("{source: iam-identity-center, permissionSets: {dataEngineer: A, dataScientist: B,"
                + " mlEngineer: C, mlEngineers: D}}"));

        assertThat(p.path()).isEqualTo("mlops:identity.permissionSets.mlEngineers");
        assertThat(p.message()).contains("did you mean \"mlops:identity.permissionSets.mlEngineer\"?");
    }

    // ---------------------------------------------------------------- fields that do not apply

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            accounts            | trustedAccountIds: ["333333333333"] | samlProviderArn
            accounts            | trustedAccountIds: ["333333333333"] | permissionSets
            saml                | samlProviderArn: "arn:aws:iam::111111111111:saml-provider/corporate-idp" | trustedAccountIds
            saml                | samlProviderArn: "arn:aws:iam::111111111111:saml-provider/corporate-idp" | permissionSets
            iam-identity-center | permissionSets: {dataEngineer: A, dataScientist: B, mlEngineer: C} | trustedAccountIds
            iam-identity-center | permissionSets: {dataEngineer: A, dataScientist: B, mlEngineer: C} | samlProviderArn
            """)
    void fieldOfAnotherSourceIsRejected(String source, String required, String other) {
        String otherValue = switch (other) {
            case "trustedAccountIds" -> "[\"333333333333\"]";
            case "samlProviderArn" -> "\"" + SAML_ARN + "\"";
            default -> PERMISSION_SETS;
        };
        ConfigProblem p = onlyProblem(identity("{source: " + source + ", " + required + ", " + other + ": " + otherValue + "}"));

        assertThat(p.path()).isEqualTo("mlops:identity." + other);
        assertThat(p.message()).isEqualTo("does not apply when source is " + source + "; remove it");
    }

    // ---------------------------------------------------------------- values

    @ParameterizedTest(name = "samlProviderArn: {0}")
    @ValueSource(strings = {
            "arn:aws:iam::1111:saml-provider/corporate-idp",
            "arn:aws:iam::111111111111:role/corporate-idp",
            "arn:aws:iam:eu-west-1:111111111111:saml-provider/corporate-idp",
            "corporate-idp",
            "arn:aws:iam::111111111111:saml-provider/"})
    void badSamlProviderArn(String arn) {
        ConfigProblem p = onlyProblem(identity("{source: saml, samlProviderArn: \"" + arn + "\"}"));

        assertThat(p.path()).isEqualTo("mlops:identity.samlProviderArn");
        assertThat(p.message()).contains("\"" + arn + "\" is not allowed", "an IAM SAML provider ARN such as arn:aws:iam::");
    }

    @Test
    void samlProviderArnInAnotherPartitionIsAccepted() {
        String arn = "arn:aws-us-gov:iam::111111111111:saml-provider/corporate-idp";

        assertThat(settingsOf(identity("{source: saml, samlProviderArn: \"" + arn + "\"}")).identity().samlProviderArn())
                .contains(arn);
    }

    @Test
    void badAccountIds() {
        List<String> problems = problemsOf(identity(
                "{source: accounts, trustedAccountIds: [\"333333333333\", \"12345\", \"abcdefghijkl\", \"3333333333333\"]}"));

        assertThat(problems).containsExactly(
                "mlops:identity.trustedAccountIds[1]: \"12345\" is not allowed: an AWS account id is exactly 12 digits",
                "mlops:identity.trustedAccountIds[2]: \"abcdefghijkl\" is not allowed: an AWS account id is exactly 12 digits",
                "mlops:identity.trustedAccountIds[3]: \"3333333333333\" is not allowed: an AWS account id is exactly 12 digits");
    }

    @Test
    void accountIdsWrittenAsYamlNumbersAreAccepted() {
        assertThat(settingsOf(identity("{source: accounts, trustedAccountIds: [333333333333]}")).identity().trustedAccountIds())
                .containsExactly("333333333333");
    }

    @Test
    void duplicateAccountIds() {
        ConfigProblem p = onlyProblem(identity("{source: accounts, trustedAccountIds: [\"333333333333\", \"444444444444\","
                + " \"333333333333\"]}"));

        assertThat(p.path()).isEqualTo("mlops:identity.trustedAccountIds[2]");
        assertThat(p.message()).isEqualTo("\"333333333333\" is listed twice");
    }

    @Test
    void trustedAccountIdsMustBeAList() {
        ConfigProblem p = onlyProblem(identity("{source: accounts, trustedAccountIds: \"333333333333\"}"));

        assertThat(p.path()).isEqualTo("mlops:identity.trustedAccountIds");
        assertThat(p.message()).contains("expected a list", "the text \"333333333333\"");
    }

    @ParameterizedTest(name = "permission set: {0}")
    @ValueSource(strings = {"Data Engineers", "data/engineers", "", "p23456789012345678901234567890123"})
    void badPermissionSetName(String name) {
        ConfigProblem p = onlyProblem(identity("{source: iam-identity-center, permissionSets: {dataEngineer: \"" + name
                + "\", dataScientist: B, mlEngineer: C}}"));

        assertThat(p.path()).isEqualTo("mlops:identity.permissionSets.dataEngineer");
        assertThat(p.message()).contains("\"" + name + "\" is not allowed", "1 to 32 letters, digits and + = , . @ _ -",
                "IAM Identity Center permission set names");
    }

    @Test
    void permissionSetNamesMayUseTheirPunctuation() {
        assertThat(settingsOf(identity("{source: iam-identity-center, permissionSets: {dataEngineer: \"ml+data=eng,1.x@a_b-c\","
                + " dataScientist: \"" + "s".repeat(32) + "\", mlEngineer: C}}")).identity().permissionSets())
                .hasValueSatisfying(sets -> assertThat(sets.dataEngineer()).isEqualTo("ml+data=eng,1.x@a_b-c"));
    }

    @ParameterizedTest(name = "maxSessionHours: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            0   | 0 is out of range 1..12
            13  | 13 is out of range 1..12
            -1  | -1 is out of range 1..12
            1.5 | 1.5 is not a whole number
            two | "two" is not a whole number
            """)
    void maxSessionHoursOutOfRange(String hours, String message) {
        ConfigProblem p = onlyProblem(identity("{source: accounts, trustedAccountIds: [\"333333333333\"], maxSessionHours: "
                + hours + "}"));

        assertThat(p.path()).isEqualTo("mlops:identity.maxSessionHours");
        assertThat(p.message()).isEqualTo(message);
    }

    @ParameterizedTest(name = "maxSessionHours: {0}")
    @ValueSource(ints = {1, 12})
    void maxSessionHoursBounds(int hours) {
        assertThat(settingsOf(identity("{source: saml, samlProviderArn: \"" + SAML_ARN + "\", maxSessionHours: " + hours + "}"))
                .identity().maxSessionHours()).isEqualTo(hours);
    }

    @Test
    void engineTextIsReadLikeTheStackFile() {
        // The Pulumi engine hands mlops:identity over as JSON text.
        assertThat(settingsOf(identity("'{\"source\": \"saml\", \"samlProviderArn\": \"" + SAML_ARN + "\"}'")).identity())
                .isEqualTo(new IdentitySettings(Source.SAML, List.of(), Optional.of(SAML_ARN), Optional.empty(), 4));
    }

    @Test
    void malformedJsonTextIsReportedOnce() {
        ConfigProblem p = onlyProblem(identity("'{\"source\": '"));

        assertThat(p.path()).isEqualTo(KEY);
        assertThat(p.message()).startsWith("is not valid JSON: ");
    }
}
