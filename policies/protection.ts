// Stateful resources of a stack that holds real data survive a mistaken `pulumi destroy` or a removed line:
// `protect` blocks deleting them, `retainOnDelete` keeps them in AWS when the program drops them.

import { ResourceValidationPolicy } from "@pulumi/policy";

import { environmentSchema, requireEnvironment, resourceOfType } from "./lib/policy";
import { T } from "./lib/stack";

/** What holds data or history that cannot be rebuilt: buckets, keys, model registries, image repositories. */
export const STATEFUL_TYPES = [T.bucketV2, T.bucket, T.kmsKey, T.modelPackageGroup, T.ecrRepository];

/**
 * Resource options as the preview runner passes them: the engine's PolicyResourceOptions plus
 * `retainOnDelete`, which the engine does not send to policy packs (its AnalyzerResourceOptions has no such
 * field) but a preview file records.
 */
interface OptionsWithRetain {
    protect: boolean;
    retainOnDelete?: boolean;
}

export const prodStatefulResourcesProtected: ResourceValidationPolicy = {
    name: "prod-stateful-resources-protected",
    description: "In prod, buckets, KMS keys, model package groups and ECR repositories are protected and retained on delete.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...environmentSchema } },
    validateResource: resourceOfType(STATEFUL_TYPES, (_, args, reportViolation) => {
        requireEnvironment(args, args.urn, "prod");
        const opts = args.opts as unknown as OptionsWithRetain;
        if (opts.protect !== true) {
            reportViolation("The resource is not protected; set protect so it cannot be deleted by accident.");
        }
        // Only a preview file carries retainOnDelete; under the engine the option is absent and unchecked.
        if ("retainOnDelete" in opts && opts.retainOnDelete !== true) {
            reportViolation("retainOnDelete is not set; removing the resource from the program would delete its data.");
        }
    }),
};

export const protectionPolicies = [prodStatefulResourcesProtected];
