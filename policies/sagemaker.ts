// The workbench and registry on SageMaker: Studio only inside the VPC, notebooks without a direct route
// to the internet, storage encrypted with customer-managed keys, and the names other systems address
// (pipelines, model package groups) chosen by the program rather than by auto-naming.

import { ResourceValidationPolicy } from "@pulumi/policy";

import { asArray, isAutoNamed, isNonEmptyString, resourceOfType } from "./lib/policy";
import { T } from "./lib/stack";

export const studioDomainVpcOnly: ResourceValidationPolicy = {
    name: "studio-domain-vpc-only",
    description: "The SageMaker Studio domain runs in VpcOnly mode in the platform's subnets, with security groups for its apps.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(T.domain, (domain, _, reportViolation) => {
        if (domain.appNetworkAccessType !== "VpcOnly") {
            const mode = domain.appNetworkAccessType ?? "PublicInternetOnly (the default)";
            reportViolation(`appNetworkAccessType is ${mode}; set "VpcOnly" so Studio traffic stays in the VPC.`);
        }
        if (asArray(domain.subnetIds).length === 0 || !isNonEmptyString(domain.vpcId)) {
            reportViolation("subnetIds and vpcId must name the platform's private subnets and VPC.");
        }
        if (asArray(domain.defaultUserSettings?.securityGroups).length === 0) {
            reportViolation("defaultUserSettings.securityGroups is empty; VpcOnly apps need security groups.");
        }
    }),
};

export const notebooksNoDirectInternet: ResourceValidationPolicy = {
    name: "notebooks-no-direct-internet",
    description: "No SageMaker notebook instance has direct internet access; it runs in a private subnet.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(T.notebookInstance, (notebook, _, reportViolation) => {
        if (notebook.directInternetAccess !== "Disabled") {
            reportViolation(`directInternetAccess is ${notebook.directInternetAccess ?? "Enabled (the default)"}; set "Disabled".`);
        }
        if (!isNonEmptyString(notebook.subnetId)) {
            reportViolation("subnetId is not set; the notebook must run in one of the platform's private subnets.");
        }
    }),
};

/** The property that holds each type's name, which other systems (events, promotion, IAM) address. */
const NAMED: Record<string, string> = {
    [T.modelPackageGroup]: "modelPackageGroupName",
    [T.sagemakerPipeline]: "pipelineName",
};

export const sagemakerNamesExplicit: ResourceValidationPolicy = {
    name: "sagemaker-names-explicit",
    description: "SageMaker pipelines and model package groups have explicit names, never auto-generated ones.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(Object.keys(NAMED), (props, args, reportViolation) => {
        const property = NAMED[args.type];
        if (!isNonEmptyString(props[property]) || isAutoNamed(props, property)) {
            reportViolation(`${property} is auto-named; set it explicitly: IAM policies, EventBridge rules and promotion address it by name.`);
        }
    }),
};

export const sagemakerStorageCustomerKey: ResourceValidationPolicy = {
    name: "sagemaker-storage-customer-key",
    description: "Studio's EFS volume, notebook volumes and captured inference data are encrypted with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType([T.domain, T.notebookInstance, T.endpointConfiguration], (props, args, reportViolation) => {
        if (args.type === T.endpointConfiguration) {
            const capture = props.dataCaptureConfig;
            if (!capture || capture.enableCapture === false) {
                args.notApplicable("The endpoint configuration captures no data");
            }
            if (!isNonEmptyString(capture.kmsKeyId)) {
                reportViolation("dataCaptureConfig.kmsKeyId is not set; captured requests and responses are customer data.");
            }
        } else if (!isNonEmptyString(props.kmsKeyId)) {
            reportViolation("kmsKeyId is not set; name the platform's customer-managed key.");
        }
    }),
};

export const sagemakerPolicies = [studioDomainVpcOnly, notebooksNoDirectInternet, sagemakerNamesExplicit, sagemakerStorageCustomerKey];
