// Builds policy arguments the way @pulumi/policy's analyzer server does (through runner/args.ts, which the
// preview runner uses too) and runs single policies, so each spec reads like the requirement it checks.

import * as assert from "assert";

import { Policy, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";

import { T } from "../lib/stack";
import { NotApplicableError, PolicyConfig, ProviderState, ResourceState, resourceValidationArgs, stackValidationArgs } from "../runner/args";
import { Preview } from "../runner/digest";

export const PROJECT = "mlops";
export const ACCOUNTS: Record<string, string> = { staging: "111111111111", prod: "222222222222" };
export const REGION = "eu-west-1";

export function urnOf(stack: string, type: string, name: string, parentTypes: string[] = []): string {
    const qualified = [...parentTypes, type].join("$");
    return `urn:pulumi:${stack}::${PROJECT}::${qualified}::${name}`;
}

export function rootUrn(stack: string): string {
    return urnOf(stack, T.stack, `${PROJECT}-${stack}`);
}

/** The program's explicit AWS provider of a stack, with its inputs as the engine passes them (JSON text). */
export function providerState(stack: string, overrides: Record<string, any> = {}): ProviderState {
    return {
        urn: urnOf(stack, T.awsProvider, "aws", [T.stack]),
        type: T.awsProvider,
        inputs: {
            region: REGION,
            allowedAccountIds: JSON.stringify([ACCOUNTS[stack] ?? "333333333333"]),
            defaultTags: JSON.stringify({ tags: { project: PROJECT, stack, owner: "ml-platform", "cost-center": "cc-4711" } }),
            skipCredentialsValidation: "false",
            ...overrides,
        },
    };
}

export interface ResourceOptions {
    stack?: string;
    name?: string;
    config?: PolicyConfig;
    /** The provider; defaults to the stack's explicit AWS provider for aws: types. `null` for none. */
    provider?: ProviderState | null;
    protect?: boolean;
    retainOnDelete?: boolean;
    parent?: string;
}

/** ResourceValidationArgs for one resource, as the engine builds them from its inputs. */
export function resourceArgs(type: string, props: Record<string, any>, options: ResourceOptions = {}): ResourceValidationArgs {
    const stack = options.stack ?? "staging";
    const state: ResourceState = {
        urn: urnOf(stack, type, options.name ?? "subject", [T.stack]),
        type,
        inputs: props,
        protect: options.protect ?? false,
        retainOnDelete: options.retainOnDelete,
        parent: options.parent ?? rootUrn(stack),
    };
    const provider = options.provider === null ? undefined : options.provider ?? (type.startsWith("aws:") ? providerState(stack) : undefined);
    return resourceValidationArgs(state, provider, options.config ?? {});
}

export interface Result {
    messages: string[];
    urns: (string | undefined)[];
    notApplicable?: string;
}

async function capture(run: (report: (message: any, urn?: string) => void) => Promise<void> | void): Promise<Result> {
    const result: Result = { messages: [], urns: [] };
    try {
        await run((message, urn) => {
            result.messages.push(typeof message === "string" ? message : message.message);
            result.urns.push(urn);
        });
    } catch (e) {
        if (e instanceof NotApplicableError) {
            result.notApplicable = e.reason ?? "";
        } else {
            throw e;
        }
    }
    return result;
}

/** Runs a resource policy; a type filter attached by resourceOfType counts as not applicable, as in the engine. */
export async function runResource(policy: Policy, args: ResourceValidationArgs): Promise<Result> {
    const p = policy as ResourceValidationPolicy;
    assert.ok(p.validateResource, `${policy.name} is not a resource policy`);
    const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
    return capture(async report => {
        for (const validate of validations) {
            await validate(args, report);
        }
    });
}

/** A resource of a test stack, written compactly. */
export interface Spec {
    type: string;
    name: string;
    props?: Record<string, any>;
    outputs?: Record<string, any>;
    /** Logical names of resources this one depends on. */
    deps?: string[];
    protect?: boolean;
    retainOnDelete?: boolean;
}

export interface StackOptions {
    stack?: string;
    config?: PolicyConfig;
    /** Outputs of the root stack resource (stack exports). */
    exports?: Record<string, any>;
    provider?: Record<string, any>;
}

/** The resource states of a stack of the given resources, with its root resource and AWS provider. */
export function statesOf(specs: Spec[], options: StackOptions = {}): { states: ResourceState[]; provider: ProviderState } {
    const stack = options.stack ?? "staging";
    const provider = providerState(stack, options.provider);
    const root: ResourceState = { urn: rootUrn(stack), type: T.stack, inputs: {}, outputs: options.exports };
    const providerResource: ResourceState = { urn: provider.urn, type: provider.type, inputs: provider.inputs, parent: root.urn };
    const urns = new Map<string, string>();
    for (const s of specs) {
        assert.ok(!urns.has(s.name), `duplicate resource name ${s.name}`);
        urns.set(s.name, urnOf(stack, s.type, s.name, [T.stack]));
    }
    const states: ResourceState[] = [root, providerResource, ...specs.map(s => ({
        urn: urns.get(s.name)!,
        type: s.type,
        inputs: s.props ?? {},
        outputs: s.outputs,
        parent: root.urn,
        protect: s.protect ?? false,
        retainOnDelete: s.retainOnDelete ?? false,
        dependencies: (s.deps ?? []).map(d => {
            const urn = urns.get(d);
            assert.ok(urn, `unknown dependency ${d}`);
            return urn;
        }),
    }))];
    return { states, provider };
}

/** StackValidationArgs for a stack of the given resources, with its root resource and AWS provider. */
export function stackArgs(specs: Spec[], options: StackOptions = {}): StackValidationArgs {
    const { states, provider } = statesOf(specs, options);
    return stackValidationArgs(states, r => (r.type.startsWith("aws:") ? provider : undefined), options.config ?? {});
}

/** The same stack as a preview the runner reads (every resource created). */
export function previewOf(specs: Spec[], options: StackOptions = {}): Preview {
    const { states, provider } = statesOf(specs, options);
    return {
        file: "test",
        config: {},
        resources: states,
        analyzed: new Set(states.map(s => s.urn)),
        providerOf: r => (r.type.startsWith("aws:") ? provider : undefined),
    };
}

export async function runStack(policy: Policy, args: StackValidationArgs): Promise<Result> {
    const p = policy as StackValidationPolicy;
    assert.ok(typeof p.validateStack === "function", `${policy.name} is not a stack policy`);
    return capture(report => p.validateStack(args, report));
}

export function assertPasses(result: Result): void {
    assert.strictEqual(result.notApplicable, undefined, `expected the policy to apply, got not applicable: ${result.notApplicable}`);
    assert.deepStrictEqual(result.messages, [], "expected no violations");
}

export function assertViolates(result: Result, ...fragments: string[]): void {
    assert.strictEqual(result.notApplicable, undefined, `expected a violation, got not applicable: ${result.notApplicable}`);
    assert.ok(result.messages.length > 0, "expected a violation, got none");
    for (const fragment of fragments) {
        assert.ok(result.messages.some(m => m.includes(fragment)), `no violation mentions "${fragment}"; got:\n  ${result.messages.join("\n  ")}`);
    }
}

export function assertNotApplicable(result: Result, fragment = ""): void {
    assert.ok(result.notApplicable !== undefined, `expected not applicable; got violations: ${result.messages.join("; ") || "none"}`);
    assert.ok(result.notApplicable.includes(fragment), `not applicable for "${result.notApplicable}", expected "${fragment}"`);
}

/** A JSON policy document, as the program serialises them. */
export function doc(...statements: Array<Record<string, unknown>>): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Deep copy with a change, for "the good stack except ...". */
export function changed<T>(value: T, change: (copy: T) => void): T {
    const copy = structuredClone(value);
    change(copy);
    return copy;
}
