// npm --prefix policies run check -- [--config FILE] [--verbose] <preview.json>...
//
// Applies the policy pack to preview files (the program's offline `preview --json`, or a real
// `pulumi preview --json`) and prints one line per violation:
//   [mandatory|advisory] <policy>: <message> (<urn>)
// Exit status: 0 no mandatory violation; 1 a mandatory violation (or a policy that failed to run);
// 2 a preview or config file that cannot be read, or bad arguments.

import { isAbsolute, resolve } from "path";
import { readFileSync } from "fs";

import { packArgs, policies } from "../pack";
import { BadPackConfig, formatViolation, PackConfig, runPolicies } from "./engine";
import { Preview, readPreview, UnreadablePreview } from "./digest";
import { modelsFromConfig } from "./stackConfig";

const USAGE = `usage: npm --prefix policies run check -- [--config FILE] [--verbose] <preview.json>...

  --config FILE   policy pack config, as for pulumi preview --policy-pack-config
                  ({"<policy>": "advisory" | {"enforcementLevel": ..., "<property>": ...}})
  --verbose       also list the policies that did not apply, on stderr

Prints one line per violation: [mandatory|advisory] <policy>: <message> (<urn>).
Exit status: 0 no mandatory violation, 1 mandatory violations, 2 unreadable input or bad arguments.`;

interface Options {
    files: string[];
    config?: string;
    verbose: boolean;
}

class UsageError extends Error {}

/** npm runs scripts in the package directory; paths on the command line are relative to where npm was run. */
function fromCaller(path: string): string {
    return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function parseArgs(argv: string[]): Options {
    const options: Options = { files: [], verbose: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--help" || arg === "-h") {
            console.log(USAGE);
            process.exit(0);
        } else if (arg === "--verbose") {
            options.verbose = true;
        } else if (arg === "--config" || arg.startsWith("--config=")) {
            const value = arg.includes("=") ? arg.substring(arg.indexOf("=") + 1) : argv[++i];
            if (!value) {
                throw new UsageError("--config needs a file");
            }
            options.config = fromCaller(value);
        } else if (arg.startsWith("-")) {
            throw new UsageError(`unknown option ${arg}`);
        } else {
            options.files.push(fromCaller(arg));
        }
    }
    if (options.files.length === 0) {
        throw new UsageError("no preview file given");
    }
    return options;
}

function readPackConfig(file: string | undefined): PackConfig {
    if (!file) {
        return {};
    }
    try {
        const parsed = JSON.parse(readFileSync(file, "utf8"));
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
            throw new Error("expected a JSON object keyed by policy name");
        }
        return parsed as PackConfig;
    } catch (e) {
        throw new UnreadablePreview(`policy config ${file} cannot be read: ${(e as Error).message}`);
    }
}

async function check(preview: Preview, packConfig: PackConfig, verbose: boolean): Promise<number> {
    const models = modelsFromConfig(preview.config);
    const result = await runPolicies(policies, packArgs.enforcementLevel ?? "mandatory", preview, packConfig, (policy, properties) => {
        // The pack's model policies need the stack's models; the preview's config names them.
        const own = packConfig[policy.name];
        const set = own && typeof own === "object" && "models" in own;
        if (policy.configSchema?.properties?.models && !set && models) {
            properties.models = models;
        }
    });
    for (const v of result.violations) {
        console.log(formatViolation(v));
    }
    const mandatory = result.violations.filter(v => v.level === "mandatory").length;
    const advisory = result.violations.length - mandatory;
    if (verbose) {
        for (const na of result.notApplicable) {
            if (!na.reason?.startsWith("Policy only applies to resources of type")) {
                console.error(`  not applicable: ${na.policy}${na.urn ? ` on ${na.urn}` : ""}: ${na.reason ?? ""}`);
            }
        }
    }
    console.error(`${preview.file}: ${preview.resources.length} resources, ${policies.length} policies: ${mandatory} mandatory and ${advisory} advisory violations`);
    return mandatory;
}

async function main(): Promise<number> {
    let options: Options;
    try {
        options = parseArgs(process.argv.slice(2));
    } catch (e) {
        console.error(`error: ${(e as Error).message}\n\n${USAGE}`);
        return 2;
    }
    let packConfig: PackConfig;
    try {
        packConfig = readPackConfig(options.config);
    } catch (e) {
        console.error(`error: ${(e as Error).message}`);
        return 2;
    }
    let unreadable = false;
    let mandatory = 0;
    for (const file of options.files) {
        try {
            mandatory += await check(readPreview(file), packConfig, options.verbose);
        } catch (e) {
            if (e instanceof UnreadablePreview || e instanceof BadPackConfig) {
                console.error(`error: ${e.message}`);
                unreadable = true;
            } else {
                throw e;
            }
        }
    }
    return unreadable ? 2 : mandatory > 0 ? 1 : 0;
}

main().then(code => {
    process.exitCode = code;
}, e => {
    console.error(e);
    process.exitCode = 2;
});
