// A read-only view over a stack validation's resources: lookups by type and the relations the platform's
// resources have to each other (a bucket and its configuration resources, a role and its policies, ...).
// Relations are found the way a reader of the preview would: by the referenced name (`bucket`, `role`), or,
// where the name is not known yet, by the dependency edges the engine records.

import { PolicyResource, StackValidationArgs } from "@pulumi/policy";

import { asArray, jsonValue, logicalName, parseUrn, peek, stackName, UNKNOWN } from "./policy";

export const T = {
    stack: "pulumi:pulumi:Stack",
    stackReference: "pulumi:pulumi:StackReference",
    awsProvider: "pulumi:providers:aws",
    // s3
    bucketV2: "aws:s3/bucketV2:BucketV2",
    bucket: "aws:s3/bucket:Bucket",
    bucketVersioning: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    bucketEncryption: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    bucketOwnershipControls: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketAcl: "aws:s3/bucketAclV2:BucketAclV2",
    bucketLifecycle: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    // kms
    kmsKey: "aws:kms/key:Key",
    kmsKeyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    kmsAlias: "aws:kms/alias:Alias",
    // iam
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    // network
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    securityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    internetGateway: "aws:ec2/internetGateway:InternetGateway",
    internetGatewayAttachment: "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
    egressOnlyInternetGateway: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    // sagemaker
    domain: "aws:sagemaker/domain:Domain",
    userProfile: "aws:sagemaker/userProfile:UserProfile",
    notebookInstance: "aws:sagemaker/notebookInstance:NotebookInstance",
    endpointConfiguration: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
    endpoint: "aws:sagemaker/endpoint:Endpoint",
    modelPackageGroup: "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
    modelPackageGroupPolicy: "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy",
    sagemakerPipeline: "aws:sagemaker/pipeline:Pipeline",
    mlflowTrackingServer: "aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer",
    // delivery
    ecrRepository: "aws:ecr/repository:Repository",
    ecrRepositoryPolicy: "aws:ecr/repositoryPolicy:RepositoryPolicy",
    ecrRegistryPolicy: "aws:ecr/registryPolicy:RegistryPolicy",
    codePipeline: "aws:codepipeline/pipeline:Pipeline",
    codeBuildProject: "aws:codebuild/project:Project",
    // serving
    scalableTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    apiMethod: "aws:apigateway/method:Method",
    restApi: "aws:apigateway/restApi:RestApi",
    restApiPolicy: "aws:apigateway/restApiPolicy:RestApiPolicy",
    httpRoute: "aws:apigatewayv2/route:Route",
    lambdaPermission: "aws:lambda/permission:Permission",
    // events and monitoring
    eventRule: "aws:cloudwatch/eventRule:EventRule",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
    eventBusPolicy: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
    schedule: "aws:scheduler/schedule:Schedule",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    snsTopic: "aws:sns/topic:Topic",
    snsTopicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    sqsQueuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
} as const;

/** Both bucket resources of aws 6.x: BucketV2 (used here) and the legacy Bucket. */
export const BUCKET_TYPES: readonly string[] = [T.bucketV2, T.bucket];

export class StackView {
    readonly stack: string;
    readonly project: string;
    private readonly byUrn = new Map<string, PolicyResource>();

    constructor(readonly resources: readonly PolicyResource[]) {
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
        }
        this.stack = stackName({ resources: [...resources] } as StackValidationArgs);
        this.project = resources.map(r => parseUrn(r.urn)?.project).find(p => p) ?? "";
    }

    static of(args: StackValidationArgs): StackView {
        return new StackView(args.resources);
    }

    ofType(...types: readonly string[]): PolicyResource[] {
        return this.resources.filter(r => types.includes(r.type));
    }

    get(urn: string): PolicyResource | undefined {
        return this.byUrn.get(urn);
    }

    /** The stack's root resource, where stack-wide violations are reported. */
    get root(): PolicyResource | undefined {
        return this.resources.find(r => r.type === T.stack);
    }

    /** The AWS provider this stack's resources use (the first explicit one). */
    get awsProvider(): PolicyResource | undefined {
        return this.resources.find(r => r.type === T.awsProvider);
    }

    /** Region and account the stack's AWS provider is pinned to, for building ARNs. */
    get target(): { partition: string; region: string; account: string } {
        const props = this.awsProvider?.props ?? {};
        const accounts = asArray<string>(jsonValue(props.allowedAccountIds));
        return {
            partition: "aws",
            region: typeof props.region === "string" && props.region ? props.region : "*",
            account: accounts.length === 1 ? String(accounts[0]) : "*",
        };
    }

    /**
     * Resources of `types` that refer to `target` through `property`: the property's value is one of the
     * target's identifying `names`, or the engine recorded a dependency of that property (or, lacking
     * property dependencies, of the resource) on the target.
     */
    referring(types: readonly string[], property: string, target: PolicyResource, names: readonly unknown[]): PolicyResource[] {
        const known = names.filter(n => typeof n === "string" && n.length > 0);
        return this.ofType(...types).filter(r => {
            const value = peek(r.props, property);
            const values = value === UNKNOWN ? [] : asArray(value);
            if (values.length > 0 && values.every(v => typeof v === "string")) {
                // A known reference decides; a dependency alone could be any other use of the target.
                return values.some(v => known.includes(v));
            }
            return dependsOn(r, target, property);
        });
    }
}

/** True if `r` depends on `target`, through `property` where the engine recorded property dependencies. */
export function dependsOn(r: PolicyResource, target: PolicyResource, property?: string): boolean {
    const byProperty = property ? r.propertyDependencies?.[property] : undefined;
    if (byProperty && byProperty.length > 0) {
        return byProperty.some(d => d && d.urn === target.urn);
    }
    return (r.dependencies ?? []).some(d => d && d.urn === target.urn);
}

/** How a violation message names a resource: its logical name. */
export function label(r: { urn: string; name?: string }): string {
    return `'${logicalName(r)}'`;
}
