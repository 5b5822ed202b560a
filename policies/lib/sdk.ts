// Two things @pulumi/policy exports from its index but marks @internal in its typings: the proxy that makes
// reading a value unknown during preview throw, and that error. They are taken from the module that
// defines them (proxy.js, the one the index re-exports, so `instanceof` holds), which also spares the
// preview runner loading @pulumi/pulumi and gRPC just to check a file.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as {
    UnknownValueError: new (...args: any[]) => Error;
    unknownCheckingProxy: <T>(value: T) => T;
};

/** Thrown when a policy reads a value the engine cannot know during preview. */
export const UnknownValueError = proxy.UnknownValueError;

/** Wraps resource properties so that reading an unknown value throws UnknownValueError. */
export const unknownCheckingProxy = proxy.unknownCheckingProxy;
