package dev.mlops.config;

import static dev.mlops.config.StackYaml.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mlops:network}: the VPC range, its availability zones, NAT and interface endpoints. */
class NetworkSettingsTest extends StackFileParsing {

    private static final String KEY = "mlops:network";

    private StackYaml network(String yamlValue) {
        return minimal().with(KEY, yamlValue);
    }

    private NetworkSettings networkOf(StackYaml yaml) {
        return settingsOf(yaml).network();
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void defaults() {
        NetworkSettings n = networkOf(minimal());

        assertThat(n.cidr()).isEqualTo("10.20.0.0/16");
        assertThat(n.zones()).containsExactly("eu-west-1a", "eu-west-1b");
        assertThat(n.natGateway()).isFalse();
        assertThat(n.interfaceEndpoints()).isEqualTo(NetworkSettings.DEFAULT_ENDPOINTS)
                .contains("sagemaker.api", "sagemaker.runtime", "sagemaker.studio", "sts", "logs", "ecr.api", "ecr.dkr", "kms");
    }

    @Test
    void emptyObjectTakesTheDefaults() {
        assertThat(networkOf(network("{}"))).isEqualTo(networkOf(minimal()));
    }

    @Test
    void everyDefaultEndpointIsAKnownService() {
        assertThat(NetworkSettings.ENDPOINT_SERVICES).containsKeys(NetworkSettings.DEFAULT_ENDPOINTS.toArray(String[]::new));
    }

    @Test
    void networkMustBeAnObject() {
        ConfigProblem p = onlyProblem(network("10.20.0.0/16"));

        assertThat(p.path()).isEqualTo(KEY);
        assertThat(p.message()).contains("expected an object with named settings", "the text \"10.20.0.0/16\"");
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        ConfigProblem p = onlyProblem(network("{natGateways: true}"));

        assertThat(p.path()).isEqualTo("mlops:network.natGateways");
        assertThat(p.message()).contains("unknown key", "did you mean \"mlops:network.natGateway\"?");
    }

    // ---------------------------------------------------------------- cidr

    @ParameterizedTest(name = "cidr: {0}")
    @ValueSource(strings = {"10.0.0.0/16", "172.16.0.0/20", "192.168.4.0/22", "10.255.0.0/16"})
    void validCidr(String cidr) {
        assertThat(networkOf(network("{cidr: \"" + cidr + "\"}")).cidr()).isEqualTo(cidr);
    }

    @ParameterizedTest(name = "cidr: [{0}]")
    @ValueSource(strings = {
            // malformed
            "10.20.0.0", "10.20.0/16", "10.20.0.0.0/16", "256.20.0.0/16", "10.20.0.0/", "10.20.0.0/016", "ten.0.0.0/16",
            " 10.20.0.0/16", "10.20.0.0 /16", "", "fd00::/48",
            // prefix outside /16../22
            "10.0.0.0/8", "10.20.0.0/15", "10.20.0.0/23", "10.20.0.0/28", "10.20.0.0/0",
            // host bits set
            "10.20.1.0/16", "10.20.0.1/16", "172.16.8.0/20", "192.168.4.128/22", "192.168.6.0/22"})
    void badCidr(String cidr) {
        ConfigProblem p = onlyProblem(network("{cidr: \"" + cidr + "\"}"));

        assertThat(p.path()).isEqualTo("mlops:network.cidr");
        assertThat(p.message()).isEqualTo("\"" + cidr + "\" is not allowed: an IPv4 network such as 10.20.0.0/16 with a prefix"
                + " of /16 to /22, its host bits zero (each zone's subnet is 1/16 of it)");
    }

    @Test
    void cidrMustBeText() {
        ConfigProblem p = onlyProblem(network("{cidr: [10.20.0.0/16]}"));

        assertThat(p.path()).isEqualTo("mlops:network.cidr");
        assertThat(p.message()).contains("expected text, found a list");
    }

    // ---------------------------------------------------------------- subnet arithmetic

    @Test
    void subnetsOfASlash16AreSlash20s() {
        NetworkSettings n = networkOf(network("{cidr: 10.20.0.0/16, availabilityZones: 3}"));

        assertThat(IntStream.range(0, 3).mapToObj(n::subnetCidr)).containsExactly("10.20.0.0/20", "10.20.16.0/20", "10.20.32.0/20");
        assertThat(IntStream.range(0, 3).mapToObj(n::publicSubnetCidr))
                .containsExactly("10.20.128.0/20", "10.20.144.0/20", "10.20.160.0/20");
        assertThat(n.subnetCidr(15)).as("the sixteenth and last").isEqualTo("10.20.240.0/20");
    }

    @Test
    void subnetsOfASlash20AreSlash24s() {
        NetworkSettings n = networkOf(network("{cidr: 172.16.16.0/20}"));

        assertThat(List.of(n.subnetCidr(0), n.subnetCidr(1))).containsExactly("172.16.16.0/24", "172.16.17.0/24");
        assertThat(List.of(n.publicSubnetCidr(0), n.publicSubnetCidr(1))).containsExactly("172.16.24.0/24", "172.16.25.0/24");
        assertThat(n.subnetCidr(15)).isEqualTo("172.16.31.0/24");
    }

    @Test
    void subnetsOfASlash22AreSlash26s() {
        NetworkSettings n = networkOf(network("{cidr: 192.168.4.0/22}"));

        assertThat(List.of(n.subnetCidr(0), n.subnetCidr(1), n.subnetCidr(15)))
                .containsExactly("192.168.4.0/26", "192.168.4.64/26", "192.168.7.192/26");
        assertThat(n.publicSubnetCidr(0)).isEqualTo("192.168.6.0/26");
    }

    @Test
    void privateAndPublicSubnetsOfSixZonesDoNotOverlap() {
        NetworkSettings n = networkOf(network("{cidr: 10.20.0.0/16, availabilityZones: 6}").with("aws:region", "us-east-1"));

        List<String> all = IntStream.range(0, n.zones().size())
                .mapToObj(i -> List.of(n.subnetCidr(i), n.publicSubnetCidr(i))).flatMap(List::stream).toList();
        assertThat(all).hasSize(12).doesNotHaveDuplicates().allSatisfy(c -> assertThat(c).startsWith("10.20.").endsWith("/20"));
    }

    // ---------------------------------------------------------------- availability zones

    @ParameterizedTest(name = "{0} with {1} zones")
    @CsvSource(delimiter = '|', textBlock = """
            eu-west-1      | 3 | eu-west-1a eu-west-1b eu-west-1c
            us-west-1      | 2 | us-west-1a us-west-1c
            ap-northeast-1 | 3 | ap-northeast-1a ap-northeast-1c ap-northeast-1d
            us-east-1      | 6 | us-east-1a us-east-1b us-east-1c us-east-1d us-east-1e us-east-1f
            ca-central-1   | 2 | ca-central-1a ca-central-1b
            ap-southeast-5 | 3 | ap-southeast-5a ap-southeast-5b ap-southeast-5c
            """)
    void zonesFollowTheRegionsLetters(String region, int count, String zones) {
        NetworkSettings n = networkOf(network("{availabilityZones: " + count + "}").with("aws:region", region));

        assertThat(n.zones()).containsExactly(zones.split(" "));
    }

    @ParameterizedTest(name = "{1} zones in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            eu-west-1      | 4 | 4 availability zones: eu-west-1 offers 3 (eu-west-1a, eu-west-1b, eu-west-1c)
            us-west-1      | 3 | 3 availability zones: us-west-1 offers 2 (us-west-1a, us-west-1c)
            ap-northeast-1 | 4 | 4 availability zones: ap-northeast-1 offers 3 (ap-northeast-1a, ap-northeast-1c, ap-northeast-1d)
            ap-southeast-5 | 5 | 5 availability zones: ap-southeast-5 offers 3 (ap-southeast-5a, ap-southeast-5b, ap-southeast-5c)
            """)
    void moreZonesThanTheRegionOffers(String region, int count, String message) {
        ConfigProblem p = onlyProblem(network("{availabilityZones: " + count + "}").with("aws:region", region));

        assertThat(p.path()).isEqualTo("mlops:network.availabilityZones");
        assertThat(p.message()).isEqualTo(message);
    }

    @ParameterizedTest(name = "availabilityZones: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            0   | 0 is out of range 1..6
            7   | 7 is out of range 1..6
            -2  | -2 is out of range 1..6
            two | "two" is not a whole number
            """)
    void availabilityZonesOutOfRange(String count, String message) {
        ConfigProblem p = onlyProblem(network("{availabilityZones: " + count + "}").with("aws:region", "us-east-1"));

        assertThat(p.path()).isEqualTo("mlops:network.availabilityZones");
        assertThat(p.message()).isEqualTo(message);
    }

    @Test
    void zonesAreNotCheckedAgainstARegionThatIsNotOne() {
        // The region is reported; a second message about "null offers 3" zones would mislead.
        ConfigProblem p = onlyProblem(network("{availabilityZones: 4}").with("aws:region", "eu-wset-1"));

        assertThat(p.path()).isEqualTo("aws:region");
        assertThat(p.message()).contains("\"eu-wset-1\" is not an AWS region");
    }

    @Test
    void zonesAreNotCheckedWithoutARegion() {
        ConfigProblem p = onlyProblem(network("{availabilityZones: 5}").without("aws:region"));

        assertThat(p.path()).isEqualTo("aws:region");
        assertThat(p.message()).startsWith("is required");
    }

    // ---------------------------------------------------------------- zoneLetters

    @Test
    void zoneLettersChooseTheZones() {
        // The override exists because AWS maps zone letters per account: us-west-1 may well offer "b" to this one.
        NetworkSettings n = networkOf(network("{zoneLetters: [b, c]}").with("aws:region", "us-west-1"));

        assertThat(n.zones()).containsExactly("us-west-1b", "us-west-1c");
    }

    @Test
    void zoneLettersWithAMatchingCount() {
        assertThat(networkOf(network("{availabilityZones: 3, zoneLetters: [a, c, d]}")).zones())
                .containsExactly("eu-west-1a", "eu-west-1c", "eu-west-1d");
    }

    @Test
    void zoneLettersAndAvailabilityZonesMustAgree() {
        ConfigProblem p = onlyProblem(network("{availabilityZones: 3, zoneLetters: [a, b]}"));

        assertThat(p.path()).isEqualTo("mlops:network.availabilityZones");
        assertThat(p.message()).isEqualTo("3 does not match zoneLetters, which lists 2; set one of them");
    }

    @ParameterizedTest(name = "zoneLetters: [a, {0}]")
    @ValueSource(strings = {"ab", "B", "1", "\"\""})
    void zoneLetterMustBeOneLowercaseLetter(String letter) {
        ConfigProblem p = onlyProblem(network("{zoneLetters: [a, " + letter + "]}"));

        assertThat(p.path()).isEqualTo("mlops:network.zoneLetters[1]");
        assertThat(p.message()).contains("is not allowed", "a single lowercase letter");
    }

    @Test
    void duplicateZoneLetter() {
        ConfigProblem p = onlyProblem(network("{zoneLetters: [a, b, a]}"));

        assertThat(p.path()).isEqualTo("mlops:network.zoneLetters[2]");
        assertThat(p.message()).isEqualTo("\"a\" is listed twice");
    }

    @ParameterizedTest(name = "zoneLetters: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            []                     | 0
            [a, b, c, d, e, f, g]  | 7
            [a, b, c, d, e, f, g, h, i, j] | 10
            """)
    void zoneLettersListOneToSixZones(String letters, int count) {
        // Like availabilityZones: zone 9 and beyond would overlap the public subnets, and no zone leaves no subnet.
        ConfigProblem p = onlyProblem(network("{zoneLetters: " + letters + "}").with("aws:region", "us-east-1"));

        assertThat(p.path()).isEqualTo("mlops:network.zoneLetters");
        assertThat(p.message()).isEqualTo("lists " + count + " zones; 1 to 6 are allowed");
    }

    // ---------------------------------------------------------------- NAT and endpoints

    @Test
    void natGatewayOnRequest() {
        assertThat(networkOf(network("{natGateway: true}")).natGateway()).isTrue();
    }

    @Test
    void natGatewayIsABoolean() {
        ConfigProblem p = onlyProblem(network("{natGateway: sometimes}"));

        assertThat(p.path()).isEqualTo("mlops:network.natGateway");
        assertThat(p.message()).contains("\"sometimes\" is not a boolean", "allowed: true, false");
    }

    @Test
    void chosenInterfaceEndpoints() {
        assertThat(networkOf(network("{interfaceEndpoints: [sts, logs, secretsmanager]}")).interfaceEndpoints())
                .containsExactly("sts", "logs", "secretsmanager");
    }

    @Test
    void noInterfaceEndpointsAtAll() {
        assertThat(networkOf(network("{natGateway: true, interfaceEndpoints: []}")).interfaceEndpoints()).isEmpty();
    }

    @Test
    void unknownInterfaceEndpointSuggestsTheClosest() {
        ConfigProblem p = onlyProblem(network("{interfaceEndpoints: [sts, sagemaker.apy]}"));

        assertThat(p.path()).isEqualTo("mlops:network.interfaceEndpoints[1]");
        assertThat(p.message()).startsWith("\"sagemaker.apy\" is not allowed; did you mean \"sagemaker.api\"?; allowed: ")
                .contains(String.join(", ", new java.util.TreeSet<>(NetworkSettings.ENDPOINT_SERVICES.keySet())));
    }

    @Test
    void unknownInterfaceEndpointWithoutCloseMatchListsTheKnownOnes() {
        ConfigProblem p = onlyProblem(network("{interfaceEndpoints: [dynamodb]}"));

        assertThat(p.path()).isEqualTo("mlops:network.interfaceEndpoints[0]");
        assertThat(p.message()).isEqualTo("\"dynamodb\" is not allowed; allowed: codeartifact, ecr.api, ecr.dkr, events, kms, logs, "
                + "monitoring, sagemaker.api, sagemaker.runtime, sagemaker.studio, secretsmanager, sts");
    }

    @Test
    void duplicateInterfaceEndpoint() {
        ConfigProblem p = onlyProblem(network("{interfaceEndpoints: [sts, logs, sts]}"));

        assertThat(p.path()).isEqualTo("mlops:network.interfaceEndpoints[2]");
        assertThat(p.message()).isEqualTo("\"sts\" is listed twice");
    }
}
