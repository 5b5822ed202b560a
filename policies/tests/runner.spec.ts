// The preview runner: hand-made bad previews must be caught, the steps of a real `pulumi preview --json`
// must be read as the engine reads them, and the exit status must tell CI what happened.

import * as assert from "assert";
import { spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { describe, it } from "node:test";

import { policies } from "../pack";
import { parsePreview, UnreadablePreview } from "../runner/digest";
import { formatViolation, reconcile, runPolicies } from "../runner/engine";
import { modelsFromConfig } from "../runner/stackConfig";

const ROOT = resolve(__dirname, "..");
const fixture = (name: string) => join(__dirname, "fixtures", name);

/** Runs `npm run check` the way CI does (node + tsx, from the package directory). */
function check(...args: string[]): { status: number | null; lines: string[]; stderr: string } {
    const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "runner", "check.ts"), ...args], {
        cwd: ROOT, encoding: "utf8", env: { ...process.env, INIT_CWD: ROOT },
    });
    return { status: run.status, lines: run.stdout.split("\n").filter(l => l), stderr: run.stderr };
}

function temp(name: string, content: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), "mlops-policies-"));
    const file = join(dir, name);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
}

const LINE = /^\[(mandatory|advisory)\] ([a-z0-9-]+): (.+) \((urn:pulumi:[^)]+)\)$/;

describe("the check on hand-made bad previews", () => {
    it("finds a public bucket", () => {
        const { status, lines } = check(fixture("public-bucket.preview.json"));
        assert.strictEqual(status, 1);
        assert.ok(lines.some(l => l.startsWith("[mandatory] s3-bucket-policy-not-public: ") && l.endsWith("(urn:pulumi:staging::mlops::pulumi:pulumi:Stack$aws:s3/bucketPolicy:BucketPolicy::exports-policy)")), lines.join("\n"));
        assert.ok(lines.some(l => l.startsWith("[mandatory] s3-bucket-public-access-blocked: Bucket 'exports' can be made public")), lines.join("\n"));
    });

    it("finds a notebook with direct internet access", () => {
        const { status, lines } = check(fixture("notebook-internet.preview.json"));
        assert.strictEqual(status, 1);
        assert.ok(lines.some(l => l.startsWith("[mandatory] notebooks-no-direct-internet: directInternetAccess is Enabled")
            && l.includes("$mlops:workbench:Workbench$aws:sagemaker/notebookInstance:NotebookInstance::mlops-staging-workbench-scratch)")), lines.join("\n"));
    });

    it("finds a prod endpoint without rollback alarms, and ignores the deleted endpoint and the stack reference", () => {
        const { status, lines } = check(fixture("prod-endpoint-no-rollback.preview.json"));
        assert.strictEqual(status, 1);
        assert.ok(lines.some(l => l.startsWith("[mandatory] prod-endpoint-rollback-alarms: ") && l.endsWith("aws:sagemaker/endpoint:Endpoint::mlops-prod-serving-house-prices)")), lines.join("\n"));
        assert.ok(!lines.some(l => l.includes("mlops-prod-serving-legacy")), "a deleted resource is not validated");
        assert.ok(!lines.some(l => l.includes("StackReference")), "a read stack reference is not validated as a resource");
        assert.ok(!lines.some(l => l.includes("endpoint-variants-autoscaled")), "the updated endpoint's variant is autoscaled");
    });

    it("finds a scientist allowed on raw data", () => {
        const { status, lines } = check(fixture("scientist-raw-access.preview.json"));
        assert.strictEqual(status, 1);
        const scientist = lines.filter(l => l.startsWith("[mandatory] scientist-denied-raw-data: The data-scientist role 'mlops-staging-access-data-scientist'"));
        assert.strictEqual(scientist.length, 2, lines.join("\n"));
        assert.ok(scientist.some(l => l.includes("arn:aws:s3:::mlops-staging-data-raw-bucket-ec63ade/*")));
        assert.ok(scientist.some(l => l.includes("raw data key arn:aws:kms:eu-west-1:111111111111:key/405f00c6-1051-317c-80c5-c8dfd553b0db")));
    });

    it("prints nothing but violation lines on stdout, each in the documented format", () => {
        const { lines, stderr } = check(fixture("public-bucket.preview.json"), fixture("scientist-raw-access.preview.json"));
        assert.ok(lines.length > 0);
        for (const line of lines) {
            assert.match(line, LINE);
        }
        assert.match(stderr, /public-bucket\.preview\.json: 10 resources, \d+ policies: \d+ mandatory and 0 advisory violations/);
    });
});

describe("the check's exit status and options", () => {
    it("exits 0 when only advisory violations remain (levels from --config)", () => {
        const levels = Object.fromEntries(policies.filter(p => p.enforcementLevel === "mandatory").map(p => [p.name, "advisory"]));
        const { status, lines } = check("--config", temp("config.json", levels), fixture("notebook-internet.preview.json"));
        assert.strictEqual(status, 0);
        assert.ok(lines.length > 0 && lines.every(l => l.startsWith("[advisory] ")));
    });

    it("skips policies disabled in the config", () => {
        const { lines } = check("--config", temp("config.json", { "notebooks-no-direct-internet": "disabled" }), fixture("notebook-internet.preview.json"));
        assert.ok(!lines.some(l => l.includes("notebooks-no-direct-internet")));
    });

    it("exits 2 for a missing file, a file that is not JSON and a file that is not a preview", () => {
        assert.strictEqual(check(join(ROOT, "no-such-preview.json")).status, 2);
        assert.strictEqual(check(temp("bad.json", "{ not json")).status, 2);
        assert.strictEqual(check(temp("list.json", [1, 2])).status, 2);
        assert.strictEqual(check(temp("steps.json", { steps: {} })).status, 2);
    });

    it("exits 2 without a file or with an unknown option", () => {
        assert.strictEqual(check().status, 2);
        assert.strictEqual(check("--strict", fixture("public-bucket.preview.json")).status, 2);
    });

    it("resolves paths against the directory npm was started in", () => {
        const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "runner", "check.ts"), "tests/fixtures/public-bucket.preview.json"], {
            cwd: ROOT, encoding: "utf8", env: { ...process.env, INIT_CWD: ROOT },
        });
        assert.strictEqual(run.status, 1, run.stderr);
    });
});

describe("reading previews as the engine would", () => {
    const stack = "urn:pulumi:dev::mlops::pulumi:pulumi:Stack::mlops-dev";
    const providerUrn = "urn:pulumi:dev::mlops::pulumi:pulumi:Stack$pulumi:providers:aws::aws";
    const ref = `${providerUrn}::0d5f1a8e-3c0b-4f43-a7b1-1c9e2d3f4a5b`;
    const keyUrn = (name: string) => `urn:pulumi:dev::mlops::pulumi:pulumi:Stack$aws:kms/key:Key::${name}`;
    const step = (op: string, name: string, inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
        op, urn: keyUrn(name), provider: ref,
        [op === "delete" ? "oldState" : "newState"]: { urn: keyUrn(name), custom: true, type: "aws:kms/key:Key", inputs, parent: stack, provider: ref, ...extra },
    });
    const preview = (...steps: unknown[]) => parsePreview("test", {
        steps: [
            { op: "same", urn: stack, newState: { urn: stack, custom: false, type: "pulumi:pulumi:Stack" } },
            { op: "same", urn: providerUrn, newState: { urn: providerUrn, custom: true, type: "pulumi:providers:aws", inputs: { region: "eu-west-1" }, parent: stack } },
            ...steps,
        ],
    });
    const rotation = policies.find(p => p.name === "kms-key-rotation-enabled")!;
    const run = async (p: ReturnType<typeof preview>) => (await runPolicies([rotation], "mandatory", p, {})).violations.map(formatViolation);

    it("validates the new state of create, update and same steps, and not delete steps", async () => {
        const lines = await run(preview(
            step("create", "created", {}),
            step("update", "updated", { enableKeyRotation: false }),
            step("same", "unchanged", {}),
            step("delete", "deleted", {}),
        ));
        assert.deepStrictEqual(lines.map(l => l.replace(/.*::/, "")), ["created)", "updated)", "unchanged)"]);
    });

    it("validates a replacement once", async () => {
        const lines = await run(preview(step("create-replacement", "replaced", {}), step("replace", "replaced", {}), step("delete-replaced", "replaced", {})));
        assert.strictEqual(lines.length, 1);
    });

    it("accepts a preview that omits false and empty fields", () => {
        const p = preview(step("same", "minimal", { enableKeyRotation: true }));
        const r = p.resources.find(x => x.urn === keyUrn("minimal"))!;
        assert.strictEqual(r.protect, false);
        assert.strictEqual(r.retainOnDelete, false);
        assert.deepStrictEqual(r.dependencies, []);
        assert.deepStrictEqual(p.providerOf(r)?.inputs, { region: "eu-west-1" });
        assert.deepStrictEqual(parsePreview("empty", {}).resources, []);
    });

    it("keeps a read stack reference in the stack but does not analyze it", () => {
        const refUrn = "urn:pulumi:dev::mlops::pulumi:pulumi:Stack$pulumi:pulumi:StackReference::source";
        const p = preview({ op: "read", urn: refUrn, newState: { urn: refUrn, custom: true, type: "pulumi:pulumi:StackReference", inputs: { name: "acme/mlops/staging" } } });
        assert.ok(p.resources.some(r => r.urn === refUrn));
        assert.ok(!p.analyzed.has(refUrn));
    });

    it("reports a value unknown during preview as an advisory 'can't run', like the engine", async () => {
        const unknownBoolean = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
        const lines = await run(preview(step("create", "pending", { enableKeyRotation: unknownBoolean })));
        assert.strictEqual(lines.length, 1);
        assert.match(lines[0], /^\[advisory\] kms-key-rotation-enabled: can't run policy during preview: boolean value at \.enableKeyRotation can't be known during preview/);
    });

    it("rejects steps without an op", () => {
        assert.throws(() => parsePreview("bad", { steps: [{ urn: "x" }] }), UnreadablePreview);
    });
});

describe("policy config", () => {
    it("fills in configSchema defaults and lets the pack config override them", () => {
        const baking = policies.find(p => p.name === "prod-endpoint-baking-period")!;
        assert.deepStrictEqual(reconcile(baking, {}).properties, { stagingStacks: ["staging"], prodStacks: ["prod"], minimumBakingSeconds: 300 });
        const { level, properties } = reconcile(baking, { all: "advisory", "prod-endpoint-baking-period": { minimumBakingSeconds: 600 } });
        assert.strictEqual(level, "advisory");
        assert.strictEqual(properties.minimumBakingSeconds, 600);
    });

    it("reads the stack's models from a preview's config and from `pulumi config --json`", () => {
        assert.deepStrictEqual(modelsFromConfig({ "mlops:models": '[{"name":"house-prices","tag":1}]' }), ["house-prices"]);
        assert.deepStrictEqual(modelsFromConfig({ "mlops:models": { value: "[]", objectValue: [{ name: "rent-index" }], secret: false } }), ["rent-index"]);
        assert.strictEqual(modelsFromConfig({}), undefined);
    });

    it("gives the model policies the preview's models", () => {
        const file = temp("models.json", {
            config: { "mlops:models": '[{"name":"house-prices","tag":1}]' },
            steps: [{ op: "create", urn: "urn:pulumi:staging::mlops::pulumi:pulumi:Stack::mlops-staging", newState: { type: "pulumi:pulumi:Stack", custom: false } }],
        });
        const { lines } = check(file);
        assert.ok(lines.some(l => l.startsWith("[mandatory] model-has-package-group: Model 'house-prices'")), lines.join("\n"));
    });
});
