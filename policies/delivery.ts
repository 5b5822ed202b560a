// Delivery: the images a model package points to never change under it and are scanned when pushed, the
// pipeline's artifacts are encrypted with a customer-managed key, and deployments (`pulumi up` in a build)
// run one at a time.

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { asArray, isNonEmptyString, peek, resourceOfType } from "./lib/policy";
import { label, StackView, T } from "./lib/stack";

export const ecrImageTagsImmutable: ResourceValidationPolicy = {
    name: "ecr-image-tags-immutable",
    description: "Every ECR repository has immutable image tags, so a registered model version always runs the image it was tested with.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(T.ecrRepository, (repo, _, reportViolation) => {
        if (repo.imageTagMutability !== "IMMUTABLE") {
            reportViolation(`imageTagMutability is ${repo.imageTagMutability ?? "MUTABLE (the default)"}; set "IMMUTABLE".`);
        }
    }),
};

export const ecrScanOnPush: ResourceValidationPolicy = {
    name: "ecr-scan-on-push",
    description: "Every ECR repository scans images for vulnerabilities when they are pushed.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(T.ecrRepository, (repo, _, reportViolation) => {
        if (repo.imageScanningConfiguration?.scanOnPush !== true) {
            reportViolation("imageScanningConfiguration.scanOnPush is not true.");
        }
    }),
};

export const deliveryArtifactsEncrypted: ResourceValidationPolicy = {
    name: "delivery-artifacts-encrypted",
    description: "Every CodePipeline artifact store is encrypted with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(T.codePipeline, (pipeline, _, reportViolation) => {
        const stores = asArray<Record<string, any>>(pipeline.artifactStores);
        if (stores.length === 0) {
            reportViolation("The pipeline has no artifact store.");
        }
        for (const store of stores) {
            const key = store.encryptionKey;
            if (!key || key.type !== "KMS" || !isNonEmptyString(key.id) || /alias\/aws\//.test(key.id)) {
                reportViolation(`Artifact store ${store.location ?? ""} has no customer-managed encryptionKey (type KMS); CodePipeline would use the AWS-managed key.`);
            }
        }
    }),
};

/** True if a CodeBuild project's buildspec runs `pulumi up` (or `pulumi update`, its alias). */
function runsPulumiUp(project: Record<string, any>): boolean {
    const buildspec = peek(project.source ?? {}, "buildspec");
    return typeof buildspec === "string" && /\bpulumi\s+(up|update)\b/.test(buildspec);
}

export const deploymentOneAtATime: StackValidationPolicy = {
    name: "deployment-one-at-a-time",
    description: "Every CodePipeline that runs pulumi up in a build queues its runs (QUEUED), and every CodeBuild project that runs pulumi up allows one build at a time.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const deployers = view.ofType(T.codeBuildProject).filter(p => runsPulumiUp(p.props));
        if (deployers.length === 0) {
            args.notApplicable("No CodeBuild project runs pulumi up");
        }
        const names = new Set(deployers.map(p => peek(p.props, "name")).filter(isNonEmptyString));
        for (const project of deployers) {
            const limit = peek(project.props, "concurrentBuildLimit");
            if (limit !== 1) {
                reportViolation(`CodeBuild project ${label(project)} runs pulumi up but allows ${limit === undefined ? "any number of" : limit} concurrent builds; set concurrentBuildLimit to 1 so two updates of a stack never overlap.`, project.urn);
            }
        }
        for (const pipeline of view.ofType(T.codePipeline)) {
            const deploys = asArray<Record<string, any>>(pipeline.props.stages).flatMap(stage => asArray<Record<string, any>>(stage.actions))
                .filter(action => action.provider === "CodeBuild" && names.has(String(peek(action.configuration ?? {}, "ProjectName"))));
            const mode = peek(pipeline.props, "executionMode");
            if (deploys.length > 0 && mode !== "QUEUED") {
                reportViolation(`CodePipeline ${label(pipeline)} runs pulumi up (${deploys.map(a => a.name).join(", ")}) in ${mode ?? "SUPERSEDED (the default)"} mode; set executionMode QUEUED so runs wait their turn and none is superseded while it waits for an approval.`, pipeline.urn);
            }
        }
    },
};

export const deliveryPolicies = [ecrImageTagsImmutable, ecrScanOnPush, deliveryArtifactsEncrypted, deploymentOneAtATime];
