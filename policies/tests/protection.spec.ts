import { describe, it } from "node:test";

import { T } from "../lib/stack";
import { prodStatefulResourcesProtected } from "../protection";
import { assertNotApplicable, assertPasses, assertViolates, resourceArgs, runResource } from "./helpers";

describe('"prod-stateful-resources-protected"', () => {
    const policy = prodStatefulResourcesProtected;
    it("passes protected, retained prod buckets, keys, registries and repositories", async () => {
        for (const type of [T.bucketV2, T.kmsKey, T.modelPackageGroup, T.ecrRepository]) {
            assertPasses(await runResource(policy, resourceArgs(type, {}, { stack: "prod", protect: true, retainOnDelete: true })));
        }
    });
    it("reports an unprotected prod key and an unretained prod bucket", async () => {
        assertViolates(await runResource(policy, resourceArgs(T.kmsKey, {}, { stack: "prod", protect: false, retainOnDelete: true })), "not protected");
        assertViolates(await runResource(policy, resourceArgs(T.bucketV2, {}, { stack: "prod", protect: true, retainOnDelete: false })), "retainOnDelete is not set");
    });
    it("checks only protect when the engine, which does not pass retainOnDelete, runs it", async () => {
        assertPasses(await runResource(policy, resourceArgs(T.ecrRepository, {}, { stack: "prod", protect: true })));
    });
    it("does not apply to staging or to stateless resources", async () => {
        assertNotApplicable(await runResource(policy, resourceArgs(T.bucketV2, {}, { stack: "staging" })), "prod stacks");
        assertNotApplicable(await runResource(policy, resourceArgs(T.bucketPolicy, {}, { stack: "prod" })));
    });
});
