package dev.mlops.serving.lookup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned model package's ARN, {@code arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>}.
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...
 * @param region    e.g. {@code eu-west-1}
 * @param accountId 12 digits
 * @param group     the model package group's name (SageMaker writes it in lower case in ARNs)
 * @param version   the package's version in its group, from 1
 */
public record ModelPackageArn(String partition, String region, String accountId, String group, int version) {

    /** What a pin or a fixture must look like; used in error messages. */
    public static final String FORM = "arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>";

    // Model package group names: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62} (CreateModelPackageGroup).
    static final String GROUP_NAME = "[a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62}";
    private static final Pattern PARTITION = Pattern.compile("aws(?:-[a-z]+)*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,}(?:-[a-z]+)+-\\d+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern GROUP = Pattern.compile(GROUP_NAME);
    private static final Pattern ARN = Pattern.compile(
            "arn:([^:]+):sagemaker:([^:]+):([^:]+):model-package/(" + GROUP_NAME + ")/([1-9]\\d{0,9})");

    public ModelPackageArn {
        require(PARTITION, partition, "partition");
        require(REGION, region, "region");
        require(ACCOUNT, accountId, "account id");
        require(GROUP, group, "model package group name");
        if (version < 1) {
            throw new IllegalArgumentException("model package version " + version + " is not a positive whole number");
        }
    }

    /** Whether {@code name} is a valid model package group name. */
    public static boolean isGroupName(String name) {
        return name != null && GROUP.matcher(name).matches();
    }

    /**
     * @throws IllegalArgumentException saying what is wrong and what the form is
     */
    public static ModelPackageArn parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a model package ARN is required: " + FORM);
        }
        Matcher m = ARN.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a versioned model package ARN: expected " + FORM);
        }
        long version = Long.parseLong(m.group(5));
        if (version > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("\"" + text + "\" has version " + version + ", more than a model package version can be");
        }
        try {
            return new ModelPackageArn(m.group(1), m.group(2), m.group(3), m.group(4), (int) version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a versioned model package ARN: " + e.getMessage()
                    + "; expected " + FORM);
        }
    }

    /** Whether this package belongs to {@code groupName} (SageMaker compares group names without regard to case). */
    public boolean isIn(String groupName) {
        return group.equalsIgnoreCase(groupName);
    }

    /** {@code <group>/<version>}, short enough for messages. */
    public String shortName() {
        return group + "/" + version;
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":sagemaker:" + region + ":" + accountId + ":model-package/" + group + "/" + version;
    }

    private static void require(Pattern pattern, String value, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(value == null ? "the " + what + " is missing" : "\"" + value + "\" is not a valid " + what);
        }
    }
}
