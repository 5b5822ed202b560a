import { describe, it } from "node:test";

import { deliveryArtifactsEncrypted, deploymentOneAtATime, ecrImageTagsImmutable, ecrScanOnPush } from "../delivery";
import { T } from "../lib/stack";
import { assertNotApplicable, assertPasses, assertViolates, changed, resourceArgs, runResource, runStack, stackArgs } from "./helpers";
import { deployment, registry } from "./platform";

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

describe('"deployment-one-at-a-time"', () => {
    it("passes a queued pipeline whose pulumi up builds run one at a time", async () => {
        assertPasses(await runStack(deploymentOneAtATime, stackArgs(deployment())));
    });
    it("reports a pipeline that runs pulumi up in SUPERSEDED (the default) or PARALLEL mode", async () => {
        const superseded = changed(deployment(), d => { delete d[2].props!.executionMode; });
        assertViolates(await runStack(deploymentOneAtATime, stackArgs(superseded)),
            "CodePipeline 'mlops-staging-deployment-pipeline' runs pulumi up (pulumi-up, pulumi-up) in SUPERSEDED (the default) mode");
        const parallel = changed(deployment(), d => { d[2].props!.executionMode = "PARALLEL"; });
        assertViolates(await runStack(deploymentOneAtATime, stackArgs(parallel)), "in PARALLEL mode; set executionMode QUEUED");
    });
    it("reports a project that runs pulumi up without a concurrent build limit of 1", async () => {
        const unlimited = changed(deployment(), d => { delete d[0].props!.concurrentBuildLimit; });
        assertViolates(await runStack(deploymentOneAtATime, stackArgs(unlimited)),
            "'mlops-staging-deployment-staging-build' runs pulumi up but allows any number of concurrent builds");
        const two = changed(deployment(), d => { d[1].props!.concurrentBuildLimit = 2; });
        assertViolates(await runStack(deploymentOneAtATime, stackArgs(two)), "allows 2 concurrent builds");
    });
    it("leaves pipelines that deploy nothing with pulumi alone", async () => {
        const delivery = changed(deployment(), d => {
            for (const project of [d[0], d[1]]) {
                project.props!.source.buildspec = "phases:\n  build:\n    commands:\n      - aws sagemaker start-pipeline-execution --pipeline-name x\n";
                delete project.props!.concurrentBuildLimit;
            }
            d[2].props!.executionMode = "SUPERSEDED";
        });
        assertNotApplicable(await runStack(deploymentOneAtATime, stackArgs([...registry("staging"), ...delivery])), "No CodeBuild project runs pulumi up");
    });
});
