// Customer-managed KMS keys: rotated yearly by AWS, and never usable by anyone outside the account.

import { ResourceValidationPolicy } from "@pulumi/policy";

import { describeStatement, isPublicPrincipal, isUnconditional, parseDocument } from "./lib/iamDocument";
import { resourceOfType } from "./lib/policy";
import { T } from "./lib/stack";

export const kmsKeyRotationEnabled: ResourceValidationPolicy = {
    name: "kms-key-rotation-enabled",
    description: "Every symmetric customer-managed KMS key has automatic key rotation enabled.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType(T.kmsKey, (key, args, reportViolation) => {
        const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
        if (spec !== "SYMMETRIC_DEFAULT" || (key.keyUsage && key.keyUsage !== "ENCRYPT_DECRYPT")) {
            // AWS rotates only symmetric encryption keys.
            args.notApplicable(`Key spec ${spec} / usage ${key.keyUsage} cannot be rotated automatically`);
        }
        if (key.enableKeyRotation !== true) {
            reportViolation("enableKeyRotation is not true; set it so AWS rotates the key material.");
        }
    }),
};

export const kmsKeyPolicyNotPublic: ResourceValidationPolicy = {
    name: "kms-key-policy-not-public",
    description: "No KMS key policy allows every principal (\"*\") without a condition.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType([T.kmsKey, T.kmsKeyPolicy], (props, _, reportViolation) => {
        const doc = parseDocument(props.policy);
        if (doc.kind !== "document") {
            return;
        }
        doc.statements.forEach((st, i) => {
            if (st.effect === "Allow" && isPublicPrincipal(st) && isUnconditional(st)) {
                reportViolation(`The key policy's ${describeStatement(st, i)} allows every principal; name the account or roles, or add a condition.`);
            }
        });
    }),
};

export const kmsPolicies = [kmsKeyRotationEnabled, kmsKeyPolicyNotPublic];
