package dev.mlops.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's private network.
 *
 * @param cidr               the VPC's IPv4 range; each zone gets one private subnet of 1/16 of it
 * @param zones              availability zone names, e.g. eu-west-1a, eu-west-1b
 * @param natGateway         whether private subnets reach the internet through a NAT gateway (off: VPC endpoints only)
 * @param interfaceEndpoints the interface VPC endpoints to create, by short name (each costs money per hour)
 */
public record NetworkSettings(String cidr, List<String> zones, boolean natGateway, List<String> interfaceEndpoints) {

    public NetworkSettings {
        zones = List.copyOf(zones);
        interfaceEndpoints = List.copyOf(interfaceEndpoints);
    }

    /** Short endpoint names and the service each one reaches ({@code %s} is the region). */
    public static final Map<String, String> ENDPOINT_SERVICES = Map.ofEntries(
            Map.entry("sagemaker.api", "com.amazonaws.%s.sagemaker.api"),
            Map.entry("sagemaker.runtime", "com.amazonaws.%s.sagemaker.runtime"),
            Map.entry("sagemaker.studio", "aws.sagemaker.%s.studio"),
            Map.entry("sts", "com.amazonaws.%s.sts"),
            Map.entry("logs", "com.amazonaws.%s.logs"),
            Map.entry("monitoring", "com.amazonaws.%s.monitoring"),
            Map.entry("ecr.api", "com.amazonaws.%s.ecr.api"),
            Map.entry("ecr.dkr", "com.amazonaws.%s.ecr.dkr"),
            Map.entry("kms", "com.amazonaws.%s.kms"),
            Map.entry("codeartifact", "com.amazonaws.%s.codeartifact.api"),
            Map.entry("secretsmanager", "com.amazonaws.%s.secretsmanager"),
            Map.entry("events", "com.amazonaws.%s.events"));

    /** What SageMaker Studio in VPC-only mode, training and processing need without internet access. */
    public static final List<String> DEFAULT_ENDPOINTS = List.of("sagemaker.api", "sagemaker.runtime", "sagemaker.studio",
            "sts", "logs", "monitoring", "ecr.api", "ecr.dkr", "kms");

    /**
     * Availability zone letters per region, as most accounts see them (AWS maps zone names per account; where a
     * region's letters differ, e.g. ap-northeast-1 without "b", the usual ones are listed). Regions not listed
     * are assumed to offer a, b and c. Override with {@code zoneLetters}.
     */
    static final Map<String, String> ZONE_LETTERS = Map.ofEntries(
            Map.entry("us-east-1", "abcdef"), Map.entry("us-east-2", "abc"), Map.entry("us-west-1", "ac"),
            Map.entry("us-west-2", "abcd"), Map.entry("ca-central-1", "abd"), Map.entry("ca-west-1", "abc"),
            Map.entry("eu-west-1", "abc"), Map.entry("eu-west-2", "abc"), Map.entry("eu-west-3", "abc"),
            Map.entry("eu-central-1", "abc"), Map.entry("eu-central-2", "abc"), Map.entry("eu-north-1", "abc"),
            Map.entry("eu-south-1", "abc"), Map.entry("eu-south-2", "abc"), Map.entry("ap-northeast-1", "acd"),
            Map.entry("ap-northeast-2", "abcd"), Map.entry("ap-northeast-3", "abc"), Map.entry("ap-southeast-1", "abc"),
            Map.entry("ap-southeast-2", "abc"), Map.entry("ap-southeast-3", "abc"), Map.entry("ap-southeast-4", "abc"),
            Map.entry("ap-south-1", "abc"), Map.entry("ap-south-2", "abc"), Map.entry("ap-east-1", "abc"),
            Map.entry("sa-east-1", "abc"), Map.entry("me-south-1", "abc"), Map.entry("me-central-1", "abc"),
            Map.entry("af-south-1", "abc"), Map.entry("il-central-1", "abc"), Map.entry("mx-central-1", "abc"),
            Map.entry("us-gov-west-1", "abc"), Map.entry("us-gov-east-1", "abc"));

    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    static NetworkSettings read(ConfigReader r, String region) {
        String cidr = r.string("cidr").check(new Check<>(NetworkSettings::validCidr,
                v -> "\"" + v + "\" is not allowed: an IPv4 network such as 10.20.0.0/16 with a prefix of /16 to /22, "
                        + "its host bits zero (each zone's subnet is 1/16 of it)")).orElse("10.20.0.0/16");
        Field<Integer> countField = r.integer("availabilityZones").check(Check.range(1, 6));
        // No more zones than availabilityZones allows: each zone's private subnet is one sixteenth of the range and
        // its public subnet one in the upper half, so a ninth zone would overlap them; no zone would leave no subnet.
        Field<List<String>> lettersField = r.stringList("zoneLetters", Check.pattern("[a-z]", "a single lowercase letter, e.g. a"))
                .check(new Check<>(l -> !l.isEmpty() && l.size() <= 6, l -> "lists " + l.size() + " zones; 1 to 6 are allowed"));
        List<String> zones = new ArrayList<>();
        if (lettersField.value() != null) {
            if (countField.value() != null && countField.value() != lettersField.value().size()) {
                r.problems().add(countField.path(), countField.value() + " does not match zoneLetters, which lists "
                        + lettersField.value().size() + "; set one of them");
            }
            lettersField.value().forEach(l -> zones.add(region + l));
        } else if (region != null && countField.isValid() && lettersField.isValid()) {
            // Without a valid region (reported) there are no zones to check against; with invalid zoneLetters
            // (reported) the region's own letters were not asked for.
            String letters = ZONE_LETTERS.getOrDefault(region, "abc");
            int count = countField.orElse(2);
            if (count > letters.length()) {
                r.problems().add(countField.path(), count + " availability zones: " + region + " offers " + letters.length()
                        + " (" + String.join(", ", letters.chars().mapToObj(c -> region + (char) c).toList()) + ")");
            } else {
                letters.chars().limit(count).forEach(c -> zones.add(region + (char) c));
            }
        }
        boolean nat = r.bool("natGateway").orElse(false);
        Set<String> known = new java.util.TreeSet<>(ENDPOINT_SERVICES.keySet());
        List<String> endpoints = r.stringList("interfaceEndpoints", Check.oneOf(known)).orElse(DEFAULT_ENDPOINTS);
        r.rejectUnknownKeys();
        return new NetworkSettings(cidr, zones, nat, endpoints);
    }

    static boolean validCidr(String text) {
        Matcher m = CIDR.matcher(text);
        if (!m.matches()) {
            return false;
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return false;
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix < 16 || prefix > 22) {
            return false;
        }
        long hostMask = (1L << (32 - prefix)) - 1;
        return (address & hostMask) == 0;
    }

    /** The private subnet of zone {@code index}: the VPC range split in sixteen. */
    public String subnetCidr(int index) {
        Matcher m = CIDR.matcher(cidr);
        if (!m.matches()) {
            throw new IllegalStateException("validated CIDR " + cidr);
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            address = (address << 8) | Integer.parseInt(m.group(i));
        }
        int prefix = Integer.parseInt(m.group(5)) + 4;
        long subnet = address + ((long) index << (32 - prefix));
        return ((subnet >> 24) & 255) + "." + ((subnet >> 16) & 255) + "." + ((subnet >> 8) & 255) + "." + (subnet & 255) + "/" + prefix;
    }

    /** A second block of subnets (the upper half of the range) for public subnets when a NAT gateway is wanted. */
    public String publicSubnetCidr(int index) {
        return subnetCidr(8 + index);
    }
}
