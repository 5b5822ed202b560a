package dev.mlops.serving.lookup;

import java.util.Optional;

/**
 * Stand-ins for an offline preview that has no registry to read (no {@code --registry} fixture, no credentials):
 * a champion and a challenger in the stack's own account and region, so every resource that names a package renders.
 * <p>
 * The ARNs are syntactically valid and name the real group, so policies and preflight checks that look at group names
 * still apply, but their versions are {@value #CHAMPION_VERSION} and {@value #CHALLENGER_VERSION}, which a registry
 * that numbers packages 1, 2, 3, ... will not reach; and the {@link Selection} says {@code placeholder=true} with a
 * reason that says so. Whoever renders a preview from it should show that reason.
 *
 * @param region    the stack's region, e.g. {@code eu-west-1}
 * @param accountId the stack's account, 12 digits
 */
public record PlaceholderModelPackageLookup(String region, String accountId) implements ModelPackageLookup {

    public static final int CHAMPION_VERSION = 999_999_998;
    public static final int CHALLENGER_VERSION = 999_999_999;

    public PlaceholderModelPackageLookup {
        // Validates region and account the same way the ARNs will be checked.
        new ModelPackageArn(partitionOf(region), region, accountId, "placeholder", 1);
    }

    @Override
    public Selection select(String modelPackageGroupName) {
        if (!ModelPackageArn.isGroupName(modelPackageGroupName)) {
            throw new IllegalArgumentException("\"" + modelPackageGroupName + "\" is not a model package group name");
        }
        String champion = new ModelPackageArn(partitionOf(region), region, accountId, modelPackageGroupName, CHAMPION_VERSION).toString();
        String challenger = new ModelPackageArn(partitionOf(region), region, accountId, modelPackageGroupName, CHALLENGER_VERSION).toString();
        return new Selection(Optional.of(champion), Optional.of(challenger), true, modelPackageGroupName
                + ": placeholder packages (versions " + CHAMPION_VERSION + " and " + CHALLENGER_VERSION + " do not exist):"
                + " the offline preview did not read the registry; pass --registry FILE to preview against a registry state");
    }

    static String partitionOf(String region) {
        if (region == null) {
            return "aws";
        }
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** Whether {@code arn} is one this lookup makes up. */
    public static boolean isPlaceholder(String arn) {
        try {
            int v = ModelPackageArn.parse(arn).version();
            return v == CHAMPION_VERSION || v == CHALLENGER_VERSION;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
