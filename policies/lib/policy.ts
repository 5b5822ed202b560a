// Helpers shared by every policy module: type filtering by token, URNs, configuration, environments.
// Nothing here registers or runs a policy.

import {
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";

import { UnknownValueError } from "./sdk";

/** Any JSON-schema property of a policy's configSchema. */
export type ConfigProperties = PolicyConfigSchema["properties"];

/**
 * Like `validateResourceOfType` from @pulumi/policy, but for type tokens given as strings, so the pack does
 * not depend on @pulumi/aws. Other types are reported as not applicable, and a single token is attached to
 * the function (`__pulumiType`) so the engine can skip other types without calling it, as it does for
 * `validateResourceOfType`.
 */
export function resourceOfType(
    types: string | readonly string[],
    validate: (props: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation) => void | Promise<void>,
): ResourceValidation {
    const tokens: readonly string[] = typeof types === "string" ? [types] : types;
    const fn = (args: ResourceValidationArgs, report: ReportViolation) => {
        if (!tokens.includes(args.type)) {
            return args.notApplicable(`Policy only applies to resources of type ${tokens.map(t => `'${t}'`).join(", ")}`);
        }
        return validate(args.props, args, report);
    };
    if (tokens.length === 1) {
        (fn as unknown as { __pulumiType: string }).__pulumiType = tokens[0];
    }
    return fn;
}

/** The parts of a URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
export interface Urn {
    stack: string;
    project: string;
    /** The parent types and the resource's type, joined by `$`. */
    qualifiedType: string;
    type: string;
    name: string;
}

export function parseUrn(urn: string): Urn | undefined {
    const parts = urn.split("::");
    const head = parts[0] ?? "";
    if (parts.length < 4 || !head.startsWith("urn:pulumi:")) {
        return undefined;
    }
    const qualifiedType = parts[2];
    const types = qualifiedType.split("$");
    return {
        stack: head.substring("urn:pulumi:".length),
        project: parts[1],
        qualifiedType,
        type: types[types.length - 1],
        // A name may itself contain "::".
        name: parts.slice(3).join("::"),
    };
}

/** The stack a URN belongs to; "" when the URN is not one. */
export function stackOf(urn: string): string {
    return parseUrn(urn)?.stack ?? "";
}

/**
 * The policy's configuration over its defaults. The Pulumi CLI fills in configSchema defaults before it
 * configures the pack; tests and other callers may pass nothing, so the defaults are applied here as well.
 */
export function configOf<T extends object>(args: { getConfig<C extends object>(): C }, defaults: T): T {
    const given = args.getConfig<Partial<T>>() ?? {};
    const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [key, value] of Object.entries(given)) {
        if (value !== undefined && value !== null) {
            merged[key] = value;
        }
    }
    return merged as T;
}

// ---- environments ---------------------------------------------------------------------------------------

/**
 * Which stacks are staging and which are prod. A policy learns its stack from the URN
 * (`urn:pulumi:<stack>::...`); these lists say what that stack is. Stacks in neither list get only the
 * policies that hold everywhere.
 */
export interface EnvironmentConfig {
    stagingStacks: string[];
    prodStacks: string[];
}

export const environmentDefaults: EnvironmentConfig = { stagingStacks: ["staging"], prodStacks: ["prod"] };

export const environmentSchema: ConfigProperties = {
    stagingStacks: {
        type: "array",
        items: { type: "string" },
        default: environmentDefaults.stagingStacks,
        description: "Stack names (as in the URN, without organization) that are staging environments.",
    },
    prodStacks: {
        type: "array",
        items: { type: "string" },
        default: environmentDefaults.prodStacks,
        description: "Stack names (as in the URN, without organization) that are production environments.",
    },
};

export type Environment = "staging" | "prod" | "other";

export function environmentOf(stack: string, config: EnvironmentConfig): Environment {
    if (config.prodStacks.includes(stack)) {
        return "prod";
    }
    if (config.stagingStacks.includes(stack)) {
        return "staging";
    }
    return "other";
}

/** The environment of the resource under validation, or not applicable unless it is `wanted`. */
export function requireEnvironment(
    args: ResourceValidationArgs | StackValidationArgs,
    urn: string,
    wanted: Environment,
): EnvironmentConfig {
    const config = configOf(args, environmentDefaults);
    const stack = stackOf(urn);
    if (environmentOf(stack, config) !== wanted) {
        const list = wanted === "prod" ? config.prodStacks : config.stagingStacks;
        args.notApplicable(`Policy applies only to ${wanted} stacks (${list.join(", ")}); this stack is '${stack}'`);
    }
    return config;
}

/** The stack name of a stack validation: every resource's URN names it. */
export function stackName(args: StackValidationArgs): string {
    for (const r of args.resources) {
        const stack = stackOf(r.urn);
        if (stack) {
            return stack;
        }
    }
    return "";
}

/** The URN of the stack's root resource (where a stack-wide violation belongs). */
export function rootUrn(args: StackValidationArgs): string | undefined {
    return args.resources.find(r => r.type === "pulumi:pulumi:Stack")?.urn;
}

// ---- values -----------------------------------------------------------------------------------------------

/**
 * Provider configuration arrives as the engine passes it: every value is text, and structured values are
 * JSON text (`allowedAccountIds: "[\"111111111111\"]"`). Resource inputs are structured. Accept both.
 */
export function jsonValue(value: unknown): unknown {
    if (typeof value === "string") {
        const trimmed = value.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.parse(trimmed);
            } catch {
                return value;
            }
        }
    }
    return value;
}

export function asArray<T = any>(value: unknown): T[] {
    if (value === undefined || value === null) {
        return [];
    }
    return Array.isArray(value) ? (value as T[]) : [value as T];
}

export function isNonEmptyString(value: unknown): value is string {
    return typeof value === "string" && value.trim().length > 0;
}

/** The resource's own tags (`tags` input), as a plain map. */
export function tagsOf(props: Record<string, any>): Record<string, string> {
    const tags = jsonValue(props.tags);
    return tags && typeof tags === "object" && !Array.isArray(tags) ? (tags as Record<string, string>) : {};
}

/** True when the property was filled in by Pulumi's auto-naming rather than set by the program. */
export function isAutoNamed(props: Record<string, any>, property: string): boolean {
    return asArray<string>(props.__defaults).includes(property);
}

/** The last segment of a URN: the logical name the program gave the resource. */
export function logicalName(resource: { urn: string; name?: string }): string {
    return resource.name || parseUrn(resource.urn)?.name || resource.urn;
}

/** True if `token` occurs in `text` as a whole hyphen/underscore/slash-delimited word sequence. */
export function containsToken(text: string, token: string): boolean {
    if (!text || !token) {
        return false;
    }
    const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[-_/.:])${escaped}($|[-_/.:])`, "i").test(text);
}

export type Resource = PolicyResource;

/** Marks a value the engine could not know during preview (an output of a resource not created yet). */
export const UNKNOWN: unique symbol = Symbol("unknown");

/**
 * Reads `obj[key]` without failing on a value unknown during preview. Policies normally let such a read
 * fail (the engine then reports "can't run policy during preview", as it does for every pack); use this
 * only where an unknown value still allows a verdict, e.g. a reference to a resource being created.
 */
export function peek(obj: unknown, key: string): unknown {
    if (obj === null || typeof obj !== "object") {
        return undefined;
    }
    try {
        return (obj as Record<string, unknown>)[key];
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw e;
    }
}
