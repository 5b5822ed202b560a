// A compliant platform stack, written as the preview would hold it. Specs take it as the passing case and
// break one thing in a copy for the violating case.

import { T } from "../lib/stack";
import { ACCOUNTS, doc, REGION, Spec } from "./helpers";

export type Env = "staging" | "prod";

export function keyArn(env: Env, id: string): string {
    return `arn:aws:kms:${REGION}:${ACCOUNTS[env]}:key/${id}`;
}

export function bucketOf(env: Env, role: string): string {
    return `mlops-${env}-data-${role}-bucket-1234567`;
}

/** A bucket with every configuration resource the data lake gives it. */
export function secureBucket(env: Env, role: string, key: string): Spec[] {
    const name = `mlops-${env}-data-${role}`;
    const bucket = bucketOf(env, role);
    const arn = `arn:aws:s3:::${bucket}`;
    const stateful = env === "prod";
    return [
        { type: T.bucketV2, name: `${name}-bucket`, props: { __defaults: ["bucket"], bucket, forceDestroy: false, tags: { "data-class": role } }, protect: stateful, retainOnDelete: stateful },
        { type: T.bucketVersioning, name: `${name}-versioning`, props: { bucket, versioningConfiguration: { status: "Enabled" } }, deps: [`${name}-bucket`] },
        {
            type: T.bucketEncryption, name: `${name}-encryption`, deps: [key, `${name}-bucket`],
            props: { bucket, rules: [{ applyServerSideEncryptionByDefault: { kmsMasterKeyId: keyArn(env, key), sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }] },
        },
        { type: T.bucketPublicAccessBlock, name: `${name}-public-access`, props: { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, deps: [`${name}-bucket`] },
        { type: T.bucketOwnershipControls, name: `${name}-ownership`, props: { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, deps: [`${name}-bucket`] },
        {
            type: T.bucketPolicy, name: `${name}-policy`, deps: [`${name}-bucket`],
            props: {
                bucket,
                policy: doc({
                    Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                }),
            },
        },
        {
            type: T.bucketLifecycle, name: `${name}-lifecycle`, deps: [`${name}-bucket`],
            props: { bucket, rules: [{ id: "expire-old-versions", status: "Enabled", filter: { prefix: "" }, noncurrentVersionExpiration: { noncurrentDays: 30 } }] },
        },
    ];
}

/** Denies every persona holds: nobody stops pipelines, starts delivery by hand or holds a stage back. */
export function pipelineDenies(env: Env): Record<string, unknown>[] {
    const account = ACCOUNTS[env];
    return [
        { Sid: "NoStoppingPipelines", Effect: "Deny", Action: ["sagemaker:StopPipelineExecution"], Resource: `arn:aws:sagemaker:${REGION}:${account}:pipeline/*` },
        {
            Sid: "NoDrivingDelivery", Effect: "Deny",
            Action: ["codepipeline:StopPipelineExecution", "codepipeline:StartPipelineExecution", "codepipeline:DisableStageTransition"],
            Resource: `arn:aws:codepipeline:${REGION}:${account}:*`,
        },
    ];
}

export function scientistRawDenies(env: Env): Record<string, unknown>[] {
    const raw = `arn:aws:s3:::${bucketOf(env, "raw")}`;
    return [
        { Sid: "NoRawData", Effect: "Deny", Action: "s3:*", Resource: [raw, `${raw}/*`] },
        { Sid: "NoRawKey", Effect: "Deny", Action: "kms:*", Resource: keyArn(env, "raw-key") },
    ];
}

export function personaRoles(env: Env): Spec[] {
    const account = ACCOUNTS[env];
    const curated = `arn:aws:s3:::${bucketOf(env, "curated")}`;
    const trust = doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" });
    const role = (persona: string, statements: Record<string, unknown>[]): Spec => ({
        type: T.role,
        name: `mlops-${env}-access-${persona}`,
        props: {
            __defaults: ["name"],
            name: `mlops-${env}-access-${persona}-abcdef1`,
            assumeRolePolicy: trust,
            tags: { persona },
            inlinePolicies: [{ name: "permissions", policy: doc(...statements) }],
        },
    });
    return [
        role("data-engineer", [
            { Sid: "RawAndCurated", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: [`arn:aws:s3:::${bucketOf(env, "raw")}/*`, `${curated}/*`] },
            ...pipelineDenies(env),
        ]),
        role("data-scientist", [
            { Sid: "Curated", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [curated, `${curated}/*`] },
            { Sid: "PassExecutionRole", Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${account}:role/mlops-${env}-workbench-execution` },
            ...scientistRawDenies(env),
            ...pipelineDenies(env),
        ]),
        role("ml-engineer", [
            { Sid: "Approve", Effect: "Allow", Action: ["sagemaker:UpdateModelPackage"], Resource: `arn:aws:sagemaker:${REGION}:${account}:model-package/house-prices/*` },
            ...pipelineDenies(env),
        ]),
    ];
}

export function network(env: Env): Spec[] {
    const vpc = `mlops-${env}-network-vpc`;
    const endpoint = (service: string, type: "Gateway" | "Interface"): Spec => ({
        type: T.vpcEndpoint, name: `mlops-${env}-network-${service.replace(/\./g, "-")}`, deps: [vpc],
        props: { serviceName: `com.amazonaws.${REGION}.${service}`, vpcEndpointType: type, vpcId: "vpc-1", ...(type === "Interface" ? { privateDnsEnabled: true } : {}) },
    });
    return [
        { type: T.vpc, name: vpc, props: { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true } },
        { type: T.subnet, name: `mlops-${env}-network-private-a`, props: { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false }, deps: [vpc] },
        endpoint("s3", "Gateway"),
        ...["sts", "sagemaker.api", "sagemaker.runtime", "ecr.api", "ecr.dkr", "logs"].map(s => endpoint(s, "Interface")),
    ];
}

export function registry(env: Env): Spec[] {
    return [
        { type: T.modelPackageGroup, name: `mlops-${env}-registry-house-prices`, props: { modelPackageGroupName: `mlops-${env}-house-prices`, tags: { model: "house-prices" } }, protect: env === "prod", retainOnDelete: env === "prod" },
        { type: T.ecrRepository, name: `mlops-${env}-delivery-images`, props: { name: `mlops-${env}/house-prices`, imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true } }, protect: env === "prod", retainOnDelete: env === "prod" },
        // Staging shares its registry with prod: the documented cross-account deployment policy.
        ...(env === "staging" ? [{
            type: T.modelPackageGroupPolicy, name: "mlops-staging-registry-house-prices-sharing",
            props: {
                modelPackageGroupName: "mlops-staging-house-prices",
                resourcePolicy: doc(
                    { Sid: "PeersReadGroup", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNTS.prod}:root` }, Action: "sagemaker:DescribeModelPackageGroup",
                        Resource: `arn:aws:sagemaker:${REGION}:${ACCOUNTS.staging}:model-package-group/mlops-staging-house-prices` },
                    { Sid: "PeersReadAndDeployVersions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNTS.prod}:root` },
                        Action: ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:CreateModel"],
                        Resource: `arn:aws:sagemaker:${REGION}:${ACCOUNTS.staging}:model-package/mlops-staging-house-prices/*` }),
            },
        } satisfies Spec] : []),
    ];
}

export function retraining(env: Env): Spec[] {
    const pipelineName = `mlops-${env}-house-prices-training`;
    return [
        { type: T.sagemakerPipeline, name: `mlops-${env}-training-house-prices`, props: { pipelineName, pipelineDisplayName: pipelineName, roleArn: `arn:aws:iam::${ACCOUNTS[env]}:role/x` } },
        { type: T.eventRule, name: `mlops-${env}-retraining-house-prices`, props: { name: `mlops-${env}-retraining-house-prices-1a2b3c4`, eventPattern: "{}", tags: { model: "house-prices" } } },
        {
            type: T.eventTarget, name: `mlops-${env}-retraining-house-prices-target`, deps: [`mlops-${env}-retraining-house-prices`],
            props: { rule: `mlops-${env}-retraining-house-prices-1a2b3c4`, arn: `arn:aws:sagemaker:${REGION}:${ACCOUNTS[env]}:pipeline/${pipelineName}`, sagemakerPipelineTarget: {} },
        },
        {
            type: T.metricAlarm, name: `mlops-${env}-monitoring-house-prices-rmse`,
            props: { name: `mlops-${env}-house-prices-rmse`, metricName: "RMSE", namespace: "mlops/quality", dimensions: { Model: "house-prices", Variant: "champion" }, alarmActions: ["arn:aws:sns:x"] },
        },
    ];
}

export function stagingServing(): Spec[] {
    return [{
        type: T.endpointConfiguration, name: "mlops-staging-serving-house-prices-config",
        props: {
            name: "mlops-staging-house-prices-config-1",
            productionVariants: [{ variantName: "champion", modelName: "champion-model", instanceType: "ml.m5.large", initialInstanceCount: 1 }],
            shadowProductionVariants: [{ variantName: "challenger", modelName: "challenger-model", instanceType: "ml.m5.large", initialInstanceCount: 1 }],
            dataCaptureConfig: {
                enableCapture: true, initialSamplingPercentage: 100, destinationS3Uri: `s3://${bucketOf("staging", "capture")}/house-prices`,
                kmsKeyId: keyArn("staging", "platform-key"), captureOptions: [{ captureMode: "Input" }, { captureMode: "Output" }],
            },
        },
    }];
}

export const PROD_ENDPOINT = "mlops-prod-house-prices-1a2b3c4";

export function prodServing(): Spec[] {
    const resourceId = `endpoint/${PROD_ENDPOINT}/variant/champion`;
    return [
        {
            type: T.endpointConfiguration, name: "mlops-prod-serving-house-prices-config",
            props: { name: "mlops-prod-house-prices-config-1", productionVariants: [{ variantName: "champion", modelName: "m", instanceType: "ml.m5.large", initialInstanceCount: 2 }] },
        },
        {
            type: T.endpoint, name: "mlops-prod-serving-house-prices", deps: ["mlops-prod-serving-house-prices-config"],
            props: {
                __defaults: ["name"], name: PROD_ENDPOINT, endpointConfigName: "mlops-prod-house-prices-config-1",
                deploymentConfig: {
                    blueGreenUpdatePolicy: {
                        trafficRoutingConfiguration: { type: "LINEAR", linearStepSize: { type: "CAPACITY_PERCENT", value: 25 }, waitIntervalInSeconds: 600 },
                        terminationWaitInSeconds: 600, maximumExecutionTimeoutInSeconds: 3600,
                    },
                    autoRollbackConfiguration: { alarms: [{ alarmName: "mlops-prod-house-prices-errors" }] },
                },
            },
        },
        { type: T.scalableTarget, name: "mlops-prod-serving-house-prices-scaling", props: { resourceId, scalableDimension: "sagemaker:variant:DesiredInstanceCount", serviceNamespace: "sagemaker", minCapacity: 2, maxCapacity: 6 } },
        { type: T.scalingPolicy, name: "mlops-prod-serving-house-prices-scaling-policy", props: { resourceId, scalableDimension: "sagemaker:variant:DesiredInstanceCount", serviceNamespace: "sagemaker", policyType: "TargetTrackingScaling" } },
    ];
}

/** Continuous deployment (staging): a queued pipeline whose builds run pulumi up, one at a time. */
export function deployment(): Spec[] {
    const project = (target: string): Spec => ({
        type: T.codeBuildProject, name: `mlops-staging-deployment-${target}-build`,
        props: { name: `mlops-staging-deploy-${target}`, concurrentBuildLimit: 1, source: { type: "CODEPIPELINE", buildspec: "phases:\n  build:\n    commands:\n      - pulumi up --yes --stack \"$STACK\"\n" } },
    });
    const action = (name: string, project: string) => ({ name, category: "Build", owner: "AWS", provider: "CodeBuild", version: "1", configuration: { ProjectName: project } });
    return [
        project("staging"),
        project("prod"),
        {
            type: T.codePipeline, name: "mlops-staging-deployment-pipeline",
            props: {
                name: "mlops-staging-deployment", pipelineType: "V2", executionMode: "QUEUED",
                artifactStores: [{ location: bucketOf("staging", "artifacts"), type: "S3", encryptionKey: { id: keyArn("staging", "platform-key"), type: "KMS" } }],
                stages: [
                    { name: "staging", actions: [action("pulumi-up", "mlops-staging-deploy-staging")] },
                    { name: "prod", actions: [{ name: "approve", category: "Approval", owner: "AWS", provider: "Manual", version: "1" }, action("pulumi-up", "mlops-staging-deploy-prod")] },
                ],
            },
        },
    ];
}

/** The whole compliant stack. */
export function platform(env: Env): Spec[] {
    return [
        { type: T.kmsKey, name: "raw-key", props: { enableKeyRotation: true, deletionWindowInDays: 30 }, protect: env === "prod", retainOnDelete: env === "prod" },
        { type: T.kmsKey, name: "platform-key", props: { enableKeyRotation: true, deletionWindowInDays: 30 }, protect: env === "prod", retainOnDelete: env === "prod" },
        ...secureBucket(env, "raw", "raw-key"),
        ...secureBucket(env, "curated", "platform-key"),
        ...personaRoles(env),
        ...network(env),
        ...registry(env),
        ...(env === "staging" ? [...retraining(env), ...stagingServing(), ...deployment()] : [...retraining(env).filter(s => s.type === T.metricAlarm), ...prodServing()]),
    ];
}

export const MODELS = { models: ["house-prices"] };
