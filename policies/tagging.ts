// Providers and tags. The explicit AWS provider: every AWS resource goes through it, it is pinned to the stack's account, and it
// carries the default tags (project, stack, owner, cost-center) that no resource may contradict.

import { ResourceValidationPolicy } from "@pulumi/policy";

import { configOf, isNonEmptyString, jsonValue, parseUrn, resourceOfType, tagsOf } from "./lib/policy";
import { T } from "./lib/stack";

/** The tags every resource carries through the provider's defaultTags. */
export const REQUIRED_DEFAULT_TAGS = ["project", "stack", "owner", "cost-center"] as const;

/** The `defaultTags.tags` map of a provider's inputs (JSON text, as the engine passes provider config). */
export function defaultTagsOf(providerProps: Record<string, any>): Record<string, unknown> {
    const defaultTags = jsonValue(providerProps.defaultTags);
    const tags = defaultTags && typeof defaultTags === "object" ? jsonValue((defaultTags as Record<string, unknown>).tags) : undefined;
    return tags && typeof tags === "object" && !Array.isArray(tags) ? (tags as Record<string, unknown>) : {};
}

interface ProviderConfig {
    componentPackages: string[];
}

const providerDefaults: ProviderConfig = { componentPackages: ["mlops"] };

export const resourcesUseExplicitProvider: ResourceValidationPolicy = {
    name: "resources-use-explicit-provider",
    description: "Every custom resource is managed through an explicit provider of its package (for AWS, the program's aws.Provider), never a default provider.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            componentPackages: {
                type: "array",
                items: { type: "string" },
                default: providerDefaults.componentPackages,
                description: "Type-token packages of the program's own components, which have no provider.",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const pkg = args.type.split(":")[0];
        const { componentPackages } = configOf(args, providerDefaults);
        if (pkg === "pulumi" || componentPackages.includes(pkg)) {
            // Providers themselves, the stack, stack references (read through the built-in provider), components.
            args.notApplicable("Policy only applies to custom resources of provider packages");
        }
        const provider = args.provider;
        if (!provider) {
            reportViolation("The resource names no provider; pass the program's explicit provider to its component.");
            return;
        }
        if (provider.type !== `pulumi:providers:${pkg}`) {
            reportViolation(`The resource's provider is of type '${provider.type}', not 'pulumi:providers:${pkg}'.`);
        } else if (/^default(_|$)/.test(provider.name)) {
            reportViolation(`The resource uses the default provider '${provider.name}'; pass the program's explicit provider to its component.`);
        }
    },
};

export const awsProviderPinsAccount: ResourceValidationPolicy = {
    name: "aws-provider-pins-account",
    description: "The AWS provider lists the stack's account in allowedAccountIds, so one stack's configuration cannot change another account.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(T.awsProvider, (props, _, reportViolation) => {
        const ids = jsonValue(props.allowedAccountIds);
        if (!Array.isArray(ids) || ids.length === 0) {
            reportViolation("allowedAccountIds is not set; pin the provider to the stack's AWS account.");
            return;
        }
        const bad = ids.filter(id => !/^\d{12}$/.test(String(id)));
        if (bad.length > 0) {
            reportViolation(`allowedAccountIds holds ${bad.map(b => JSON.stringify(b)).join(", ")}, which is not a 12-digit AWS account id.`);
        }
        if (ids.length > 1) {
            reportViolation(`allowedAccountIds lists ${ids.length} accounts; a stack belongs to exactly one account.`);
        }
    }),
};

export const awsProviderDefaultTags: ResourceValidationPolicy = {
    name: "aws-provider-default-tags",
    description: "The AWS provider sets the default tags project, stack, owner and cost-center, with project and stack naming this stack.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(T.awsProvider, (props, args, reportViolation) => {
        const tags = defaultTagsOf(props);
        const missing = REQUIRED_DEFAULT_TAGS.filter(t => !isNonEmptyString(tags[t]));
        if (missing.length > 0) {
            reportViolation(`defaultTags lacks ${missing.map(m => `'${m}'`).join(", ")}; every resource must carry project, stack, owner and cost-center.`);
        }
        const urn = parseUrn(args.urn);
        if (urn && isNonEmptyString(tags.stack) && tags.stack !== urn.stack) {
            reportViolation(`defaultTags.stack is '${tags.stack}' but the stack is '${urn.stack}'.`);
        }
        if (urn && isNonEmptyString(tags.project) && tags.project !== urn.project) {
            reportViolation(`defaultTags.project is '${tags.project}' but the project is '${urn.project}'.`);
        }
    }),
};

export const resourceTagsKeepDefaultTags: ResourceValidationPolicy = {
    name: "resource-tags-keep-default-tags",
    description: "No AWS resource overrides the provider's project, stack, owner or cost-center tag with another value.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (!args.type.startsWith("aws:")) {
            args.notApplicable("Policy only applies to AWS resources");
        }
        const own = tagsOf(args.props);
        const defaults = args.provider ? defaultTagsOf(args.provider.props) : {};
        for (const key of REQUIRED_DEFAULT_TAGS) {
            if (key in own && key in defaults && own[key] !== defaults[key]) {
                reportViolation(`tags.${key} is '${own[key]}' but the provider's default is '${String(defaults[key])}'; cost and ownership reports would misfile the resource.`);
            }
        }
    },
};

export const taggingPolicies = [
    resourcesUseExplicitProvider,
    awsProviderPinsAccount,
    awsProviderDefaultTags,
    resourceTagsKeepDefaultTags,
];
