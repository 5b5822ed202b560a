// The Maven build's `npm ci` wrapper (runner/install.mjs): a download that fails in transit is tried again, anything
// else fails at once with npm's own exit code. A fake npm plays each attempt from a plan.

import * as assert from "assert";
import { spawnSync } from "child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { describe, it } from "node:test";

const INSTALL = resolve(__dirname, "..", "runner", "install.mjs");

/** A fake npm: attempt n prints and exits as the n-th entry of the plan says, and logs its arguments. */
const FAKE_NPM = `#!/usr/bin/env node
const fs = require("fs");
const { FAKE_NPM_DIR: dir, FAKE_NPM_PLAN: plan } = process.env;
const log = dir + "/calls";
const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\\n").filter(Boolean).length : 0;
fs.appendFileSync(log, process.argv.slice(2).join(" ") + "\\n");
const step = plan.split(";")[calls];
if (step === "ok") { console.log("added 173 packages"); process.exit(0); }
const [code, exit] = step.split(":");
console.error("npm error code " + code);
console.error("npm error Invalid response body while trying to fetch https://registry.npmjs.org/x");
process.exit(Number(exit));
`;

function install(plan: string, attempts = "4"): { status: number | null; stderr: string; stdout: string; calls: string[] } {
    const dir = mkdtempSync(join(tmpdir(), "mlops-install-"));
    const npm = join(dir, "npm");
    writeFileSync(npm, FAKE_NPM);
    chmodSync(npm, 0o755);
    const run = spawnSync(process.execPath, [INSTALL], {
        encoding: "utf8",
        env: {
            ...process.env, MLOPS_NPM: npm, MLOPS_NPM_ATTEMPTS: attempts, MLOPS_NPM_RETRY_PAUSE_MS: "1",
            FAKE_NPM_DIR: dir, FAKE_NPM_PLAN: plan,
        },
    });
    const calls = readFileSync(join(dir, "calls"), "utf8").split("\n").filter(Boolean);
    return { status: run.status, stderr: run.stderr, stdout: run.stdout, calls };
}

describe("the pack's install for the Maven build", { skip: process.platform === "win32" }, () => {
    it("runs npm ci once when it succeeds, with a one-minute wait for a silent socket", () => {
        const { status, calls, stdout } = install("ok");
        assert.strictEqual(status, 0);
        assert.deepStrictEqual(calls, ["ci --no-audit --no-fund --fetch-timeout=60000"]);
        assert.match(stdout, /added 173 packages/);
    });

    it("tries again after a stalled download and succeeds", () => {
        const { status, calls, stdout, stderr } = install("EIDLETIMEOUT:1;ECONNRESET:1;ok");
        assert.strictEqual(status, 0);
        assert.strictEqual(calls.length, 3);
        assert.match(stderr, /npm ci failed in transit \(attempt 1 of 4\); trying again/);
        assert.match(stdout, /npm ci succeeded on attempt 3 of 4/);
    });

    it("tries again on a registry's 503 and a failed DNS lookup", () => {
        assert.strictEqual(install("E503:1;EAI_AGAIN:1;ok").status, 0);
    });

    it("gives up after the last attempt with npm's exit code", () => {
        const { status, calls, stderr } = install("ETIMEDOUT:1;ETIMEDOUT:1;ETIMEDOUT:7", "3");
        assert.strictEqual(status, 7);
        assert.strictEqual(calls.length, 3);
        assert.match(stderr, /failed in transit 3 times; giving up \(exit code 7\)/);
    });

    it("fails at once on an error that another attempt cannot mend", () => {
        const { status, calls } = install("EUSAGE:1;ok");
        assert.strictEqual(status, 1);
        assert.strictEqual(calls.length, 1, "a lockfile out of step with package.json is not tried again");
        assert.strictEqual(install("EINTEGRITY:1;ok").calls.length, 1);
    });

    it("names a bad setting of its own", () => {
        const run = spawnSync(process.execPath, [INSTALL], {
            encoding: "utf8", env: { ...process.env, MLOPS_NPM: "/nonexistent/npm", MLOPS_NPM_ATTEMPTS: "many" },
        });
        assert.strictEqual(run.status, 2);
        assert.match(run.stderr, /MLOPS_NPM_ATTEMPTS must be a whole number of 1 or more, not 'many'/);
    });
});
