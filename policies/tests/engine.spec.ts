// The pack under the engine's own protocol: index.ts is started the way `pulumi preview --policy-pack
// policies` starts it (@pulumi/pulumi's run-policy-pack, which compiles it with ts-node and type checking),
// and spoken to over gRPC with the requests the engine sends. No Pulumi CLI is needed.

import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import { dirname, join, resolve } from "path";
import { after, before, describe, it } from "node:test";

import { parsePreview } from "../runner/digest";

const ROOT = resolve(__dirname, "..");
// gRPC and protobuf as @pulumi/pulumi itself loads them (its messages only accept its own protobuf classes).
const PULUMI = dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (module: string) => require(require.resolve(module, { paths: [PULUMI] }));
const grpc = fromPulumi("@grpc/grpc-js");
const analyzerPb = fromPulumi("@pulumi/pulumi/proto/analyzer_pb");
const analyzerRpc = fromPulumi("@pulumi/pulumi/proto/analyzer_grpc_pb");
const structPb = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const emptyPb = fromPulumi("google-protobuf/google/protobuf/empty_pb");

const MANDATORY = analyzerPb.EnforcementLevel.MANDATORY;

let server: ChildProcess | undefined;
let client: any;

function call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((ok, fail) => client[method](request, (err: Error | null, response: T) => (err ? fail(err) : ok(response))));
}

function options(parent?: string, protect = false) {
    const o = new analyzerPb.AnalyzerResourceOptions();
    o.setProtect(protect);
    if (parent) {
        o.setParent(parent);
    }
    return o;
}

describe("the pack served to the engine (run-policy-pack)", { timeout: 180_000 }, () => {
    before(async () => {
        server = spawn(process.execPath, [join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack"), "127.0.0.1:0", "."], { cwd: ROOT });
        let stderr = "";
        server.stderr!.on("data", d => (stderr += d));
        const port = await new Promise<string>((ok, fail) => {
            server!.stdout!.on("data", d => {
                const m = /^(\d+)\s*$/m.exec(String(d));
                if (m) {
                    ok(m[1]);
                }
            });
            server!.on("exit", code => fail(new Error(`run-policy-pack exited with ${code}: ${stderr}`)));
        });
        client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        server?.kill();
    });

    it("describes every policy of the pack with its enforcement level", async () => {
        const info = await call<any>("getAnalyzerInfo", new emptyPb.Empty());
        assert.strictEqual(info.getName(), "mlops-platform");
        const policies = info.getPoliciesList();
        assert.ok(policies.length >= 40);
        const rotation = policies.find((p: any) => p.getName() === "kms-key-rotation-enabled");
        assert.strictEqual(rotation.getEnforcementlevel(), MANDATORY);
    });

    it("analyzes a resource from its inputs and provider (Analyze)", async () => {
        const req = new analyzerPb.AnalyzeRequest();
        req.setType("aws:sagemaker/notebookInstance:NotebookInstance");
        req.setUrn("urn:pulumi:staging::mlops::pulumi:pulumi:Stack$aws:sagemaker/notebookInstance:NotebookInstance::scratch");
        req.setName("scratch");
        req.setProperties(structPb.Struct.fromJavaScript({ directInternetAccess: "Enabled", subnetId: "subnet-a", kmsKeyId: "k", instanceType: "ml.t3.medium" }));
        req.setOptions(options("urn:pulumi:staging::mlops::pulumi:pulumi:Stack::mlops-staging"));
        const provider = new analyzerPb.AnalyzerProviderResource();
        provider.setType("pulumi:providers:aws");
        provider.setUrn("urn:pulumi:staging::mlops::pulumi:pulumi:Stack$pulumi:providers:aws::aws");
        provider.setName("aws");
        provider.setProperties(structPb.Struct.fromJavaScript({ region: "eu-west-1", allowedAccountIds: '["111111111111"]' }));
        req.setProvider(provider);
        const response = await call<any>("analyze", req);
        const diagnostics = response.getDiagnosticsList().map((d: any) => `${d.getPolicyname()}: ${d.getMessage()}`);
        assert.deepStrictEqual(diagnostics.map((d: string) => d.split(":")[0]), ["notebooks-no-direct-internet"]);
        assert.match(diagnostics[0], /directInternetAccess is Enabled/);
    });

    it("analyzes a stack from its resources (AnalyzeStack), with dependencies resolved", async () => {
        const preview = parsePreview("fixture", require(join(__dirname, "fixtures", "public-bucket.preview.json")));
        const resources = preview.resources.map(r => {
            const res = new analyzerPb.AnalyzerResource();
            res.setType(r.type);
            res.setUrn(r.urn);
            res.setName(r.urn.split("::").pop());
            res.setProperties(structPb.Struct.fromJavaScript({ ...r.inputs, ...(r.outputs ?? {}) }));
            res.setOptions(options(r.parent, r.protect));
            if (r.parent) {
                res.setParent(r.parent);
            }
            res.setDependenciesList(r.dependencies ?? []);
            return res;
        });
        const req = new analyzerPb.AnalyzeStackRequest();
        req.setResourcesList(resources);
        const response = await call<any>("analyzeStack", req);
        const names = response.getDiagnosticsList().map((d: any) => d.getPolicyname());
        for (const expected of ["s3-bucket-public-access-blocked", "s3-bucket-tls-only", "persona-roles-present"]) {
            assert.ok(names.includes(expected), `${expected} in ${names.join(", ")}`);
        }
        assert.ok(!names.includes("s3-bucket-sse-kms-customer-key"), "the encryption's dependency on the stack's key is followed");
    });
});
