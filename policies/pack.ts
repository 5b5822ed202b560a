// The policy pack's contents: every policy of every area, in one list. Building the pack (index.ts) starts
// the analyzer server, so the runner and the tests import this module instead.

import { PolicyPackArgs, Policies } from "@pulumi/policy";

import { costPolicies } from "./cost";
import { deliveryPolicies } from "./delivery";
import { iamPolicies } from "./iam";
import { kmsPolicies } from "./kms";
import { modelPolicies } from "./models";
import { monitoringPolicies } from "./monitoring";
import { networkPolicies } from "./network";
import { personaPolicies } from "./personas";
import { protectionPolicies } from "./protection";
import { s3Policies } from "./s3";
import { sagemakerPolicies } from "./sagemaker";
import { servingPolicies } from "./serving";
import { taggingPolicies } from "./tagging";

export const PACK_NAME = "mlops-platform";

export const policies: Policies = [
    ...taggingPolicies,
    ...s3Policies,
    ...kmsPolicies,
    ...iamPolicies,
    ...personaPolicies,
    ...networkPolicies,
    ...sagemakerPolicies,
    ...modelPolicies,
    ...servingPolicies,
    ...deliveryPolicies,
    ...protectionPolicies,
    ...monitoringPolicies,
    ...costPolicies,
];

export const packArgs: PolicyPackArgs = {
    description: "Guarantees of the mlops SageMaker platform: data lake, access, network, workbench, delivery, serving and monitoring.",
    enforcementLevel: "mandatory",
    policies,
};
