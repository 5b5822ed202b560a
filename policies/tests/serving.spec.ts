import { describe, it } from "node:test";

import { T } from "../lib/stack";
import {
    endpointVariantsAutoscaled,
    inferenceApiAuthenticated,
    prodEndpointBakingPeriod,
    prodEndpointBlueGreenTrafficShifting,
    prodEndpointRollbackAlarms,
    stagingEndpointDataCapture,
    stagingEndpointShadowVariant,
} from "../serving";
import { assertNotApplicable, assertPasses, assertViolates, changed, resourceArgs, runResource, runStack, stackArgs } from "./helpers";
import { prodServing, stagingServing } from "./platform";

const stagingConfig = () => stagingServing()[0].props!;
const prodEndpoint = () => prodServing().find(s => s.type === T.endpoint)!.props!;

describe('"staging-endpoint-shadow-variant"', () => {
    it("passes a champion with a challenger shadow variant", async () => {
        assertPasses(await runResource(stagingEndpointShadowVariant, resourceArgs(T.endpointConfiguration, stagingConfig())));
    });
    it("reports a staging endpoint without a shadow variant", async () => {
        const props = changed(stagingConfig(), p => delete p.shadowProductionVariants);
        assertViolates(await runResource(stagingEndpointShadowVariant, resourceArgs(T.endpointConfiguration, props)), "shadowProductionVariants is empty");
    });
    it("does not apply to prod", async () => {
        assertNotApplicable(await runResource(stagingEndpointShadowVariant, resourceArgs(T.endpointConfiguration, {}, { stack: "prod" })), "staging stacks");
    });
    it("follows the configured staging stack names", async () => {
        const args = resourceArgs(T.endpointConfiguration, {}, { stack: "qa", config: { stagingStacks: ["qa"], prodStacks: ["prod"] } });
        assertViolates(await runResource(stagingEndpointShadowVariant, args), "shadowProductionVariants is empty");
    });
});

describe('"staging-endpoint-data-capture"', () => {
    it("passes capture of Input and Output", async () => {
        assertPasses(await runResource(stagingEndpointDataCapture, resourceArgs(T.endpointConfiguration, stagingConfig())));
        const both = changed(stagingConfig(), p => { p.dataCaptureConfig.captureOptions = [{ captureMode: "InputAndOutput" }]; });
        assertPasses(await runResource(stagingEndpointDataCapture, resourceArgs(T.endpointConfiguration, both)));
    });
    it("reports capture of inputs only", async () => {
        const props = changed(stagingConfig(), p => { p.dataCaptureConfig.captureOptions = [{ captureMode: "Input" }]; });
        assertViolates(await runResource(stagingEndpointDataCapture, resourceArgs(T.endpointConfiguration, props)), "capture Input; capture Input and Output");
    });
    it("reports no capture at all", async () => {
        const props = changed(stagingConfig(), p => delete p.dataCaptureConfig);
        assertViolates(await runResource(stagingEndpointDataCapture, resourceArgs(T.endpointConfiguration, props)), "dataCaptureConfig is not set");
    });
});

describe('"prod-endpoint-blue-green-traffic-shifting"', () => {
    const run = (props: Record<string, any>) => runResource(prodEndpointBlueGreenTrafficShifting, resourceArgs(T.endpoint, props, { stack: "prod" }));
    it("passes LINEAR and CANARY shifting", async () => {
        assertPasses(await run(prodEndpoint()));
        assertPasses(await run(changed(prodEndpoint(), p => {
            p.deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration = { type: "CANARY", canarySize: { type: "INSTANCE_COUNT", value: 1 }, waitIntervalInSeconds: 600 };
        })));
    });
    it("reports ALL_AT_ONCE", async () => {
        assertViolates(await run(changed(prodEndpoint(), p => { p.deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration = { type: "ALL_AT_ONCE", waitIntervalInSeconds: 600 }; })), '"ALL_AT_ONCE"');
    });
    it("reports an endpoint without a deployment config", async () => {
        assertViolates(await run({ name: "e", endpointConfigName: "c" }), "blueGreenUpdatePolicy.trafficRoutingConfiguration is not set");
    });
    it("does not apply to staging", async () => {
        assertNotApplicable(await runResource(prodEndpointBlueGreenTrafficShifting, resourceArgs(T.endpoint, {}, { stack: "staging" })), "prod stacks");
    });
});

describe('"prod-endpoint-baking-period"', () => {
    const run = (props: Record<string, any>, config = {}) => runResource(prodEndpointBakingPeriod, resourceArgs(T.endpoint, props, { stack: "prod", config }));
    it("passes a 10-minute baking period", async () => {
        assertPasses(await run(prodEndpoint()));
    });
    it("reports no baking period", async () => {
        assertViolates(await run(changed(prodEndpoint(), p => { delete p.deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.waitIntervalInSeconds; })), "is 0 s; it must be at least 300 s");
    });
    it("reports a baking period below the configured minimum", async () => {
        assertViolates(await run(prodEndpoint(), { minimumBakingSeconds: 900 }), "is 600 s; it must be at least 900 s");
    });
});

describe('"prod-endpoint-rollback-alarms"', () => {
    const run = (props: Record<string, any>) => runResource(prodEndpointRollbackAlarms, resourceArgs(T.endpoint, props, { stack: "prod" }));
    it("passes an endpoint with rollback alarms", async () => {
        assertPasses(await run(prodEndpoint()));
    });
    it("reports a prod endpoint without rollback alarms", async () => {
        assertViolates(await run(changed(prodEndpoint(), p => delete p.deploymentConfig.autoRollbackConfiguration)), "autoRollbackConfiguration.alarms is empty");
    });
});

describe('"endpoint-variants-autoscaled"', () => {
    it("passes a variant with a scaling target and policy", async () => {
        assertPasses(await runStack(endpointVariantsAutoscaled, stackArgs(prodServing(), { stack: "prod" })));
    });
    it("reports a variant without an autoscaling target", async () => {
        const specs = prodServing().filter(s => s.type !== T.scalableTarget);
        assertViolates(await runStack(endpointVariantsAutoscaled, stackArgs(specs, { stack: "prod" })), "Variant 'champion' of endpoint 'mlops-prod-serving-house-prices' has no autoscaling target");
    });
    it("reports a target without a policy, or one that cannot scale", async () => {
        assertViolates(await runStack(endpointVariantsAutoscaled, stackArgs(prodServing().filter(s => s.type !== T.scalingPolicy), { stack: "prod" })), "no scaling policy");
        const fixed = prodServing().map(s => (s.type === T.scalableTarget ? { ...s, props: { ...s.props, maxCapacity: 2 } } : s));
        assertViolates(await runStack(endpointVariantsAutoscaled, stackArgs(fixed, { stack: "prod" })), "cannot scale");
    });
    it("does not apply to staging", async () => {
        assertNotApplicable(await runStack(endpointVariantsAutoscaled, stackArgs(stagingServing())), "prod stacks");
    });
});

describe('"inference-api-authenticated"', () => {
    it("passes IAM-authorized methods, API-key methods and CORS preflight", async () => {
        assertPasses(await runResource(inferenceApiAuthenticated, resourceArgs(T.apiMethod, { httpMethod: "POST", authorization: "AWS_IAM", restApi: "a", resourceId: "r" })));
        assertPasses(await runResource(inferenceApiAuthenticated, resourceArgs(T.apiMethod, { httpMethod: "POST", authorization: "NONE", apiKeyRequired: true })));
        assertNotApplicable(await runResource(inferenceApiAuthenticated, resourceArgs(T.apiMethod, { httpMethod: "OPTIONS", authorization: "NONE" })), "CORS");
        assertPasses(await runResource(inferenceApiAuthenticated, resourceArgs(T.httpRoute, { routeKey: "POST /predict", authorizationType: "JWT" })));
    });
    it("reports an anonymous method or route", async () => {
        assertViolates(await runResource(inferenceApiAuthenticated, resourceArgs(T.apiMethod, { httpMethod: "POST", authorization: "NONE" })), "POST has authorization NONE");
        assertViolates(await runResource(inferenceApiAuthenticated, resourceArgs(T.httpRoute, { routeKey: "POST /predict" })), "Route POST /predict has authorizationType NONE");
    });
});
