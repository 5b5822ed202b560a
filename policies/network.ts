// The platform's network is private: subnets without public addresses, no internet gateway, no ingress
// from the internet, and VPC endpoints for the AWS services the workloads call.

import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { asArray, configOf, resourceOfType } from "./lib/policy";
import { dependsOn, label, StackView, T } from "./lib/stack";

export const subnetsPrivate: ResourceValidationPolicy = {
    name: "subnets-private",
    description: "No subnet gives instances a public IP address on launch.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(T.subnet, (subnet, _, reportViolation) => {
        if (subnet.mapPublicIpOnLaunch === true) {
            reportViolation("mapPublicIpOnLaunch is true; the platform's subnets are private.");
        }
    }),
};

const INTERNET_GATEWAYS = [T.internetGateway, T.internetGatewayAttachment, T.egressOnlyInternetGateway];

export const vpcNoInternetGateway: ResourceValidationPolicy = {
    name: "vpc-no-internet-gateway",
    description: "The platform's VPC has no internet gateway: workloads reach AWS through VPC endpoints only.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(INTERNET_GATEWAYS, (_, args, reportViolation) => {
        reportViolation(`A ${args.type.split(":").pop()} connects the VPC to the internet; use VPC endpoints instead.`);
    }),
};

const OPEN_IPV4 = "0.0.0.0/0";
const OPEN_IPV6 = "::/0";

export const securityGroupsNoPublicIngress: ResourceValidationPolicy = {
    name: "security-groups-no-public-ingress",
    description: "No security group admits traffic from anywhere (0.0.0.0/0 or ::/0).",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType([T.securityGroup, T.securityGroupRule, T.securityGroupIngressRule], (props, args, reportViolation) => {
        const open = (cidrs: unknown[]) => cidrs.filter(c => c === OPEN_IPV4 || c === OPEN_IPV6);
        if (args.type === T.securityGroup) {
            for (const rule of asArray<Record<string, any>>(props.ingress)) {
                const any = open([...asArray(rule.cidrBlocks), ...asArray(rule.ipv6CidrBlocks)]);
                if (any.length > 0) {
                    reportViolation(`An ingress rule (ports ${rule.fromPort}-${rule.toPort}) admits ${any.join(", ")}.`);
                }
            }
        } else if (args.type === T.securityGroupRule) {
            const any = open([...asArray(props.cidrBlocks), ...asArray(props.ipv6CidrBlocks)]);
            if (props.type === "ingress" && any.length > 0) {
                reportViolation(`The ingress rule (ports ${props.fromPort}-${props.toPort}) admits ${any.join(", ")}.`);
            }
        } else {
            const any = open([props.cidrIpv4, props.cidrIpv6]);
            if (any.length > 0) {
                reportViolation(`The ingress rule admits ${any.join(", ")}.`);
            }
        }
    }),
};

interface EndpointConfig {
    requiredServices: string[];
}

const endpointDefaults: EndpointConfig = {
    // Studio in VpcOnly mode needs the SageMaker API and runtime, S3 and STS; training and processing jobs
    // in the VPC pull images from ECR and write logs to CloudWatch Logs.
    requiredServices: ["s3", "sts", "sagemaker.api", "sagemaker.runtime", "ecr.api", "ecr.dkr", "logs"],
};

export const vpcEndpointsForPlatformServices: StackValidationPolicy = {
    name: "vpc-endpoints-for-platform-services",
    description: "Every VPC has endpoints for the AWS services the platform calls (configurable), with private DNS on interface endpoints.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requiredServices: {
                type: "array",
                items: { type: "string" },
                default: endpointDefaults.requiredServices,
                description: "Service name suffixes (after com.amazonaws.<region>.) every VPC needs an endpoint for.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const vpcs = view.ofType(T.vpc);
        if (vpcs.length === 0) {
            args.notApplicable("The stack has no VPC");
        }
        const { requiredServices } = configOf(args, endpointDefaults);
        const endpoints = view.ofType(T.vpcEndpoint);
        for (const vpc of vpcs) {
            const own = vpcs.length === 1 ? endpoints : endpoints.filter(e => dependsOn(e, vpc, "vpcId"));
            const missing = requiredServices.filter(service =>
                !own.some(e => typeof e.props.serviceName === "string" && e.props.serviceName.endsWith(`.${service}`)));
            if (missing.length > 0) {
                reportViolation(`VPC ${label(vpc)} has no endpoint for ${missing.join(", ")}; without them the private subnets cannot reach these services.`, vpc.urn);
            }
            for (const e of own) {
                if (e.props.vpcEndpointType === "Interface" && e.props.privateDnsEnabled !== true) {
                    reportViolation(`Interface endpoint ${label(e)} (${e.props.serviceName}) has privateDnsEnabled off; SDKs would still resolve the public endpoint.`, e.urn);
                }
            }
        }
    },
};

export const networkPolicies = [subnetsPrivate, vpcNoInternetGateway, securityGroupsNoPublicIngress, vpcEndpointsForPlatformServices];
