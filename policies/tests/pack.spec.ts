// The pack as a whole: the shape of each policy (kebab-case name, one-sentence description, explicit
// enforcement level), the number of mandatory guarantees, and that a compliant platform passes every policy.

import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { describe, it } from "node:test";

import { packArgs, PACK_NAME, policies } from "../pack";
import { formatViolation, runPolicies } from "../runner/engine";
import { previewOf } from "./helpers";
import { MODELS, platform } from "./platform";

describe("the policy pack", () => {
    it("has a valid name and unique kebab-case policy names", () => {
        assert.match(PACK_NAME, /^[a-zA-Z0-9-_.]{1,100}$/);
        const names = policies.map(p => p.name);
        assert.strictEqual(new Set(names).size, names.length, "policy names are unique");
        for (const name of names) {
            assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${name} is kebab-case`);
        }
    });

    it("gives every policy a one-sentence description and an explicit enforcement level", () => {
        for (const p of policies) {
            assert.match(p.description, /^[A-Z].*\.$/, `${p.name}: description is a sentence`);
            assert.ok(p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory", `${p.name}: explicit level`);
            for (const key of Object.keys(p.configSchema?.properties ?? {})) {
                assert.notStrictEqual(key, "enforcementLevel", `${p.name}: enforcementLevel is reserved`);
            }
        }
    });

    it("encodes at least 25 mandatory guarantees and advises on cost", () => {
        assert.ok(policies.filter(p => p.enforcementLevel === "mandatory").length >= 25);
        assert.ok(policies.some(p => p.enforcementLevel === "advisory" && p.name === "instance-types-allowed"));
        assert.strictEqual(packArgs.policies, policies);
    });

    it("has a spec naming every policy", () => {
        const specs = readdirSync(__dirname).filter(f => f.endsWith(".spec.ts") && f !== "pack.spec.ts")
            .map(f => readFileSync(join(__dirname, f), "utf8")).join("\n");
        for (const p of policies) {
            assert.ok(specs.includes(`"${p.name}"`), `no spec describes "${p.name}"`);
        }
    });

    for (const env of ["staging", "prod"] as const) {
        it(`passes a compliant ${env} platform without any violation`, async () => {
            const preview = previewOf(platform(env), { stack: env });
            const result = await runPolicies(policies, "mandatory", preview, {}, (policy, properties) => {
                if (policy.configSchema?.properties?.models) {
                    properties.models = MODELS.models;
                }
            });
            assert.deepStrictEqual(result.violations.map(formatViolation), []);
        });
    }
});
