// Delivery: the images a model package points to never change under it and are scanned when pushed, and
// the pipeline's artifacts are encrypted with a customer-managed key.

import { ResourceValidationPolicy } from "@pulumi/policy";

import { asArray, isNonEmptyString, resourceOfType } from "./lib/policy";
import { T } from "./lib/stack";

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

export const deliveryPolicies = [ecrImageTagsImmutable, ecrScanOnPush, deliveryArtifactsEncrypted];
