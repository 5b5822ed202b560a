// What the people on the platform may do. Persona roles (data engineer, data scientist, ML engineer; see
// lib/personas.ts for how a role is recognised) hold only permissions visible in the preview, never the
// whole of a service, and are explicitly denied what would break the platform's promises: scientists never
// touch raw data, and nobody stops or drives the delivery pipelines by hand.

import { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";

import { coversAction, coversResource, isServiceWildcard, isUnconditional, Statement } from "./lib/iamDocument";
import { attachedPolicies, GrantedStatement, isAwsManagedPolicyArn, Persona, PERSONAS, personaRoles, statementsOf } from "./lib/personas";
import { asArray, peek, tagsOf } from "./lib/policy";
import { dependsOn, label, StackView, T } from "./lib/stack";
import { bucketName, configsOf } from "./s3";

type Report = (message: string, urn?: string) => void;

/** The persona roles of the stack, or not applicable when it has none (persona-roles-present reports that). */
function requirePersonas(args: StackValidationArgs, view: StackView) {
    const roles = personaRoles(view);
    if (roles.length === 0) {
        args.notApplicable("The stack has no persona roles yet");
    }
    return roles;
}

export const personaRolesPresent: StackValidationPolicy = {
    name: "persona-roles-present",
    description: "The stack has exactly one IAM role per persona: data-engineer, data-scientist and ml-engineer (tag 'persona' or a name ending in the persona).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const roles = personaRoles(view);
        for (const persona of PERSONAS) {
            const found = roles.filter(r => r.persona === persona);
            if (found.length === 0) {
                reportViolation(`No IAM role for the ${persona} persona; tag its role persona=${persona} (the persona policies check nothing without it).`, view.root?.urn);
            } else if (found.length > 1) {
                reportViolation(`${found.length} IAM roles claim the ${persona} persona (${found.map(f => label(f.role)).join(", ")}); one role per persona keeps every grant in one place.`, view.root?.urn);
            }
        }
    },
};

export const personaNoAwsManagedPolicies: StackValidationPolicy = {
    name: "persona-no-aws-managed-policies",
    description: "No persona role has an AWS-managed policy attached: every permission a person holds is visible in the preview.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        for (const { role, persona } of requirePersonas(args, view)) {
            // After an update the role's own managedPolicyArns also lists what attachments attached: report each once.
            const reported = new Set<unknown>();
            for (const { arn, via } of attachedPolicies(view, role)) {
                if (isAwsManagedPolicyArn(arn) && !reported.has(arn)) {
                    reported.add(arn);
                    const how = via === role ? "in managedPolicyArns" : `through ${label(via)}`;
                    reportViolation(`The ${persona} role ${label(role)} has the AWS-managed policy ${arn} attached ${how}; grant the actions it needs in a customer-managed or inline policy.`, via.urn);
                }
            }
        }
    },
};

export const personaNoWildcardActions: StackValidationPolicy = {
    name: "persona-no-wildcard-actions",
    description: "No persona role is allowed '*' or a whole service ('s3:*'), nor everything but a list (Allow with NotAction).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        for (const { role, persona } of requirePersonas(args, view)) {
            for (const { source, statement } of statementsOf(view, role).statements) {
                if (statement.effect !== "Allow") {
                    continue;
                }
                const wildcards = (statement.actions ?? []).filter(isServiceWildcard);
                if (wildcards.length > 0) {
                    reportViolation(`The ${persona} role ${label(role)} is allowed ${wildcards.join(", ")} by ${source}; list the actions it needs.`, role.urn);
                }
                if (statement.notActions) {
                    reportViolation(`The ${persona} role ${label(role)} is allowed everything except ${statement.notActions.join(", ")} by ${source} (Allow with NotAction); list the actions it needs.`, role.urn);
                }
            }
        }
    },
};

/** True if a resource pattern names every IAM role of an account: `*`, `arn:aws:iam::*:role/*`, `...:role/*`. */
function namesAnyRole(resource: string): boolean {
    return resource === "*" || /^arn:[^:]*:iam::[^:]*:role\/\*$/.test(resource) || /^arn:[^:]*:iam::[^:]*:\*$/.test(resource);
}

export const personaNoPassRoleOnAnyRole: StackValidationPolicy = {
    name: "persona-no-passrole-on-any-role",
    description: "No persona role may pass any role (iam:PassRole on '*' or on every role of an account); it names the roles it may pass.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        for (const { role, persona } of requirePersonas(args, view)) {
            for (const { source, statement } of statementsOf(view, role).statements) {
                if (statement.effect !== "Allow" || !coversAction(statement, "iam:PassRole")) {
                    continue;
                }
                const broad = statement.notResources ? ["NotResource " + statement.notResources.join(", ")] : (statement.resources ?? []).filter(namesAnyRole);
                if (broad.length > 0) {
                    reportViolation(`The ${persona} role ${label(role)} may pass any role (iam:PassRole on ${broad.join(", ")}) by ${source}; name the execution roles it may pass.`, role.urn);
                }
            }
        }
    },
};

/** True if one unconditional Deny among `granted` covers every action on every resource. */
function deniedBy(granted: GrantedStatement[], actions: string[], resources: string[]): boolean {
    return granted.some(({ statement }) => isDenyOf(statement, actions, resources));
}

function isDenyOf(st: Statement, actions: string[], resources: string[]): boolean {
    return st.effect === "Deny"
        && isUnconditional(st)
        && actions.every(a => coversAction(st, a))
        && resources.every(r => coversResource(st, r));
}

/** The raw-data bucket: tagged data-class=raw (the data lake does), or named `...-raw-bucket`. */
export function rawBuckets(view: StackView): PolicyResource[] {
    return view.ofType(T.bucketV2, T.bucket).filter(b => {
        const cls = tagsOf(b.props)["data-class"];
        return cls !== undefined ? cls === "raw" : /(^|-)raw(-bucket)?$/.test(b.name);
    });
}

/** What a scientist must not be able to do to raw data. */
export const RAW_DATA_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:ListBucketVersions"];
export const RAW_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt", "kms:ReEncryptFrom"];

/** The role an execution-role ARN names, by ARN, by name, or through the dependency of `property`. */
function roleByArn(view: StackView, arn: unknown, from: PolicyResource, property: string): PolicyResource | undefined {
    const roles = view.ofType(T.role);
    if (typeof arn === "string") {
        const found = roles.find(r => {
            const own = peek(r.props, "arn");
            if (typeof own === "string") {
                return own === arn;
            }
            const name = peek(r.props, "name");
            const path = peek(r.props, "path");
            return typeof name === "string" && arn.endsWith(`:role${typeof path === "string" && path ? path : "/"}${name}`);
        });
        if (found) {
            return found;
        }
    }
    const deps = roles.filter(r => dependsOn(from, r, property));
    return deps.length === 1 ? deps[0] : undefined;
}

/**
 * Every role a scientist acts as: the data-scientist persona role, and the Studio execution roles their
 * notebooks run with (each user profile's, and the domain's default for profiles that set none).
 */
export function scientistRoles(view: StackView, personas: Array<{ role: PolicyResource; persona: Persona }>): Array<{ role: PolicyResource; as: string }> {
    const result = personas.filter(p => p.persona === "data-scientist").map(p => ({ role: p.role, as: "data-scientist role" }));
    const add = (role: PolicyResource | undefined, as: string) => {
        if (role && !result.some(r => r.role.urn === role.urn)) {
            result.push({ role, as });
        }
    };
    for (const domain of view.ofType(T.domain)) {
        add(roleByArn(view, peek(domain.props.defaultUserSettings ?? {}, "executionRole"), domain, "defaultUserSettings"), `Studio execution role (default of domain ${label(domain)})`);
    }
    for (const profile of view.ofType(T.userProfile)) {
        add(roleByArn(view, peek(profile.props.userSettings ?? {}, "executionRole"), profile, "userSettings"), `Studio execution role (of user profile ${label(profile)})`);
    }
    return result;
}

export const scientistDeniedRawData: StackValidationPolicy = {
    name: "scientist-denied-raw-data",
    description: "The data-scientist role and the Studio execution roles scientists' notebooks run with have an unconditional explicit Deny on the raw bucket, its objects and its KMS key.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const scientists = scientistRoles(view, personaRoles(view));
        const raw = rawBuckets(view);
        if (scientists.length === 0 || raw.length === 0) {
            args.notApplicable("The stack has no data-scientist or Studio execution role, or no raw bucket");
        }
        const { partition, region, account } = view.target;
        for (const { role, as } of scientists) {
            const granted = statementsOf(view, role);
            for (const bucket of raw) {
                const name = bucketName(bucket);
                if (!name) {
                    continue;
                }
                const bucketArn = `arn:${partition}:s3:::${name}`;
                if (!deniedBy(granted.statements, RAW_DATA_ACTIONS, [bucketArn, `${bucketArn}/any-object`, `${bucketArn}/nested/any-object`])) {
                    reportViolation(`The ${as} ${label(role)} has no unconditional Deny of ${RAW_DATA_ACTIONS.join(", ")} on ${bucketArn} and ${bucketArn}/*${opaqueNote(granted.opaque)}.`, role.urn);
                }
                for (const config of configsOf(view, bucket, T.bucketEncryption)) {
                    for (const rule of asArray<Record<string, any>>(config.props.rules)) {
                        const keyId = peek(rule.applyServerSideEncryptionByDefault ?? {}, "kmsMasterKeyId");
                        if (typeof keyId !== "string" || !keyId) {
                            continue;
                        }
                        const keyArn = keyId.startsWith("arn:") ? keyId : `arn:${partition}:kms:${region}:${account}:key/${keyId}`;
                        if (!deniedBy(granted.statements, RAW_KEY_ACTIONS, [keyArn])) {
                            reportViolation(`The ${as} ${label(role)} has no unconditional Deny of ${RAW_KEY_ACTIONS.join(", ")} on the raw data key ${keyArn}${opaqueNote(granted.opaque)}.`, role.urn);
                        }
                    }
                }
            }
        }
    },
};

function opaqueNote(opaque: string[]): string {
    return opaque.length > 0 ? ` (not readable here: ${opaque.join(", ")})` : "";
}

/** Sample ARNs of what a persona must not control: the stack's pipelines, or any pipeline if it has none yet. */
function pipelineTargets(view: StackView): { sagemakerExecutions: string[]; codePipelines: string[]; codePipelineStages: string[] } {
    const { partition, region, account } = view.target;
    const sagemaker = view.ofType(T.sagemakerPipeline).map(p => peek(p.props, "pipelineName")).filter((n): n is string => typeof n === "string");
    const delivery = view.ofType(T.codePipeline).map(p => peek(p.props, "name")).filter((n): n is string => typeof n === "string");
    const smNames = sagemaker.length > 0 ? sagemaker.map(n => n.toLowerCase()) : ["any-pipeline"];
    const cpNames = delivery.length > 0 ? delivery : ["any-pipeline"];
    const cp = cpNames.map(n => `arn:${partition}:codepipeline:${region}:${account}:${n}`);
    return {
        sagemakerExecutions: smNames.map(n => `arn:${partition}:sagemaker:${region}:${account}:pipeline/${n}/execution/any-execution`),
        codePipelines: cp,
        codePipelineStages: cp.map(arn => `${arn}/AnyStage`),
    };
}

/** Reports every persona that lacks a Deny of `action` on each of `resources`. */
function requireDeny(view: StackView, roles: Array<{ role: PolicyResource; persona: Persona }>, rules: Array<[string, string[]]>, why: string, report: Report): void {
    for (const { role, persona } of roles) {
        const granted = statementsOf(view, role);
        for (const [action, resources] of rules) {
            const missing = resources.filter(r => !deniedBy(granted.statements, [action], [r]));
            if (missing.length > 0) {
                report(`The ${persona} role ${label(role)} has no unconditional Deny of ${action} on ${missing.map(m => m.replace(/any-(pipeline|execution)|AnyStage/g, "*")).join(", ")}; ${why}${opaqueNote(granted.opaque)}.`, role.urn);
            }
        }
    }
}

export const personaCannotStopPipelines: StackValidationPolicy = {
    name: "persona-cannot-stop-pipelines",
    description: "Every persona role is explicitly denied stopping SageMaker pipeline executions and CodePipeline executions.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const roles = requirePersonas(args, view);
        const targets = pipelineTargets(view);
        requireDeny(view, roles, [
            ["sagemaker:StopPipelineExecution", targets.sagemakerExecutions],
            ["codepipeline:StopPipelineExecution", targets.codePipelines],
        ], "nobody stops a running pipeline; only a new merge supersedes it", reportViolation);
    },
};

export const personaCannotDriveDeliveryPipeline: StackValidationPolicy = {
    name: "persona-cannot-drive-delivery-pipeline",
    description: "Every persona role is explicitly denied starting the delivery pipeline by hand and disabling its stage transitions.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const roles = requirePersonas(args, view);
        const targets = pipelineTargets(view);
        requireDeny(view, roles, [
            ["codepipeline:StartPipelineExecution", targets.codePipelines],
            ["codepipeline:DisableStageTransition", targets.codePipelineStages],
        ], "only a merge to main starts delivery, and no stage can be held back", reportViolation);
    },
};

export const personaPolicies = [
    personaRolesPresent,
    personaNoAwsManagedPolicies,
    personaNoWildcardActions,
    personaNoPassRoleOnAnyRole,
    scientistDeniedRawData,
    personaCannotStopPipelines,
    personaCannotDriveDeliveryPipeline,
];
