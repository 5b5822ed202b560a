// npm --prefix policies run pack-config -- <config.json> [--base FILE] [--out FILE]
//
// Writes a policy pack config for `pulumi preview --policy-pack policies --policy-pack-config FILE`: the
// engine passes no stack config to a policy pack, so the models of the stack (`mlops:models`) are given to
// the model policies this way. <config.json> is the output of `pulumi config --json -s <stack>` or a preview
// file; --base merges an existing pack config (its settings win).

import { readFileSync, writeFileSync } from "fs";
import { isAbsolute, resolve } from "path";

import { policies } from "../pack";
import { modelsFromConfig } from "./stackConfig";

function fromCaller(path: string): string {
    return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function readJson(file: string): Record<string, any> {
    return JSON.parse(readFileSync(fromCaller(file), "utf8"));
}

function main(argv: string[]): number {
    let input: string | undefined;
    let base: string | undefined;
    let out: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--base") {
            base = argv[++i];
        } else if (argv[i] === "--out") {
            out = argv[++i];
        } else if (!input && !argv[i].startsWith("-")) {
            input = argv[i];
        } else {
            console.error(`unknown argument ${argv[i]}`);
            return 2;
        }
    }
    if (!input) {
        console.error("usage: npm --prefix policies run pack-config -- <pulumi-config.json|preview.json> [--base FILE] [--out FILE]");
        return 2;
    }
    let source: Record<string, any>;
    let packConfig: Record<string, any>;
    try {
        source = readJson(input);
        packConfig = base ? readJson(base) : {};
    } catch (e) {
        console.error(`error: ${(e as Error).message}`);
        return 2;
    }
    // A preview keeps the stack config under "config"; `pulumi config --json` is the config itself.
    const models = modelsFromConfig(source.steps !== undefined || source.changeSummary !== undefined ? source.config : source);
    if (models === undefined) {
        console.error(`error: ${input} has no mlops:models`);
        return 2;
    }
    for (const policy of policies) {
        if (!policy.configSchema?.properties?.models) {
            continue;
        }
        const own = packConfig[policy.name];
        const entry = typeof own === "string" ? { enforcementLevel: own } : { ...(own ?? {}) };
        if (entry.models === undefined) {
            entry.models = models;
        }
        packConfig[policy.name] = entry;
    }
    const text = JSON.stringify(packConfig, null, 2) + "\n";
    if (out) {
        writeFileSync(fromCaller(out), text);
    } else {
        process.stdout.write(text);
    }
    return 0;
}

process.exitCode = main(process.argv.slice(2));
