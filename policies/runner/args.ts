// The arguments @pulumi/policy's analyzer server builds for a policy (server.js: makeAnalyzeRpcFun and
// makeAnalyzeStackRpcFun), built here from plain data: the preview runner and the tests both use these
// functions, so a policy sees the same shapes under `pulumi preview --policy-pack`, in CI and in its tests.

import {
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";

import { parseUrn } from "../lib/policy";
import { unknownCheckingProxy } from "../lib/sdk";

/** Thrown by `notApplicable()`, as the analyzer server's own NotApplicableError. */
export class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

/** A read-only empty map, like the server's stack tags before `configureStack` (the runner has none). */
export const NO_STACK_TAGS: ReadonlyMap<string, string> = Object.freeze(new Map<string, string>());

/** A resource as a preview records it, the input to both argument builders. */
export interface ResourceState {
    urn: string;
    type: string;
    /** Resource-level policies get the inputs, as the engine's Analyze call does. */
    inputs: Record<string, any>;
    /** Stack policies get the outputs (AnalyzeStack); where a preview has none, the inputs stand in. */
    outputs?: Record<string, any>;
    custom?: boolean;
    parent?: string;
    protect?: boolean;
    /** Not sent by the engine; recorded in preview files, and passed on in `opts` (see protection.ts). */
    retainOnDelete?: boolean;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[] | null>;
    ignoreChanges?: string[];
    deleteBeforeReplace?: boolean;
    aliases?: string[];
    additionalSecretOutputs?: string[];
    customTimeouts?: { create?: number; update?: number; delete?: number };
}

export interface ProviderState {
    urn: string;
    type: string;
    inputs: Record<string, any>;
}

export type PolicyConfig = Record<string, unknown>;

/** PolicyResourceOptions as getResourceOptions() in server.js, plus `retainOnDelete` when known. */
export function resourceOptions(r: ResourceState): PolicyResourceOptions & { retainOnDelete?: boolean } {
    const opts: PolicyResourceOptions & { retainOnDelete?: boolean } = {
        protect: r.protect === true,
        ignoreChanges: r.ignoreChanges ?? [],
        aliases: r.aliases ?? [],
        customTimeouts: {
            createSeconds: r.customTimeouts?.create ?? 0,
            updateSeconds: r.customTimeouts?.update ?? 0,
            deleteSeconds: r.customTimeouts?.delete ?? 0,
        },
        additionalSecretOutputs: r.additionalSecretOutputs ?? [],
    };
    if (r.deleteBeforeReplace !== undefined) {
        opts.deleteBeforeReplace = r.deleteBeforeReplace;
    }
    if (r.parent) {
        opts.parent = r.parent;
    }
    if (r.retainOnDelete !== undefined) {
        opts.retainOnDelete = r.retainOnDelete;
    }
    return opts;
}

/** The resource's name as the engine passes it: the URN's name part. */
function nameOf(urn: string): string {
    return parseUrn(urn)?.name ?? urn;
}

/** Drops properties whose value is undefined, as deserializeProperties() does. */
function defined(props: Record<string, any>): Record<string, any> {
    const result: Record<string, any> = {};
    for (const [k, v] of Object.entries(props ?? {})) {
        if (v !== undefined) {
            result[k] = v;
        }
    }
    return result;
}

function providerResource(p: ProviderState | undefined): PolicyProviderResource | undefined {
    if (!p) {
        return undefined;
    }
    return { type: p.type, props: unknownCheckingProxy(defined(p.inputs)), urn: p.urn, name: nameOf(p.urn) };
}

/** isTypeOf() in server.js: by the class's Pulumi type token, else its isInstance(). */
function isTypeOf(type: string, resourceClass: unknown): boolean {
    const cls = resourceClass as { __pulumiType?: unknown; isInstance?: (o: unknown) => boolean };
    if (typeof cls?.__pulumiType === "string" && cls.__pulumiType.length > 0) {
        return type === cls.__pulumiType;
    }
    return typeof cls?.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

/** The arguments of one resource validation (makeAnalyzeRpcFun). */
export function resourceValidationArgs(r: ResourceState, provider: ProviderState | undefined, config: PolicyConfig): ResourceValidationArgs {
    const props = unknownCheckingProxy(defined(r.inputs));
    const args: ResourceValidationArgs = {
        type: r.type,
        props,
        urn: r.urn,
        name: nameOf(r.urn),
        opts: resourceOptions(r),
        stackTags: NO_STACK_TAGS,
        isType: (cls: unknown) => isTypeOf(r.type, cls),
        asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: throwNotApplicable,
    } as ResourceValidationArgs;
    const p = providerResource(provider);
    if (p) {
        args.provider = p;
    }
    return args;
}

/**
 * The arguments of a stack validation (makeAnalyzeStackRpcFun): every resource with its parent,
 * dependencies and property dependencies linked to the resource objects themselves.
 */
export function stackValidationArgs(
    states: readonly ResourceState[],
    providerOf: (r: ResourceState) => ProviderState | undefined,
    config: PolicyConfig,
): StackValidationArgs {
    const byUrn = new Map<string, PolicyResource>();
    const resources = states.map(r => {
        const props = unknownCheckingProxy(defined({ ...(r.inputs ?? {}), ...(r.outputs ?? {}) }));
        const resource: PolicyResource = {
            type: r.type,
            props,
            urn: r.urn,
            name: nameOf(r.urn),
            opts: resourceOptions(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls: unknown) => isTypeOf(r.type, cls),
            asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
        } as PolicyResource;
        const p = providerResource(providerOf(r));
        if (p) {
            resource.provider = p;
        }
        byUrn.set(r.urn, resource);
        return resource;
    });
    const link = (urns: readonly (string | null)[] | null | undefined) =>
        (urns ?? []).map(u => (u ? byUrn.get(u) : undefined)).filter((d): d is PolicyResource => d !== undefined);
    states.forEach((r, i) => {
        const resource = resources[i];
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) {
            resource.parent = parent;
        }
        resource.dependencies = link(r.dependencies);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            resource.propertyDependencies[k] = link(urns);
        }
    });
    return {
        resources,
        getConfig: <T extends object>() => ({ ...config }) as T,
        stackTags: NO_STACK_TAGS,
        notApplicable: throwNotApplicable,
    } as StackValidationArgs;
}
