import { describe, it } from "node:test";

import { T } from "../lib/stack";
import { notebooksNoDirectInternet, sagemakerNamesExplicit, sagemakerStorageCustomerKey, studioDomainVpcOnly } from "../sagemaker";
import { assertNotApplicable, assertPasses, assertViolates, resourceArgs, runResource } from "./helpers";

const domain = {
    domainName: "mlops-staging", authMode: "IAM", appNetworkAccessType: "VpcOnly", vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"],
    kmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/platform", defaultUserSettings: { executionRole: "arn:aws:iam::111111111111:role/x", securityGroups: ["sg-1"] },
};

describe('"studio-domain-vpc-only"', () => {
    it("passes a VpcOnly domain in the platform's subnets", async () => {
        assertPasses(await runResource(studioDomainVpcOnly, resourceArgs(T.domain, domain)));
    });
    it("reports a domain on the public internet (the default)", async () => {
        const { appNetworkAccessType: _, ...publicDomain } = domain;
        assertViolates(await runResource(studioDomainVpcOnly, resourceArgs(T.domain, publicDomain)), "PublicInternetOnly (the default)");
    });
    it("reports a VpcOnly domain without subnets or security groups", async () => {
        const result = await runResource(studioDomainVpcOnly, resourceArgs(T.domain, { ...domain, subnetIds: [], defaultUserSettings: { executionRole: "r" } }));
        assertViolates(result, "subnetIds and vpcId", "securityGroups is empty");
    });
});

describe('"notebooks-no-direct-internet"', () => {
    it("passes a notebook without direct internet access in a private subnet", async () => {
        assertPasses(await runResource(notebooksNoDirectInternet, resourceArgs(T.notebookInstance, { directInternetAccess: "Disabled", subnetId: "subnet-a", instanceType: "ml.t3.medium" })));
    });
    it("reports a notebook with direct internet access (the default)", async () => {
        assertViolates(await runResource(notebooksNoDirectInternet, resourceArgs(T.notebookInstance, { instanceType: "ml.t3.medium" })), "Enabled (the default)", "subnetId is not set");
    });
});

describe('"sagemaker-names-explicit"', () => {
    it("passes explicit pipeline and model package group names", async () => {
        assertPasses(await runResource(sagemakerNamesExplicit, resourceArgs(T.sagemakerPipeline, { pipelineName: "mlops-staging-house-prices", __defaults: [] })));
        assertPasses(await runResource(sagemakerNamesExplicit, resourceArgs(T.modelPackageGroup, { modelPackageGroupName: "mlops-staging-house-prices" })));
    });
    it("reports an auto-named model package group", async () => {
        const args = resourceArgs(T.modelPackageGroup, { modelPackageGroupName: "registry-house-prices-1a2b3c4", __defaults: ["modelPackageGroupName"] });
        assertViolates(await runResource(sagemakerNamesExplicit, args), "modelPackageGroupName is auto-named");
    });
});

describe('"sagemaker-storage-customer-key"', () => {
    it("passes a domain and a capturing endpoint configuration with customer keys", async () => {
        assertPasses(await runResource(sagemakerStorageCustomerKey, resourceArgs(T.domain, domain)));
        assertPasses(await runResource(sagemakerStorageCustomerKey, resourceArgs(T.endpointConfiguration, { dataCaptureConfig: { enableCapture: true, kmsKeyId: "k" } })));
    });
    it("reports a domain and a notebook without a key", async () => {
        assertViolates(await runResource(sagemakerStorageCustomerKey, resourceArgs(T.domain, { ...domain, kmsKeyId: undefined })), "kmsKeyId is not set");
        assertViolates(await runResource(sagemakerStorageCustomerKey, resourceArgs(T.notebookInstance, { directInternetAccess: "Disabled" })), "kmsKeyId is not set");
    });
    it("reports data capture without a key", async () => {
        assertViolates(await runResource(sagemakerStorageCustomerKey, resourceArgs(T.endpointConfiguration, { dataCaptureConfig: { enableCapture: true } })), "dataCaptureConfig.kmsKeyId");
    });
    it("does not apply to an endpoint configuration that captures nothing", async () => {
        assertNotApplicable(await runResource(sagemakerStorageCustomerKey, resourceArgs(T.endpointConfiguration, { productionVariants: [] })));
    });
});
