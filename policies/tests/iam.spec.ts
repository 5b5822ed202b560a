import { describe, it } from "node:test";

import { iamActionsExist, iamResourcesMatchActions } from "../iam";
import { T } from "../lib/stack";
import { assertNotApplicable, assertPasses, assertViolates, doc, resourceArgs, runResource } from "./helpers";

const bucket = "arn:aws:s3:::mlops-staging-data-raw-bucket-1234567";
const policyOf = (...statements: Array<Record<string, unknown>>) => resourceArgs(T.policy, { policy: doc(...statements) });

describe('"iam-actions-exist"', () => {
    const policy = iamActionsExist;

    it("passes real actions and wildcards that match some", async () => {
        assertPasses(await runResource(policy, policyOf({ Effect: "Allow", Action: ["s3:GetObject", "sagemaker:Describe*", "kms:*"], Resource: "*" })));
    });
    it("reports a misspelt action", async () => {
        assertViolates(await runResource(policy, policyOf({ Effect: "Allow", Action: "s3:GetObjects", Resource: "*" })), "'s3:GetObjects' is not a s3 action");
    });
    it("reports an unknown service and a wildcard matching nothing", async () => {
        const result = await runResource(policy, policyOf({ Effect: "Deny", NotAction: ["sagemkr:StopPipelineExecution", "s3:Fly*"], Resource: "*" }));
        assertViolates(result, "unknown service 'sagemkr'", "'s3:Fly*' matches no s3 action");
    });
    it("checks role trust and inline policies, and says where", async () => {
        const args = resourceArgs(T.role, {
            assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }),
            inlinePolicies: [{ name: "pipelines", policy: doc({ Sid: "Stop", Effect: "Deny", Action: "sagemaker:StopPipelineExecutions", Resource: "*" }) }],
        });
        assertViolates(await runResource(policy, args), "inlinePolicies['pipelines'], statement 'Stop'");
    });
    it("checks bucket and key policies and Lambda permissions", async () => {
        assertViolates(await runResource(policy, resourceArgs(T.bucketPolicy, { bucket: "b", policy: doc({ Effect: "Deny", Principal: "*", Action: "s3:Everything", Resource: "*" }) })), "s3:Everything");
        assertViolates(await runResource(policy, resourceArgs(T.lambdaPermission, { action: "lambda:Invoke", principal: "apigateway.amazonaws.com" })), "'lambda:Invoke' is not a lambda action");
        assertPasses(await runResource(policy, resourceArgs(T.lambdaPermission, { action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com" })));
    });
    it("reports a document that is not JSON, and skips secrets", async () => {
        assertViolates(await runResource(policy, resourceArgs(T.policy, { policy: "{not json" })), "is not valid JSON");
        assertPasses(await runResource(policy, resourceArgs(T.policy, { policy: "[secret]" })));
    });
    it("does not apply to resources without documents", async () => {
        assertNotApplicable(await runResource(policy, resourceArgs(T.subnet, {})));
    });
});

describe('"iam-resources-match-actions"', () => {
    const policy = iamResourcesMatchActions;

    it("passes object actions on objects and bucket actions on the bucket", async () => {
        assertPasses(await runResource(policy, policyOf(
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${bucket}/*` },
            { Effect: "Allow", Action: "s3:ListBucket", Resource: bucket },
            { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [bucket, `${bucket}/*`] },
            { Effect: "Allow", Action: "sagemaker:ListModelPackageGroups", Resource: "*" },
            { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:eu-west-1:111111111111:log-group:/aws/sagemaker/*:*" },
        )));
    });
    it("reports an object action on the bucket ARN", async () => {
        assertViolates(await runResource(policy, policyOf({ Effect: "Allow", Action: "s3:GetObject", Resource: bucket })),
            `'${bucket}' is of resource type s3 bucket, which none of s3:GetObject accepts`);
    });
    it("reports a bucket action on the objects", async () => {
        assertViolates(await runResource(policy, policyOf({ Effect: "Allow", Action: "s3:ListBucket", Resource: `${bucket}/*` })), "s3:ListBucket applies to resources of type accesspoint/bucket");
    });
    it("reports a Deny that names the pipeline instead of its executions (and would deny nothing)", async () => {
        const pipeline = "arn:aws:sagemaker:eu-west-1:111111111111:pipeline/mlops-staging-house-prices";
        assertViolates(await runResource(policy, policyOf({ Effect: "Deny", Action: "sagemaker:StopPipelineExecution", Resource: pipeline })), "is of resource type sagemaker pipeline,");
        assertPasses(await runResource(policy, policyOf({ Effect: "Deny", Action: "sagemaker:StopPipelineExecution", Resource: `${pipeline}/execution/*` })));
    });
    it("reports an action that takes only \"*\" given an ARN", async () => {
        assertViolates(await runResource(policy, policyOf({ Effect: "Allow", Action: "sagemaker:ListModelPackageGroups", Resource: "arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/g" })),
            'applies only to Resource "*"');
    });
    it("reports malformed ARNs and ARNs of no known type", async () => {
        assertViolates(await runResource(policy, policyOf({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:bucket/x" })), "not a well-formed ARN");
        assertViolates(await runResource(policy, policyOf({ Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:111111111111:secret/x" })), "matches no resource type of kms");
    });
    it("accepts CreateModel on a group's versions in the group's resource policy only (cross-account deployment)", async () => {
        const versions = "arn:aws:sagemaker:eu-west-1:111111111111:model-package/mlops-staging-house-prices/*";
        const sharing = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" },
            Action: ["sagemaker:DescribeModelPackage", "sagemaker:CreateModel"], Resource: versions });
        assertPasses(await runResource(policy, resourceArgs(T.modelPackageGroupPolicy, { modelPackageGroupName: "mlops-staging-house-prices", resourcePolicy: sharing })));
        assertViolates(await runResource(policy, resourceArgs(T.policy, { policy: sharing })),
            "sagemaker:CreateModel applies to resources of type model, none of which is among");
        assertViolates(await runResource(policy, resourceArgs(T.modelPackageGroupPolicy, { resourcePolicy: doc(
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "sagemaker:CreateModel",
                Resource: "arn:aws:sagemaker:eu-west-1:111111111111:endpoint/e" }) })), "which none of sagemaker:CreateModel accepts");
    });
    it("does not apply to resources without documents", async () => {
        assertNotApplicable(await runResource(policy, resourceArgs(T.lambdaPermission, { action: "lambda:InvokeFunction" })));
    });
});
