package dev.mlops.platform;

import dev.mlops.config.StackSettings;

/**
 * Resource names in one place. Logical names start with {@code <project>-<environment>} so two stacks
 * sharing an account stay apart and a name in the console says where it belongs; Pulumi then appends
 * {@code -} and seven random characters to auto-named resources. That suffix is why a SageMaker name
 * (limit 63) needs a logical name of at most 55 characters; preflight checks every such name.
 */
public record Naming(String project, String environment) {

    /** Characters Pulumi's auto-naming appends: a hyphen and seven random characters. */
    public static final int AUTONAME_SUFFIX_LENGTH = 8;

    public static Naming of(StackSettings settings) {
        return new Naming(settings.project(), settings.environment());
    }

    /** {@code mlops-staging}. */
    public String prefix() {
        return project + "-" + environment;
    }

    /** The logical name of a top-level component, e.g. {@code mlops-staging-data}. */
    public String component(String capability) {
        return prefix() + "-" + capability;
    }

    /**
     * Continuous deployment's component, and the prefix of its roles and policies ({@code mlops-staging-deployment...}),
     * which no deploy may change. In a stack another pipeline deploys, it is also the name of the role that pipeline assumes.
     */
    public String deployment() {
        return component("deployment");
    }

    /** The role the pipeline of this environment assumes to deploy {@code target}'s stack: {@code <project>-<target>-deployment}. */
    public String deployRoleOf(String target) {
        return new Naming(project, target).deployment();
    }

    /**
     * The build role of this environment's pipeline that deploys {@code target}'s stack, which that stack's deploy role
     * trusts by name: {@code mlops-staging-deployment-prod}.
     */
    public String promotionBuildRole(String target) {
        return deployment() + "-" + target;
    }

    /** The root stack resource's name as Pulumi forms it: {@code <project>-<stack>}. */
    public static String stackResourceName(String project, String stack) {
        return project + "-" + stack;
    }
}
