// Cost: advisory checks against sizes the platform team has agreed to pay for (policy config), and logs that
// do not accumulate forever.

import { ResourceValidationPolicy } from "@pulumi/policy";

import { asArray, configOf, resourceOfType } from "./lib/policy";
import { T } from "./lib/stack";

interface InstanceConfig {
    allowedInstanceTypes: string[];
}

const instanceDefaults: InstanceConfig = {
    allowedInstanceTypes: [
        "ml.t3.medium", "ml.t3.large", "ml.t3.xlarge",
        "ml.m5.large", "ml.m5.xlarge", "ml.m5.2xlarge",
        "ml.c5.large", "ml.c5.xlarge", "ml.c5.2xlarge",
    ],
};

/** Instance types a SageMaker resource asks for, with where. */
function instanceTypes(type: string, props: Record<string, any>): Array<{ where: string; instanceType: unknown }> {
    const specs = (settings: Record<string, any> | undefined, prefix: string) =>
        ["jupyterLabAppSettings", "jupyterServerAppSettings", "kernelGatewayAppSettings", "codeEditorAppSettings"]
            .map(app => ({ where: `${prefix}.${app}.defaultResourceSpec.instanceType`, instanceType: settings?.[app]?.defaultResourceSpec?.instanceType }));
    switch (type) {
        case T.endpointConfiguration:
            return [
                ...asArray<Record<string, any>>(props.productionVariants).map(v => ({ where: `productionVariants['${v.variantName}']`, instanceType: v.instanceType })),
                ...asArray<Record<string, any>>(props.shadowProductionVariants).map(v => ({ where: `shadowProductionVariants['${v.variantName}']`, instanceType: v.instanceType })),
            ];
        case T.notebookInstance:
            return [{ where: "instanceType", instanceType: props.instanceType }];
        case T.domain:
            return specs(props.defaultUserSettings, "defaultUserSettings");
        default:
            return specs(props.userSettings, "userSettings");
    }
}

export const instanceTypesAllowed: ResourceValidationPolicy = {
    name: "instance-types-allowed",
    description: "SageMaker endpoints, notebooks and Studio apps use instance types from the allowed list (policy config allowedInstanceTypes).",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            allowedInstanceTypes: {
                type: "array",
                items: { type: "string" },
                default: instanceDefaults.allowedInstanceTypes,
                description: "SageMaker instance types the platform budget covers.",
            },
        },
    },
    validateResource: resourceOfType([T.endpointConfiguration, T.notebookInstance, T.domain, T.userProfile], (props, args, reportViolation) => {
        const { allowedInstanceTypes } = configOf(args, instanceDefaults);
        for (const { where, instanceType } of instanceTypes(args.type, props)) {
            if (typeof instanceType === "string" && !allowedInstanceTypes.includes(instanceType)) {
                reportViolation(`${where} is ${instanceType}, which is not in allowedInstanceTypes (${allowedInstanceTypes.join(", ")}).`);
            }
        }
    }),
};

interface TrackingConfig {
    allowedTrackingServerSizes: string[];
}

const trackingDefaults: TrackingConfig = { allowedTrackingServerSizes: ["Small"] };

export const mlflowTrackingServerSizeAllowed: ResourceValidationPolicy = {
    name: "mlflow-tracking-server-size-allowed",
    description: "The MLflow tracking server uses an allowed size (policy config allowedTrackingServerSizes).",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            allowedTrackingServerSizes: {
                type: "array",
                items: { type: "string" },
                default: trackingDefaults.allowedTrackingServerSizes,
                description: "MLflow tracking server sizes (Small, Medium, Large) the budget covers.",
            },
        },
    },
    validateResource: resourceOfType(T.mlflowTrackingServer, (server, args, reportViolation) => {
        const { allowedTrackingServerSizes } = configOf(args, trackingDefaults);
        const size = server.trackingServerSize ?? "Small";
        if (!allowedTrackingServerSizes.includes(size)) {
            reportViolation(`trackingServerSize is ${size}, which is not in allowedTrackingServerSizes (${allowedTrackingServerSizes.join(", ")}).`);
        }
    }),
};

export const logGroupsHaveRetention: ResourceValidationPolicy = {
    name: "log-groups-have-retention",
    description: "Every CloudWatch log group expires its events (retentionInDays) instead of keeping them forever.",
    enforcementLevel: "advisory",
    validateResource: resourceOfType(T.logGroup, (group, _, reportViolation) => {
        if (!(Number(group.retentionInDays) > 0)) {
            reportViolation("retentionInDays is not set; the log group keeps (and bills) its events forever.");
        }
    }),
};

export const costPolicies = [instanceTypesAllowed, mlflowTrackingServerSizeAllowed, logGroupsHaveRetention];
