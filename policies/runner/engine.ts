// Applies a list of policies to a preview the way the Pulumi engine and @pulumi/policy's analyzer server do:
// policy config reconciled with each policy's configSchema defaults, enforcement levels resolved
// (config, then policy, then pack), every analyzed resource through every resource policy, then the whole
// stack through every stack policy. notApplicable() skips; a value unknown during preview turns the
// policy's result into an advisory "can't run" line, as the server does.

import {
    EnforcementLevel,
    Policies,
    Policy,
    ReportViolation,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";

import { parseUrn } from "../lib/policy";
import { UnknownValueError } from "../lib/sdk";
import { NotApplicableError, PolicyConfig, resourceValidationArgs, stackValidationArgs } from "./args";
import { Preview } from "./digest";

export type Level = "mandatory" | "advisory";

export interface Violation {
    level: Level;
    policy: string;
    message: string;
    urn: string;
}

export interface NotApplicable {
    policy: string;
    urn?: string;
    reason?: string;
}

export interface PackResult {
    violations: Violation[];
    notApplicable: NotApplicable[];
}

/** A policy pack config as `pulumi preview --policy-pack-config` takes it. */
export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export class BadPackConfig extends Error {}

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The config one policy sees: its schema's defaults, overridden by the pack config's entry for it. */
export function reconcile(policy: Policy, packConfig: PackConfig): { level?: EnforcementLevel; properties: PolicyConfig } {
    const properties: PolicyConfig = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        if (schema && typeof schema === "object" && "default" in schema) {
            properties[key] = structuredClone((schema as { default: unknown }).default);
        }
    }
    let level: EnforcementLevel | undefined;
    const all = packConfig.all;
    if (typeof all === "string") {
        level = all;
    } else if (all && typeof all === "object" && all.enforcementLevel) {
        level = all.enforcementLevel;
    }
    const own = packConfig[policy.name];
    if (typeof own === "string") {
        level = own;
    } else if (own && typeof own === "object") {
        const { enforcementLevel, ...rest } = own;
        if (enforcementLevel) {
            level = enforcementLevel;
        }
        Object.assign(properties, rest);
    }
    if (level !== undefined && !LEVELS.includes(level)) {
        throw new BadPackConfig(`policy ${policy.name}: enforcement level '${level}' is not one of ${LEVELS.join(", ")}`);
    }
    for (const required of policy.configSchema?.required ?? []) {
        if (!(required in properties)) {
            throw new BadPackConfig(`policy ${policy.name}: config property '${required}' is required`);
        }
    }
    return { level, properties };
}

function isResourcePolicy(p: Policy): p is ResourceValidationPolicy {
    return typeof (p as ResourceValidationPolicy).validateResource === "function" || Array.isArray((p as ResourceValidationPolicy).validateResource);
}

function isStackPolicy(p: Policy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

function oneLine(text: string): string {
    return text.replace(/\s*\n\s*/g, " ").trim();
}

/** The root stack's URN, where the engine files a stack violation that names no resource. */
function rootUrnOf(preview: Preview): string {
    const root = preview.resources.find(r => r.type === "pulumi:pulumi:Stack");
    if (root) {
        return root.urn;
    }
    const urn = parseUrn(preview.resources[0]?.urn ?? "");
    return urn ? `urn:pulumi:${urn.stack}::${urn.project}::pulumi:pulumi:Stack::${urn.project}-${urn.stack}` : "";
}

/**
 * Runs the pack over one preview. `extraConfig(policy)` lets the caller add config the preview implies
 * (the models of the stack) where the pack config does not set it.
 */
export async function runPolicies(
    policies: Policies,
    packLevel: EnforcementLevel,
    preview: Preview,
    packConfig: PackConfig,
    extraConfig: (policy: Policy, properties: PolicyConfig) => void = () => undefined,
): Promise<PackResult> {
    const violations: Violation[] = [];
    const notApplicable: NotApplicable[] = [];
    const root = rootUrnOf(preview);

    const plan = policies.map(policy => {
        const { level, properties } = reconcile(policy, packConfig);
        extraConfig(policy, properties);
        let effective: EnforcementLevel = level ?? policy.enforcementLevel ?? packLevel;
        if (effective === "remediate") {
            effective = "mandatory"; // a violation left after remediation is reported as mandatory
        }
        return { policy, level: effective, properties };
    }).filter(p => p.level !== "disabled");

    const run = async (policy: Policy, level: Level, urn: string | undefined, body: (report: ReportViolation) => Promise<void> | void) => {
        const report: ReportViolation = (message, reportedUrn) => {
            const text = typeof message === "string" ? message : (message as { message?: string }).message ?? policy.description;
            violations.push({ level, policy: policy.name, message: oneLine(text || policy.description), urn: urn ?? reportedUrn ?? root });
        };
        try {
            await body(report);
        } catch (e) {
            if (e instanceof NotApplicableError) {
                notApplicable.push({ policy: policy.name, urn, reason: e.reason });
            } else if (e instanceof UnknownValueError) {
                violations.push({ level: "advisory", policy: policy.name, message: oneLine(`can't run policy during preview: ${e.message}`), urn: urn ?? root });
            } else {
                const reason = e instanceof Error ? e.message : String(e);
                violations.push({ level: "mandatory", policy: policy.name, message: oneLine(`policy failed to run: ${reason}`), urn: urn ?? root });
            }
        }
    };

    for (const r of preview.resources) {
        if (!preview.analyzed.has(r.urn)) {
            continue;
        }
        for (const { policy, level, properties } of plan) {
            if (!isResourcePolicy(policy) || !policy.validateResource) {
                continue;
            }
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            for (const validate of validations) {
                const pulumiType = (validate as { __pulumiType?: string }).__pulumiType;
                if (pulumiType && pulumiType !== r.type && validations.length === 1) {
                    notApplicable.push({ policy: policy.name, urn: r.urn, reason: `Policy only applies to resources of type '${pulumiType}'` });
                    continue;
                }
                await run(policy, level as Level, r.urn, report =>
                    validate(resourceValidationArgs(r, preview.providerOf(r), properties), report));
            }
        }
    }

    for (const { policy, level, properties } of plan) {
        if (!isStackPolicy(policy)) {
            continue;
        }
        await run(policy, level as Level, undefined, report =>
            policy.validateStack(stackValidationArgs(preview.resources, r => preview.providerOf(r), properties), report));
    }
    return { violations, notApplicable };
}

export function formatViolation(v: Violation): string {
    return `[${v.level}] ${v.policy}: ${v.message}${v.urn ? ` (${v.urn})` : ""}`;
}
