import * as assert from "assert";
import { describe, it } from "node:test";

import { T } from "../lib/stack";
import {
    personaCannotDriveDeliveryPipeline,
    personaCannotStopPipelines,
    personaNoAwsManagedPolicies,
    personaNoPassRoleOnAnyRole,
    personaNoWildcardActions,
    personaRolesPresent,
    scientistDeniedRawData,
} from "../personas";
import { assertNotApplicable, assertPasses, assertViolates, doc, runStack, Spec, stackArgs } from "./helpers";
import { bucketOf, keyArn, personaRoles, pipelineDenies, scientistRawDenies, secureBucket } from "./platform";

const ACCOUNT = "111111111111";

function good(): Spec[] {
    return [
        { type: T.kmsKey, name: "raw-key", props: { enableKeyRotation: true } },
        { type: T.kmsKey, name: "platform-key", props: { enableKeyRotation: true } },
        ...secureBucket("staging", "raw", "raw-key"),
        ...secureBucket("staging", "curated", "platform-key"),
        ...personaRoles("staging"),
    ];
}

/** The good stack with one persona's inline statements replaced. */
function withStatements(persona: string, statements: Array<Record<string, unknown>>): Spec[] {
    return good().map(s => (s.type === T.role && s.props?.tags?.persona === persona
        ? { ...s, props: { ...s.props, inlinePolicies: [{ name: "permissions", policy: doc(...statements) }] } }
        : s));
}

const roleName = (persona: string) => `mlops-staging-access-${persona}-abcdef1`;

describe('"persona-roles-present"', () => {
    it("passes one role per persona", async () => {
        assertPasses(await runStack(personaRolesPresent, stackArgs(good())));
    });
    it("recognises a persona by a name ending in it, without the tag", async () => {
        const specs = good().map(s => (s.type === T.role ? { ...s, props: { ...s.props, tags: {} } } : s));
        assertPasses(await runStack(personaRolesPresent, stackArgs(specs)));
    });
    it("reports a missing persona", async () => {
        const specs = good().filter(s => s.props?.tags?.persona !== "data-scientist");
        assertViolates(await runStack(personaRolesPresent, stackArgs(specs)), "No IAM role for the data-scientist persona");
    });
    it("reports two roles for one persona", async () => {
        const extra: Spec = { type: T.role, name: "second", props: { name: "second", tags: { persona: "ml-engineer" } } };
        assertViolates(await runStack(personaRolesPresent, stackArgs([...good(), extra])), "2 IAM roles claim the ml-engineer persona");
    });
});

describe('"persona-no-aws-managed-policies"', () => {
    it("passes personas with inline and customer-managed policies only", async () => {
        const specs: Spec[] = [...good(),
            { type: T.policy, name: "approvals", props: { name: "approvals-1", policy: doc({ Effect: "Allow", Action: "sagemaker:UpdateModelPackage", Resource: "*" }) } },
            { type: T.rolePolicyAttachment, name: "approvals-attachment", props: { role: roleName("ml-engineer"), policyArn: `arn:aws:iam::${ACCOUNT}:policy/approvals-1` } },
        ];
        assertPasses(await runStack(personaNoAwsManagedPolicies, stackArgs(specs)));
    });
    it("reports an AWS-managed policy attached by an attachment", async () => {
        const specs: Spec[] = [...good(),
            { type: T.rolePolicyAttachment, name: "full-access", props: { role: roleName("data-scientist"), policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess" } }];
        assertViolates(await runStack(personaNoAwsManagedPolicies, stackArgs(specs)), "AmazonSageMakerFullAccess attached through 'full-access'");
    });
    it("reports an AWS-managed policy once when the role's outputs repeat the attachment", async () => {
        const arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";
        const specs: Spec[] = [
            ...good().map(s => (s.props?.tags?.persona === "data-scientist" ? { ...s, outputs: { managedPolicyArns: [arn] } } : s)),
            { type: T.rolePolicyAttachment, name: "full-access", props: { role: roleName("data-scientist"), policyArn: arn } },
        ];
        const result = await runStack(personaNoAwsManagedPolicies, stackArgs(specs));
        assert.strictEqual(result.messages.length, 1, result.messages.join("\n"));
        assertViolates(result, "attached through 'full-access'");
    });
    it("reports an AWS-managed policy in the role's managedPolicyArns", async () => {
        const specs = good().map(s => (s.props?.tags?.persona === "data-engineer" ? { ...s, props: { ...s.props, managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] } } : s));
        assertViolates(await runStack(personaNoAwsManagedPolicies, stackArgs(specs)), "AmazonS3FullAccess attached in managedPolicyArns");
    });
    it("does not apply to a stack without persona roles", async () => {
        assertNotApplicable(await runStack(personaNoAwsManagedPolicies, stackArgs(good().filter(s => s.type !== T.role))));
    });
});

describe('"persona-no-wildcard-actions"', () => {
    it("passes listed actions (and denies of a whole service)", async () => {
        assertPasses(await runStack(personaNoWildcardActions, stackArgs(good())));
    });
    it("reports a whole service allowed through an attached customer-managed policy", async () => {
        const specs: Spec[] = [...good(),
            { type: T.policy, name: "broad", props: { name: "broad-1", policy: doc({ Effect: "Allow", Action: "sagemaker:*", Resource: "*" }) } },
            { type: T.rolePolicyAttachment, name: "broad-attachment", props: { role: roleName("ml-engineer"), policyArn: `arn:aws:iam::${ACCOUNT}:policy/broad-1` } },
        ];
        assertViolates(await runStack(personaNoWildcardActions, stackArgs(specs)), "is allowed sagemaker:* by policy 'broad'");
    });
    it("follows the dependency when the attached ARN is not known yet", async () => {
        const specs: Spec[] = [...good(),
            { type: T.policy, name: "star", props: { name: "star-1", policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) } },
            { type: T.rolePolicyAttachment, name: "star-attachment", props: { role: roleName("data-engineer") }, deps: ["star"] },
        ];
        assertViolates(await runStack(personaNoWildcardActions, stackArgs(specs)), "is allowed * by policy 'star'");
    });
    it("reports Allow with NotAction", async () => {
        const specs = withStatements("data-engineer", [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }]);
        assertViolates(await runStack(personaNoWildcardActions, stackArgs(specs)), "everything except iam:*");
    });
});

describe('"persona-no-passrole-on-any-role"', () => {
    it("passes iam:PassRole on a named execution role", async () => {
        assertPasses(await runStack(personaNoPassRoleOnAnyRole, stackArgs(good())));
    });
    it("reports iam:PassRole on *", async () => {
        const specs = withStatements("ml-engineer", [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }]);
        assertViolates(await runStack(personaNoPassRoleOnAnyRole, stackArgs(specs)), "may pass any role (iam:PassRole on *)");
    });
    it("reports a wildcard action covering PassRole on every role of the account (in a role policy)", async () => {
        const specs: Spec[] = [...good(), {
            type: T.rolePolicy, name: "pass", props: { role: roleName("data-engineer"), policy: doc({ Effect: "Allow", Action: "iam:Pass*", Resource: `arn:aws:iam::${ACCOUNT}:role/*` }) },
        }];
        assertViolates(await runStack(personaNoPassRoleOnAnyRole, stackArgs(specs)), `role policy 'pass'`);
    });
});

describe('"scientist-denied-raw-data"', () => {
    const otherStatements = () => pipelineDenies("staging");
    const raw = `arn:aws:s3:::${bucketOf("staging", "raw")}`;

    it("passes explicit denies on the raw bucket, its objects and its key", async () => {
        assertPasses(await runStack(scientistDeniedRawData, stackArgs(good())));
    });
    it("passes the denies in a separate role policy", async () => {
        const specs: Spec[] = [...withStatements("data-scientist", otherStatements()),
            { type: T.rolePolicy, name: "raw-deny", props: { role: roleName("data-scientist"), policy: doc(...scientistRawDenies("staging")) } }];
        assertPasses(await runStack(scientistDeniedRawData, stackArgs(specs)));
    });
    it("reports a scientist allowed on raw data (no deny)", async () => {
        const specs = withStatements("data-scientist", [{ Effect: "Allow", Action: "s3:GetObject", Resource: `${raw}/*` }, ...otherStatements()]);
        const result = await runStack(scientistDeniedRawData, stackArgs(specs));
        assertViolates(result, `no unconditional Deny of s3:GetObject`, `raw data key ${keyArn("staging", "raw-key")}`);
    });
    it("reports a deny that leaves the bucket itself (listing) out", async () => {
        const specs = withStatements("data-scientist", [
            { Effect: "Deny", Action: "s3:*", Resource: `${raw}/*` }, scientistRawDenies("staging")[1], ...otherStatements()]);
        assertViolates(await runStack(scientistDeniedRawData, stackArgs(specs)), `on ${raw} and ${raw}/*`);
    });
    it("reports a conditional deny", async () => {
        const specs = withStatements("data-scientist", [
            { ...scientistRawDenies("staging")[0], Condition: { Bool: { "aws:ViaAWSService": "false" } } }, scientistRawDenies("staging")[1], ...otherStatements()]);
        assertViolates(await runStack(scientistDeniedRawData, stackArgs(specs)), "no unconditional Deny");
    });
    it("passes a Studio execution role that denies raw data too", async () => {
        const execution: Spec = { type: T.role, name: "mlops-staging-workbench-execution", props: { name: "mlops-staging-workbench-execution-9f8e7d6", inlinePolicies: [{ name: "p", policy: doc(...scientistRawDenies("staging")) }] } };
        const profile: Spec = { type: T.userProfile, name: "alice", props: { userProfileName: "alice", userSettings: { executionRole: `arn:aws:iam::${ACCOUNT}:role/mlops-staging-workbench-execution-9f8e7d6` } } };
        assertPasses(await runStack(scientistDeniedRawData, stackArgs([...good(), execution, profile])));
    });
    it("reports the Studio execution role of a scientist's user profile that can read raw data", async () => {
        const execution: Spec = {
            type: T.role, name: "mlops-staging-workbench-execution",
            props: { name: "mlops-staging-workbench-execution-9f8e7d6", inlinePolicies: [{ name: "p", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: `${raw}/*` }) }] },
        };
        const domain: Spec = { type: T.domain, name: "studio", props: { defaultUserSettings: {} } };
        // The role's ARN is not known during preview: the profile's dependency on the role identifies it.
        const profile: Spec = { type: T.userProfile, name: "alice", props: { userProfileName: "alice", userSettings: { executionRole: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } }, deps: ["mlops-staging-workbench-execution", "studio"] };
        const result = await runStack(scientistDeniedRawData, stackArgs([...good(), execution, domain, profile]));
        assertViolates(result, "The Studio execution role (of user profile 'alice') 'mlops-staging-workbench-execution' has no unconditional Deny of s3:GetObject");
    });
    it("reports the domain's default execution role, found by its ARN", async () => {
        const execution: Spec = { type: T.role, name: "studio-default", props: { name: "studio-default-1a2b3c4", path: "/mlops/" } };
        const domain: Spec = { type: T.domain, name: "studio", props: { defaultUserSettings: { executionRole: `arn:aws:iam::${ACCOUNT}:role/mlops/studio-default-1a2b3c4` } } };
        assertViolates(await runStack(scientistDeniedRawData, stackArgs([...good(), execution, domain])), "Studio execution role (default of domain 'studio') 'studio-default'");
    });
    it("does not apply without a data-scientist role", async () => {
        const specs = good().filter(s => s.props?.tags?.persona !== "data-scientist");
        assertNotApplicable(await runStack(scientistDeniedRawData, stackArgs(specs)));
    });
});

describe('"persona-cannot-stop-pipelines"', () => {
    it("passes denies on every pipeline execution and every CodePipeline", async () => {
        assertPasses(await runStack(personaCannotStopPipelines, stackArgs(good())));
    });
    it("reports a persona without the denies", async () => {
        const specs = withStatements("ml-engineer", [{ Effect: "Allow", Action: "sagemaker:UpdateModelPackage", Resource: "*" }]);
        assertViolates(await runStack(personaCannotStopPipelines, stackArgs(specs)),
            "ml-engineer role 'mlops-staging-access-ml-engineer' has no unconditional Deny of sagemaker:StopPipelineExecution",
            "codepipeline:StopPipelineExecution");
    });
    it("reports a deny on another pipeline than the stack's", async () => {
        const pipeline: Spec = { type: T.sagemakerPipeline, name: "training", props: { pipelineName: "mlops-staging-house-prices" } };
        const specs = [...withStatements("data-engineer", [
            { Effect: "Deny", Action: "sagemaker:StopPipelineExecution", Resource: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:pipeline/other/execution/*` },
            pipelineDenies("staging")[1]]), pipeline];
        assertViolates(await runStack(personaCannotStopPipelines, stackArgs(specs)), "pipeline/mlops-staging-house-prices/execution/*");
    });
});

describe('"persona-cannot-drive-delivery-pipeline"', () => {
    it("passes denies on starting and holding back the delivery pipeline", async () => {
        const delivery: Spec = { type: T.codePipeline, name: "delivery", props: { name: "mlops-staging-delivery" } };
        assertPasses(await runStack(personaCannotDriveDeliveryPipeline, stackArgs([...good(), delivery])));
    });
    it("reports a deny on the pipeline ARN that does not reach its stages", async () => {
        const delivery: Spec = { type: T.codePipeline, name: "delivery", props: { name: "mlops-staging-delivery" } };
        const specs = [...withStatements("data-scientist", [pipelineDenies("staging")[0], ...scientistRawDenies("staging"), {
            Effect: "Deny", Action: ["codepipeline:StartPipelineExecution", "codepipeline:DisableStageTransition"],
            Resource: `arn:aws:codepipeline:eu-west-1:${ACCOUNT}:mlops-staging-delivery`,
        }]), delivery];
        assertViolates(await runStack(personaCannotDriveDeliveryPipeline, stackArgs(specs)), "codepipeline:DisableStageTransition on arn:aws:codepipeline:eu-west-1:111111111111:mlops-staging-delivery/*");
    });
    it("reports a persona allowed to start delivery by hand", async () => {
        const specs = withStatements("data-engineer", [{ Effect: "Allow", Action: "codepipeline:StartPipelineExecution", Resource: "*" }]);
        assertViolates(await runStack(personaCannotDriveDeliveryPipeline, stackArgs(specs)), "Deny of codepipeline:StartPipelineExecution");
    });
});
