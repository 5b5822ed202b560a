package dev.mlops.offline.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.ResourceState;
import dev.mlops.platform.Naming;
import java.util.List;
import java.util.regex.Pattern;

/**
 * S3's general purpose bucket naming rules: 3 to 63 characters; lowercase letters, digits, dots and
 * hyphens; starting and ending with a letter or digit; no two adjacent dots; not an IP address; none of
 * the prefixes and suffixes S3 reserves for its own features.
 */
final class S3BucketNames implements PreflightRule {

    private static final Pattern CHARACTERS = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    @Override
    public void check(ResourceState resource, List<Finding> findings) {
        if (!resource.type().equals("aws:s3/bucketV2:BucketV2")) {
            return;
        }
        JsonNode value = resource.input("bucket");
        if (!value.isTextual()) {
            return;
        }
        String bucket = value.asText();
        String problem = problem(bucket);
        if (problem != null) {
            if (NameRules.autoNamed(resource, "bucket") && bucket.length() > 63) {
                problem += " (auto-named: keep the logical name \"" + resource.name() + "\" to "
                        + (63 - Naming.AUTONAME_SUFFIX_LENGTH) + " characters)";
            }
            findings.add(new Finding(resource.urn(), "bucket", problem));
        }
    }

    /** What is wrong with {@code bucket} as an S3 bucket name, or null. */
    static String problem(String bucket) {
        String quoted = "\"" + bucket + "\"";
        if (bucket.length() < 3 || bucket.length() > 63) {
            return quoted + " is " + bucket.length() + " characters; S3 bucket names are 3..63";
        }
        if (!CHARACTERS.matcher(bucket).matches()) {
            return quoted + " is not allowed: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit";
        }
        if (bucket.contains("..")) {
            return quoted + " has two adjacent periods, which S3 does not allow";
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            return quoted + " looks like an IP address, which S3 does not allow as a bucket name";
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (bucket.startsWith(prefix)) {
                return quoted + " starts with \"" + prefix + "\", which S3 reserves";
            }
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (bucket.endsWith(suffix)) {
                return quoted + " ends with \"" + suffix + "\", which S3 reserves";
            }
        }
        return null;
    }
}
