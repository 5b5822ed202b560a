// Installs the pack's pinned packages (`npm ci`) for the Maven build, and tries again when the registry fails in
// transit. Plain Node with no packages of its own: it runs before anything is installed.
//
// Why: npm retries a request that fails before its response arrives, but not a response body that stalls halfway
// (`npm error code EIDLETIMEOUT ... Invalid response body`), and by default it waits five minutes for a silent
// socket. One stalled download then fails the whole CI run. This wrapper waits at most a minute for a silent socket,
// and runs `npm ci` again (up to four attempts, with a growing pause) when, and only when, npm's error is a network
// one. Packages downloaded before the failure sit in npm's cache, so a new attempt fetches only what is missing.
// Any other failure (a lockfile out of step with package.json, an integrity mismatch) ends at once with npm's own
// message and exit code.
//
// Environment: MLOPS_NPM (the npm command; default npm), MLOPS_NPM_ATTEMPTS (default 4),
// MLOPS_NPM_RETRY_PAUSE_MS (the first pause; default 5000, doubled each time).
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PACK_DIRECTORY = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** npm's codes for a failure in transit: a socket reset, refused or silent, a DNS lookup that failed, HTTP 408/429/5xx. */
const TRANSIENT_ERROR = new RegExp(
    "npm (?:error|ERR!) code (?:ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ENETUNREACH|EHOSTUNREACH|EAI_AGAIN|ENOTFOUND"
        + "|ECONNECTIONTIMEOUT|EIDLETIMEOUT|ERESPONSETIMEOUT|ETRANSFERTIMEOUT|E408|E429|E5\\d\\d)\\b");

function wholeNumber(name, fallback, least) {
    const raw = process.env[name];
    if (raw === undefined || raw === "") {
        return fallback;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < least) {
        throw new Error(`${name} must be a whole number of ${least} or more, not '${raw}'`);
    }
    return value;
}

/** Runs npm once, passing its output through, and resolves to its exit code and whether it failed in transit. */
function runOnce(command, args) {
    return new Promise((resolvePromise) => {
        const child = spawn(command, args, {
            cwd: PACK_DIRECTORY,
            stdio: ["ignore", "pipe", "pipe"],
            shell: process.platform === "win32",
        });
        let transient = false;
        let tail = "";
        const watch = (chunk) => {
            // Keep a little of the previous chunk so a code split across two chunks is still seen.
            const text = tail + chunk.toString("utf8");
            transient ||= TRANSIENT_ERROR.test(text);
            tail = text.slice(-200);
        };
        child.stdout.on("data", (chunk) => { process.stdout.write(chunk); watch(chunk); });
        child.stderr.on("data", (chunk) => { process.stderr.write(chunk); watch(chunk); });
        child.on("error", (error) => {
            process.stderr.write(`install: could not start '${command}': ${error.message}\n`);
            resolvePromise({ code: 127, transient: false });
        });
        child.on("close", (code, signal) => resolvePromise({ code: code ?? (signal ? 128 : 1), transient }));
    });
}

async function main() {
    const command = process.env.MLOPS_NPM || "npm";
    const attempts = wholeNumber("MLOPS_NPM_ATTEMPTS", 4, 1);
    let pause = wholeNumber("MLOPS_NPM_RETRY_PAUSE_MS", 5000, 0);
    const args = ["ci", "--no-audit", "--no-fund", "--fetch-timeout=60000", ...process.argv.slice(2)];
    for (let attempt = 1; ; attempt++) {
        const { code, transient } = await runOnce(command, args);
        if (code === 0) {
            if (attempt > 1) {
                process.stdout.write(`install: npm ci succeeded on attempt ${attempt} of ${attempts}\n`);
            }
            return 0;
        }
        if (!transient) {
            return code;
        }
        if (attempt === attempts) {
            process.stderr.write(`install: npm ci failed in transit ${attempts} times; giving up (exit code ${code})\n`);
            return code;
        }
        process.stderr.write(`install: npm ci failed in transit (attempt ${attempt} of ${attempts}); `
            + `trying again in ${pause / 1000} s\n`);
        await new Promise((done) => setTimeout(done, pause));
        pause *= 2;
    }
}

main().then((code) => { process.exitCode = code; }, (error) => {
    process.stderr.write(`install: ${error.message}\n`);
    process.exitCode = 2;
});
