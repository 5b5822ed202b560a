import { describe, it } from "node:test";

import { deliveryArtifactsEncrypted, ecrImageTagsImmutable, ecrScanOnPush } from "../delivery";
import { T } from "../lib/stack";
import { assertPasses, assertViolates, resourceArgs, runResource } from "./helpers";

const repository = { name: "mlops-staging/house-prices", imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } };

describe('"ecr-image-tags-immutable"', () => {
    it("passes immutable tags", async () => {
        assertPasses(await runResource(ecrImageTagsImmutable, resourceArgs(T.ecrRepository, repository)));
    });
    it("reports mutable tags (the default)", async () => {
        assertViolates(await runResource(ecrImageTagsImmutable, resourceArgs(T.ecrRepository, { name: "r" })), "MUTABLE (the default)");
    });
});

describe('"ecr-scan-on-push"', () => {
    it("passes scan on push", async () => {
        assertPasses(await runResource(ecrScanOnPush, resourceArgs(T.ecrRepository, repository)));
    });
    it("reports a repository that does not scan", async () => {
        assertViolates(await runResource(ecrScanOnPush, resourceArgs(T.ecrRepository, { ...repository, imageScanningConfiguration: { scanOnPush: false } })), "scanOnPush is not true");
    });
});

describe('"delivery-artifacts-encrypted"', () => {
    const pipeline = (store: Record<string, unknown>) => resourceArgs(T.codePipeline, { name: "mlops-staging-delivery", pipelineType: "V2", artifactStores: [{ location: "artifacts", type: "S3", ...store }] });
    it("passes an artifact store encrypted with the platform key", async () => {
        assertPasses(await runResource(deliveryArtifactsEncrypted, pipeline({ encryptionKey: { id: "arn:aws:kms:eu-west-1:111111111111:key/platform", type: "KMS" } })));
    });
    it("reports an artifact store on the AWS-managed key", async () => {
        assertViolates(await runResource(deliveryArtifactsEncrypted, pipeline({})), "Artifact store artifacts has no customer-managed encryptionKey");
        assertViolates(await runResource(deliveryArtifactsEncrypted, pipeline({ encryptionKey: { id: "alias/aws/s3", type: "KMS" } })), "no customer-managed encryptionKey");
    });
});
