import { describe, it } from "node:test";

import { instanceTypesAllowed, logGroupsHaveRetention, mlflowTrackingServerSizeAllowed } from "../cost";
import { T } from "../lib/stack";
import { assertPasses, assertViolates, resourceArgs, runResource } from "./helpers";
import { stagingServing } from "./platform";

describe('"instance-types-allowed"', () => {
    const policy = instanceTypesAllowed;
    it("passes allowed instance types", async () => {
        assertPasses(await runResource(policy, resourceArgs(T.endpointConfiguration, stagingServing()[0].props!)));
        assertPasses(await runResource(policy, resourceArgs(T.notebookInstance, { instanceType: "ml.t3.medium" })));
    });
    it("reports a GPU shadow variant and a large Studio default", async () => {
        const config = { ...stagingServing()[0].props!, shadowProductionVariants: [{ variantName: "challenger", instanceType: "ml.p4d.24xlarge" }] };
        assertViolates(await runResource(policy, resourceArgs(T.endpointConfiguration, config)), "shadowProductionVariants['challenger'] is ml.p4d.24xlarge");
        const domain = { defaultUserSettings: { jupyterLabAppSettings: { defaultResourceSpec: { instanceType: "ml.g5.12xlarge" } } } };
        assertViolates(await runResource(policy, resourceArgs(T.domain, domain)), "defaultUserSettings.jupyterLabAppSettings.defaultResourceSpec.instanceType is ml.g5.12xlarge");
    });
    it("takes the allowed list from policy config", async () => {
        const args = resourceArgs(T.userProfile, { userSettings: { kernelGatewayAppSettings: { defaultResourceSpec: { instanceType: "ml.g5.xlarge" } } } }, { config: { allowedInstanceTypes: ["ml.g5.xlarge"] } });
        assertPasses(await runResource(policy, args));
    });
});

describe('"mlflow-tracking-server-size-allowed"', () => {
    it("passes a Small tracking server (the default size)", async () => {
        assertPasses(await runResource(mlflowTrackingServerSizeAllowed, resourceArgs(T.mlflowTrackingServer, { trackingServerName: "t", artifactStoreUri: "s3://b" })));
    });
    it("reports a Large tracking server", async () => {
        assertViolates(await runResource(mlflowTrackingServerSizeAllowed, resourceArgs(T.mlflowTrackingServer, { trackingServerSize: "Large" })), "trackingServerSize is Large");
    });
});

describe('"log-groups-have-retention"', () => {
    it("passes a log group with retention", async () => {
        assertPasses(await runResource(logGroupsHaveRetention, resourceArgs(T.logGroup, { retentionInDays: 30 })));
    });
    it("reports a log group kept forever", async () => {
        assertViolates(await runResource(logGroupsHaveRetention, resourceArgs(T.logGroup, { name: "/aws/lambda/x" })), "retentionInDays is not set");
    });
});
