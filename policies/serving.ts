// Serving: staging measures the challenger on real traffic (shadow variant, captured inputs and outputs);
// prod changes endpoints only by blue/green deployments that shift traffic in steps, wait a baking period
// and roll back on alarms, and scales its variants. The inference API is never anonymous.

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { asArray, configOf, environmentSchema, isNonEmptyString, requireEnvironment, resourceOfType, stackName } from "./lib/policy";
import { dependsOn, label, StackView, T } from "./lib/stack";

export const stagingEndpointShadowVariant: ResourceValidationPolicy = {
    name: "staging-endpoint-shadow-variant",
    description: "In staging, every endpoint configuration serves the challenger as a shadow variant next to the champion.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...environmentSchema } },
    validateResource: resourceOfType(T.endpointConfiguration, (config, args, reportViolation) => {
        requireEnvironment(args, args.urn, "staging");
        const shadows = asArray<Record<string, any>>(config.shadowProductionVariants);
        if (shadows.length === 0) {
            reportViolation("shadowProductionVariants is empty; staging measures the challenger on mirrored traffic before promotion.");
        }
        for (const shadow of shadows) {
            if (!isNonEmptyString(shadow.modelName) || !isNonEmptyString(shadow.variantName)) {
                reportViolation("A shadow variant lacks modelName or variantName.");
            }
        }
    }),
};

export const stagingEndpointDataCapture: ResourceValidationPolicy = {
    name: "staging-endpoint-data-capture",
    description: "In staging, every endpoint configuration captures both request inputs and model outputs to S3.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...environmentSchema } },
    validateResource: resourceOfType(T.endpointConfiguration, (config, args, reportViolation) => {
        requireEnvironment(args, args.urn, "staging");
        const capture = config.dataCaptureConfig;
        if (!capture) {
            reportViolation("dataCaptureConfig is not set; quality metrics per variant are computed from captured traffic.");
            return;
        }
        if (capture.enableCapture === false) {
            reportViolation("dataCaptureConfig.enableCapture is false.");
        }
        const modes = asArray<Record<string, any>>(capture.captureOptions).map(o => o.captureMode);
        const both = modes.includes("InputAndOutput") || (modes.includes("Input") && modes.includes("Output"));
        if (!both) {
            reportViolation(`dataCaptureConfig.captureOptions capture ${modes.length > 0 ? modes.join(", ") : "nothing"}; capture Input and Output.`);
        }
        if (!(Number(capture.initialSamplingPercentage) > 0)) {
            reportViolation("dataCaptureConfig.initialSamplingPercentage must be above 0.");
        }
        if (!isNonEmptyString(capture.destinationS3Uri)) {
            reportViolation("dataCaptureConfig.destinationS3Uri is not set.");
        }
    }),
};

/** The blue/green policy of an endpoint, or undefined. */
function blueGreen(endpoint: Record<string, any>): Record<string, any> | undefined {
    return endpoint.deploymentConfig?.blueGreenUpdatePolicy;
}

export const prodEndpointBlueGreenTrafficShifting: ResourceValidationPolicy = {
    name: "prod-endpoint-blue-green-traffic-shifting",
    description: "In prod, every endpoint deploys blue/green with LINEAR or CANARY traffic shifting.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...environmentSchema } },
    validateResource: resourceOfType(T.endpoint, (endpoint, args, reportViolation) => {
        requireEnvironment(args, args.urn, "prod");
        const routing = blueGreen(endpoint)?.trafficRoutingConfiguration;
        if (!routing) {
            reportViolation("deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration is not set; prod replaces models only by guarded blue/green deployments.");
            return;
        }
        if (routing.type === "LINEAR") {
            if (!(Number(routing.linearStepSize?.value) > 0)) {
                reportViolation("LINEAR traffic shifting needs linearStepSize with a value above 0.");
            }
        } else if (routing.type === "CANARY") {
            if (!(Number(routing.canarySize?.value) > 0)) {
                reportViolation("CANARY traffic shifting needs canarySize with a value above 0.");
            }
        } else {
            reportViolation(`trafficRoutingConfiguration.type is ${JSON.stringify(routing.type)}; use "LINEAR" or "CANARY" (ALL_AT_ONCE shifts every request at once).`);
        }
    }),
};

interface BakingConfig {
    minimumBakingSeconds: number;
}

const bakingDefaults: BakingConfig = {
    // CloudWatch alarms on 60-second periods need several periods to trip; a shorter bake shifts more
    // traffic before a rollback alarm can fire.
    minimumBakingSeconds: 300,
};

export const prodEndpointBakingPeriod: ResourceValidationPolicy = {
    name: "prod-endpoint-baking-period",
    description: "In prod, every blue/green deployment waits a baking period (waitIntervalInSeconds) long enough for rollback alarms to trip.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            ...environmentSchema,
            minimumBakingSeconds: { type: "integer", minimum: 0, maximum: 3600, default: bakingDefaults.minimumBakingSeconds, description: "Shortest allowed baking period in seconds." },
        },
    },
    validateResource: resourceOfType(T.endpoint, (endpoint, args, reportViolation) => {
        requireEnvironment(args, args.urn, "prod");
        const { minimumBakingSeconds } = configOf(args, bakingDefaults);
        const routing = blueGreen(endpoint)?.trafficRoutingConfiguration;
        const wait = Number(routing?.waitIntervalInSeconds ?? 0);
        if (!(wait >= minimumBakingSeconds) || wait <= 0) {
            reportViolation(`The baking period (trafficRoutingConfiguration.waitIntervalInSeconds) is ${wait} s; it must be at least ${minimumBakingSeconds} s.`);
        }
    }),
};

export const prodEndpointRollbackAlarms: ResourceValidationPolicy = {
    name: "prod-endpoint-rollback-alarms",
    description: "In prod, every endpoint names CloudWatch alarms that roll a deployment back automatically.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...environmentSchema } },
    validateResource: resourceOfType(T.endpoint, (endpoint, args, reportViolation) => {
        requireEnvironment(args, args.urn, "prod");
        const alarms = asArray<Record<string, any>>(endpoint.deploymentConfig?.autoRollbackConfiguration?.alarms);
        if (alarms.length === 0) {
            reportViolation("deploymentConfig.autoRollbackConfiguration.alarms is empty; a bad model would take all traffic with nothing to stop it.");
        } else if (alarms.some(a => !isNonEmptyString(a.alarmName))) {
            reportViolation("An auto-rollback alarm has no alarmName.");
        }
    }),
};

export const endpointVariantsAutoscaled: StackValidationPolicy = {
    name: "endpoint-variants-autoscaled",
    description: "In prod, every instance-based production variant of every endpoint has an autoscaling target and a scaling policy.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...environmentSchema } },
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const root = view.root?.urn ?? `urn:pulumi:${stackName(args)}::`;
        requireEnvironment(args, root, "prod");
        const configs = view.ofType(T.endpointConfiguration);
        const targets = view.ofType(T.scalableTarget);
        const policies = view.ofType(T.scalingPolicy);
        for (const endpoint of view.ofType(T.endpoint)) {
            const config = configs.find(c => c.props.name === endpoint.props.endpointConfigName)
                ?? configs.find(c => dependsOn(endpoint, c, "endpointConfigName"));
            if (!config) {
                continue;
            }
            for (const variant of asArray<Record<string, any>>(config.props.productionVariants)) {
                if (variant.serverlessConfig) {
                    continue;
                }
                const resourceId = `endpoint/${endpoint.props.name}/variant/${variant.variantName}`;
                const target = targets.find(t => t.props.resourceId === resourceId && t.props.scalableDimension === "sagemaker:variant:DesiredInstanceCount");
                if (!target) {
                    reportViolation(`Variant '${variant.variantName}' of endpoint ${label(endpoint)} has no autoscaling target (resourceId ${resourceId}, scalableDimension sagemaker:variant:DesiredInstanceCount).`, endpoint.urn);
                } else if (!policies.some(p => p.props.resourceId === resourceId)) {
                    reportViolation(`Variant '${variant.variantName}' of endpoint ${label(endpoint)} has an autoscaling target but no scaling policy.`, target.urn);
                } else if (!(Number(target.props.maxCapacity) > Number(target.props.minCapacity))) {
                    reportViolation(`The autoscaling target of variant '${variant.variantName}' cannot scale: maxCapacity ${target.props.maxCapacity} is not above minCapacity ${target.props.minCapacity}.`, target.urn);
                }
            }
        }
    },
};

export const inferenceApiAuthenticated: ResourceValidationPolicy = {
    name: "inference-api-authenticated",
    description: "Every API Gateway method and route of the inference API requires authorization (or an API key); CORS preflight excepted.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType([T.apiMethod, T.httpRoute], (props, args, reportViolation) => {
        if (args.type === T.apiMethod) {
            if (props.httpMethod === "OPTIONS") {
                args.notApplicable("CORS preflight requests carry no credentials");
            }
            if (props.authorization === "NONE" && props.apiKeyRequired !== true) {
                reportViolation(`${props.httpMethod} has authorization NONE and no API key; anyone could call the model.`);
            }
        } else {
            const type = props.authorizationType ?? "NONE";
            if (String(props.routeKey ?? "").startsWith("OPTIONS ")) {
                args.notApplicable("CORS preflight requests carry no credentials");
            }
            if (type === "NONE" && props.apiKeyRequired !== true) {
                reportViolation(`Route ${props.routeKey} has authorizationType NONE; anyone could call the model.`);
            }
        }
    }),
};

export const servingPolicies = [
    stagingEndpointShadowVariant,
    stagingEndpointDataCapture,
    prodEndpointBlueGreenTrafficShifting,
    prodEndpointBakingPeriod,
    prodEndpointRollbackAlarms,
    endpointVariantsAutoscaled,
    inferenceApiAuthenticated,
];
