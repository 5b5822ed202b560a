// IAM policy documents as the preview holds them (JSON text, or an object), reduced to statements that a
// policy can ask questions of: which actions and resources a statement covers, under which conditions.

export type Effect = "Allow" | "Deny";

export interface Statement {
    sid?: string;
    effect: Effect;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principal?: unknown;
    notPrincipal?: unknown;
    condition?: Record<string, unknown>;
}

export type ParsedDocument =
    | { kind: "document"; statements: Statement[] }
    /** A secret ("[secret]"), absent, or an unknown value: nothing to check. */
    | { kind: "opaque" }
    | { kind: "invalid"; reason: string };

const SECRET = "[secret]";

/** Parses a policy document from a resource property. */
export function parseDocument(value: unknown): ParsedDocument {
    if (value === undefined || value === null || value === "" || value === SECRET) {
        return { kind: "opaque" };
    }
    let doc: unknown = value;
    if (typeof value === "string") {
        try {
            doc = JSON.parse(value);
        } catch (e) {
            return { kind: "invalid", reason: `is not valid JSON (${(e as Error).message})` };
        }
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
        return { kind: "invalid", reason: "is not a JSON object" };
    }
    const raw = (doc as Record<string, unknown>).Statement;
    if (raw === undefined) {
        return { kind: "invalid", reason: "has no Statement" };
    }
    const statements: Statement[] = [];
    for (const s of Array.isArray(raw) ? raw : [raw]) {
        if (!s || typeof s !== "object") {
            return { kind: "invalid", reason: "has a Statement that is not an object" };
        }
        const st = s as Record<string, unknown>;
        if (st.Effect !== "Allow" && st.Effect !== "Deny") {
            return { kind: "invalid", reason: `has a Statement with Effect ${JSON.stringify(st.Effect)} (Allow or Deny)` };
        }
        statements.push({
            sid: typeof st.Sid === "string" ? st.Sid : undefined,
            effect: st.Effect,
            actions: strings(st.Action),
            notActions: strings(st.NotAction),
            resources: strings(st.Resource),
            notResources: strings(st.NotResource),
            principal: st.Principal,
            notPrincipal: st.NotPrincipal,
            condition: st.Condition && typeof st.Condition === "object" ? (st.Condition as Record<string, unknown>) : undefined,
        });
    }
    return { kind: "document", statements };
}

function strings(value: unknown): string[] | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    return (Array.isArray(value) ? value : [value]).map(v => String(v));
}

/** How a statement names itself in messages. */
export function describeStatement(st: Statement, index: number): string {
    return st.sid ? `statement '${st.sid}'` : `statement ${index + 1}`;
}

/**
 * IAM's wildcard match: `*` is any run of characters (also `/` and `:`), `?` one character. Action names
 * are case-insensitive; ARNs are compared case-insensitively too, which can only make a match more likely.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
    const regex = "^" + pattern.split("").map(c => (c === "*" ? ".*" : c === "?" ? "." : escapeRegex(c))).join("") + "$";
    return new RegExp(regex, "is").test(value);
}

function escapeRegex(c: string): string {
    return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True if the statement applies to `action` (through Action, or by not excluding it in NotAction). */
export function coversAction(st: Statement, action: string): boolean {
    if (st.actions) {
        return st.actions.some(a => wildcardMatch(a, action));
    }
    if (st.notActions) {
        return !st.notActions.some(a => wildcardMatch(a, action));
    }
    return false;
}

/** True if the statement applies to the resource `arn` (through Resource, or by not excluding it in NotResource). */
export function coversResource(st: Statement, arn: string): boolean {
    if (st.resources) {
        return st.resources.some(r => wildcardMatch(r, arn));
    }
    if (st.notResources) {
        return !st.notResources.some(r => wildcardMatch(r, arn));
    }
    return false;
}

export function isUnconditional(st: Statement): boolean {
    return !st.condition || Object.keys(st.condition).length === 0;
}

/** True if the statement names every principal: `"*"` or `{"AWS": "*"}`. */
export function isPublicPrincipal(st: Statement): boolean {
    const p = st.principal;
    if (p === "*") {
        return true;
    }
    if (p && typeof p === "object") {
        const aws = (p as Record<string, unknown>).AWS;
        return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
    }
    return false;
}

/** True if an action pattern grants a whole service (`s3:*`) or everything (`*`). */
export function isServiceWildcard(action: string): boolean {
    return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}
