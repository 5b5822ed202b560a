// Reads a PreviewDigest (`pulumi preview --json`, or the program's offline `preview --json`) into the
// resource states a policy pack is applied to, as the engine would see them.

import { readFileSync } from "fs";

import { ProviderState, ResourceState } from "./args";

/** Raised for a file that cannot be read as a preview; the runner exits 2. */
export class UnreadablePreview extends Error {}

interface RawState {
    urn?: string;
    type?: string;
    custom?: boolean;
    inputs?: Record<string, any>;
    outputs?: Record<string, any>;
    parent?: string;
    protect?: boolean;
    retainOnDelete?: boolean;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[] | null>;
    provider?: string;
    ignoreChanges?: string[];
    aliases?: string[];
    additionalSecretOutputs?: string[];
    customTimeouts?: { create?: number; update?: number; delete?: number };
}

interface RawStep {
    op?: string;
    urn?: string;
    provider?: string;
    newState?: RawState;
    oldState?: RawState;
}

/**
 * Operations whose new state the engine validates resource by resource (it analyzes every registered
 * resource before deciding the step). Reads (stack references) are not registrations and are not analyzed.
 */
const ANALYZED_OPS = new Set(["create", "update", "same", "replace", "create-replacement", "import", "import-replacement"]);
/** Operations after which the resource is part of the stack that AnalyzeStack sees. */
const IN_STACK_OPS = new Set([...ANALYZED_OPS, "read", "read-replacement"]);

export interface Preview {
    file: string;
    /** The preview's `config` (secrets blinded). */
    config: Record<string, string>;
    /** Every resource the stack holds after the preview, in step order. */
    resources: ResourceState[];
    /** URNs of the resources the engine would analyze one by one. */
    analyzed: Set<string>;
    /** The provider of a resource (from its `provider` reference), when the preview holds it. */
    providerOf(r: ResourceState): ProviderState | undefined;
}

/** The URN part of a provider reference `urn::id`. */
function providerUrn(reference: string): string {
    const cut = reference.lastIndexOf("::");
    return cut > 0 ? reference.substring(0, cut) : reference;
}

function typeFromUrn(urn: string): string {
    const parts = urn.split("::");
    const qualified = parts[2] ?? "";
    return qualified.split("$").pop() ?? "";
}

export function readPreview(file: string): Preview {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (e) {
        throw new UnreadablePreview(`${file} cannot be read: ${(e as Error).message}`);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new UnreadablePreview(`${file} is not JSON: ${(e as Error).message}`);
    }
    return parsePreview(file, doc);
}

export function parsePreview(file: string, doc: unknown): Preview {
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
        throw new UnreadablePreview(`${file} is not a preview: expected a JSON object with "steps"`);
    }
    const raw = doc as { steps?: unknown; config?: unknown };
    // `pulumi preview --json` omits empty fields: a preview without changes may have no steps at all.
    const steps = raw.steps === undefined ? [] : raw.steps;
    if (!Array.isArray(steps)) {
        throw new UnreadablePreview(`${file} is not a preview: "steps" is not a list`);
    }
    const resources: ResourceState[] = [];
    const analyzed = new Set<string>();
    const providerRefs = new Map<string, string>();
    const seen = new Set<string>();
    steps.forEach((step: RawStep, i) => {
        if (!step || typeof step !== "object" || typeof step.op !== "string") {
            throw new UnreadablePreview(`${file}: step ${i + 1} has no "op"`);
        }
        const state = step.newState;
        if (!IN_STACK_OPS.has(step.op) || !state) {
            // delete, delete-replaced, discard, remove-pending-replace: gone after the update; refresh: the
            // resource's own step (same, update, ...) follows with the state the program asks for.
            return;
        }
        const urn = state.urn ?? step.urn;
        if (typeof urn !== "string") {
            throw new UnreadablePreview(`${file}: step ${i + 1} (${step.op}) has no URN`);
        }
        if (seen.has(urn)) {
            return; // a replacement lists the new state twice (create-replacement, replace)
        }
        seen.add(urn);
        const provider = state.provider ?? step.provider;
        if (provider) {
            providerRefs.set(urn, providerUrn(provider));
        }
        resources.push({
            urn,
            type: state.type ?? typeFromUrn(urn),
            inputs: state.inputs ?? {},
            outputs: state.outputs,
            custom: state.custom,
            parent: state.parent,
            protect: state.protect ?? false,
            retainOnDelete: state.retainOnDelete ?? false,
            dependencies: state.dependencies ?? [],
            propertyDependencies: state.propertyDependencies ?? {},
            ignoreChanges: state.ignoreChanges,
            aliases: state.aliases,
            additionalSecretOutputs: state.additionalSecretOutputs,
            customTimeouts: state.customTimeouts,
        });
        if (ANALYZED_OPS.has(step.op)) {
            analyzed.add(urn);
        }
    });
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const config = raw.config && typeof raw.config === "object" ? (raw.config as Record<string, string>) : {};
    return {
        file,
        config,
        resources,
        analyzed,
        providerOf(r: ResourceState): ProviderState | undefined {
            const ref = providerRefs.get(r.urn);
            if (!ref) {
                return undefined;
            }
            const state = byUrn.get(ref);
            // A provider the preview does not list (e.g. unchanged and omitted) is still named and typed.
            return state ? { urn: state.urn, type: state.type, inputs: state.inputs } : { urn: ref, type: typeFromUrn(ref), inputs: {} };
        },
    };
}
