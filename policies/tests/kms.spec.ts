import { describe, it } from "node:test";

import { kmsKeyPolicyNotPublic, kmsKeyRotationEnabled } from "../kms";
import { T } from "../lib/stack";
import { assertNotApplicable, assertPasses, assertViolates, doc, resourceArgs, runResource } from "./helpers";

describe('"kms-key-rotation-enabled"', () => {
    it("passes a key with rotation enabled", async () => {
        assertPasses(await runResource(kmsKeyRotationEnabled, resourceArgs(T.kmsKey, { enableKeyRotation: true })));
    });
    it("reports a key without rotation", async () => {
        assertViolates(await runResource(kmsKeyRotationEnabled, resourceArgs(T.kmsKey, { description: "k" })), "enableKeyRotation is not true");
    });
    it("does not apply to asymmetric keys, which AWS cannot rotate", async () => {
        assertNotApplicable(await runResource(kmsKeyRotationEnabled, resourceArgs(T.kmsKey, { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })), "RSA_2048");
    });
});

describe('"kms-key-policy-not-public"', () => {
    it("passes a key policy for the account root", async () => {
        const policy = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" });
        assertPasses(await runResource(kmsKeyPolicyNotPublic, resourceArgs(T.kmsKey, { enableKeyRotation: true, policy })));
    });
    it("reports a key policy open to every principal", async () => {
        const policy = doc({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" });
        assertViolates(await runResource(kmsKeyPolicyNotPublic, resourceArgs(T.kmsKeyPolicy, { keyId: "k", policy })), "statement 'Everyone' allows every principal");
    });
    it("passes a public principal narrowed by a condition", async () => {
        const policy = doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "111111111111" } } });
        assertPasses(await runResource(kmsKeyPolicyNotPublic, resourceArgs(T.kmsKey, { policy })));
    });
});
