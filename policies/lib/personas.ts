// Persona roles (the people who use the platform) and everything that grants them permissions: inline
// policies on the role, role policies, and managed policies attached by the role itself or by attachments.

import { PolicyResource } from "@pulumi/policy";

import { parseDocument, Statement } from "./iamDocument";
import { asArray, logicalName, peek, tagsOf, UNKNOWN } from "./policy";
import { dependsOn, StackView, T } from "./stack";

export const PERSONAS = ["data-engineer", "data-scientist", "ml-engineer"] as const;
export type Persona = (typeof PERSONAS)[number];

/**
 * The persona an IAM role is for: its `persona` tag (`data-engineer`, `data-scientist`, `ml-engineer`), or,
 * without that tag, a logical name ending in one of them (optionally followed by `-role`), e.g.
 * `mlops-staging-access-data-scientist`. Service roles have neither.
 */
export function personaOf(role: PolicyResource): Persona | undefined {
    const tag = tagsOf(role.props).persona;
    if (typeof tag === "string") {
        const normalized = tag.trim().toLowerCase().replace(/[\s_]+/g, "-");
        return (PERSONAS as readonly string[]).includes(normalized) ? (normalized as Persona) : undefined;
    }
    const name = logicalName(role).toLowerCase();
    return PERSONAS.find(p => new RegExp(`(^|-)${p}(-role)?$`).test(name));
}

export function personaRoles(view: StackView): Array<{ role: PolicyResource; persona: Persona }> {
    return view.ofType(T.role)
        .map(role => ({ role, persona: personaOf(role) }))
        .filter((r): r is { role: PolicyResource; persona: Persona } => r.persona !== undefined);
}

/** A statement that applies to a role, and where it comes from (for messages). */
export interface GrantedStatement {
    source: string;
    statement: Statement;
}

/** Names by which other resources refer to a role: its name (also its id) and, once created, its ARN. */
function roleNames(role: PolicyResource): unknown[] {
    return [peek(role.props, "name"), peek(role.props, "id"), peek(role.props, "arn")];
}

/** Managed-policy ARNs attached to the role: by the role itself and by attachment resources. */
export function attachedPolicies(view: StackView, role: PolicyResource): Array<{ arn: unknown; via: PolicyResource }> {
    const result: Array<{ arn: unknown; via: PolicyResource }> = [];
    for (const a of view.referring([T.rolePolicyAttachment], "role", role, roleNames(role))) {
        result.push({ arn: peek(a.props, "policyArn"), via: a });
    }
    for (const a of view.referring([T.policyAttachment], "roles", role, roleNames(role))) {
        result.push({ arn: peek(a.props, "policyArn"), via: a });
    }
    // Last: after an update, the role's managedPolicyArns output repeats what the attachments attached.
    const own = peek(role.props, "managedPolicyArns");
    for (const arn of own === UNKNOWN ? [UNKNOWN] : asArray(own)) {
        result.push({ arn, via: role });
    }
    return result;
}

/** True for a policy ARN owned by AWS (`arn:aws:iam::aws:policy/...`). */
export function isAwsManagedPolicyArn(arn: unknown): boolean {
    return typeof arn === "string" && /^arn:[a-z-]+:iam::aws:policy\//.test(arn);
}

/** The customer-managed policy resource in this stack that an attached ARN refers to, if any. */
export function policyResourceFor(view: StackView, arn: unknown, via: PolicyResource): PolicyResource | undefined {
    const policies = view.ofType(T.policy);
    if (typeof arn === "string") {
        const byArn = policies.find(p => {
            const own = peek(p.props, "arn");
            if (typeof own === "string") {
                return own === arn;
            }
            const name = peek(p.props, "name");
            const path = peek(p.props, "path");
            const prefix = typeof path === "string" && path ? path : "/";
            return typeof name === "string" && arn.endsWith(`:policy${prefix}${name}`);
        });
        if (byArn) {
            return byArn;
        }
    }
    // The ARN is an output of a policy created in this stack: follow the dependency.
    const deps = policies.filter(p => dependsOn(via, p, via.type === T.role ? "managedPolicyArns" : "policyArn"));
    return deps.length === 1 ? deps[0] : undefined;
}

/**
 * Every statement that applies to the role. A document that cannot be read (a secret, or a value not known
 * during preview) is reported in `opaque`, so a policy can refuse to vouch for what it cannot see.
 */
export function statementsOf(view: StackView, role: PolicyResource): { statements: GrantedStatement[]; opaque: string[] } {
    const statements: GrantedStatement[] = [];
    const opaque: string[] = [];
    const add = (source: string, value: unknown) => {
        const parsed = parseDocument(value === UNKNOWN ? undefined : value);
        if (parsed.kind === "document") {
            parsed.statements.forEach(statement => statements.push({ source, statement }));
        } else if (value === UNKNOWN || parsed.kind === "opaque" && value !== undefined) {
            opaque.push(source);
        }
    };
    const inline = peek(role.props, "inlinePolicies");
    for (const p of inline === UNKNOWN ? [] : asArray<Record<string, unknown>>(inline)) {
        add(`inline policy '${String(peek(p, "name") ?? "")}'`, peek(p, "policy"));
    }
    for (const rp of view.referring([T.rolePolicy], "role", role, roleNames(role))) {
        add(`role policy '${logicalName(rp)}'`, peek(rp.props, "policy"));
    }
    const seen = new Set<string>();
    for (const { arn, via } of attachedPolicies(view, role)) {
        const policy = policyResourceFor(view, arn, via);
        if (policy) {
            if (!seen.has(policy.urn)) {
                seen.add(policy.urn);
                add(`policy '${logicalName(policy)}'`, peek(policy.props, "policy"));
            }
        } else if (!isAwsManagedPolicyArn(arn) && arn !== undefined) {
            opaque.push(`attached policy ${typeof arn === "string" ? arn : "(not known during preview)"}`);
        }
    }
    return { statements, opaque };
}
