// The data lake's buckets: versioned, encrypted with a customer-managed KMS key, never public, owner-enforced
// (no ACLs), TLS-only, and expiring old versions. aws 6.x configures a BucketV2 through separate resources,
// so each guarantee is a stack policy that finds the bucket's configuration resource.

import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { coversAction, coversResource, describeStatement, isPublicPrincipal, isUnconditional, parseDocument } from "./lib/iamDocument";
import { asArray, isNonEmptyString, peek, resourceOfType, UNKNOWN } from "./lib/policy";
import { BUCKET_TYPES, dependsOn, label, StackView, T } from "./lib/stack";

/** The names other resources use for a bucket: its name (also its id) and, once created, its ARN. */
export function bucketNames(bucket: PolicyResource): unknown[] {
    return [peek(bucket.props, "bucket"), peek(bucket.props, "id"), peek(bucket.props, "arn")];
}

/** The bucket's name if known (auto-named names are known at preview time). */
export function bucketName(bucket: PolicyResource): string | undefined {
    const name = peek(bucket.props, "bucket");
    return typeof name === "string" ? name : undefined;
}

/** The configuration resources of `type` that apply to `bucket`. */
export function configsOf(view: StackView, bucket: PolicyResource, type: string): PolicyResource[] {
    return view.referring([type], "bucket", bucket, bucketNames(bucket));
}

/** Runs `check` for every bucket of the stack, reporting on the bucket. */
function eachBucket(
    view: StackView,
    report: (message: string, urn?: string) => void,
    check: (bucket: PolicyResource) => string | undefined,
): void {
    for (const bucket of view.ofType(...BUCKET_TYPES)) {
        const problem = check(bucket);
        if (problem) {
            report(`Bucket ${label(bucket)} ${problem}`, bucket.urn);
        }
    }
}

export const s3BucketVersioningEnabled: StackValidationPolicy = {
    name: "s3-bucket-versioning-enabled",
    description: "Every S3 bucket has versioning enabled, so an overwrite or delete can be undone.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        eachBucket(view, reportViolation, bucket => {
            const legacy = asArray<Record<string, unknown>>(bucket.props.versioning ?? bucket.props.versionings);
            if (legacy.some(v => v.enabled === true)) {
                return undefined;
            }
            const configs = configsOf(view, bucket, T.bucketVersioning);
            if (configs.length === 0) {
                return `has no ${T.bucketVersioning}; add one with versioningConfiguration.status "Enabled".`;
            }
            const status = configs.map(c => c.props.versioningConfiguration?.status);
            return status.includes("Enabled") ? undefined : `has versioning ${status.map(s => JSON.stringify(s)).join(", ")}; it must be "Enabled".`;
        });
    },
};

/** True if `keyId` names an AWS-managed key (`alias/aws/s3`) rather than a customer-managed one. */
function isAwsManagedKey(keyId: string): boolean {
    return /(^|:)alias\/aws\//.test(keyId);
}

export const s3BucketSseKmsCustomerKey: StackValidationPolicy = {
    name: "s3-bucket-sse-kms-customer-key",
    description: "Every S3 bucket encrypts by default with SSE-KMS under a customer-managed KMS key of this stack or account.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const keys = view.ofType(T.kmsKey);
        const { account } = view.target;
        eachBucket(view, reportViolation, bucket => {
            const configs = configsOf(view, bucket, T.bucketEncryption);
            if (configs.length === 0) {
                return `has no ${T.bucketEncryption}; add one with sseAlgorithm "aws:kms" and a customer-managed key.`;
            }
            for (const config of configs) {
                const rules = asArray<Record<string, any>>(config.props.rules);
                const sse = rules.map(r => r.applyServerSideEncryptionByDefault).find(d => d);
                if (!sse) {
                    return "has an encryption configuration without applyServerSideEncryptionByDefault.";
                }
                if (sse.sseAlgorithm !== "aws:kms" && sse.sseAlgorithm !== "aws:kms:dsse") {
                    return `encrypts with ${JSON.stringify(sse.sseAlgorithm)}; it must be "aws:kms" with a customer-managed key.`;
                }
                const keyId = peek(sse, "kmsMasterKeyId");
                if (keyId === undefined || keyId === "") {
                    return "uses SSE-KMS without kmsMasterKeyId, i.e. the AWS-managed key aws/s3; name a customer-managed key.";
                }
                if (typeof keyId === "string" && isAwsManagedKey(keyId)) {
                    return `uses the AWS-managed key ${keyId}; name a customer-managed key.`;
                }
                const ownKey = keys.some(k => dependsOn(config, k, "rules")
                    || [peek(k.props, "arn"), peek(k.props, "id"), peek(k.props, "keyId")].includes(keyId));
                const accountKey = typeof keyId === "string"
                    && new RegExp(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:${account === "*" ? "\\d{12}" : account}:key/`).test(keyId);
                if (!ownKey && !accountKey && keyId !== UNKNOWN) {
                    return `encrypts with ${JSON.stringify(keyId)}, which is neither a key of this stack nor a key ARN of account ${account}.`;
                }
            }
            return undefined;
        });
    },
};

const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3BucketPublicAccessBlocked: StackValidationPolicy = {
    name: "s3-bucket-public-access-blocked",
    description: "Every S3 bucket has a public access block with all four settings enabled.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        eachBucket(view, reportViolation, bucket => {
            const blocks = configsOf(view, bucket, T.bucketPublicAccessBlock);
            if (blocks.length === 0) {
                return `has no ${T.bucketPublicAccessBlock}; add one with ${PUBLIC_ACCESS_FLAGS.join(", ")} set to true.`;
            }
            const off = PUBLIC_ACCESS_FLAGS.filter(flag => !blocks.some(b => b.props[flag] === true));
            return off.length > 0 ? `can be made public: ${off.join(", ")} ${off.length === 1 ? "is" : "are"} not true.` : undefined;
        });
    },
};

export const s3BucketOwnerEnforced: StackValidationPolicy = {
    name: "s3-bucket-owner-enforced",
    description: "Every S3 bucket enforces bucket-owner object ownership (ACLs disabled) and no ACL is set on it.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        eachBucket(view, reportViolation, bucket => {
            const acls = configsOf(view, bucket, T.bucketAcl);
            if (acls.length > 0 || isNonEmptyString(bucket.props.acl) || asArray(bucket.props.grants).length > 0) {
                return "has an ACL; access is granted by IAM and bucket policies only.";
            }
            const controls = configsOf(view, bucket, T.bucketOwnershipControls);
            const ownership = controls.map(c => c.props.rule?.objectOwnership);
            if (!ownership.includes("BucketOwnerEnforced")) {
                return controls.length === 0
                    ? `has no ${T.bucketOwnershipControls}; add one with rule.objectOwnership "BucketOwnerEnforced".`
                    : `has object ownership ${ownership.map(o => JSON.stringify(o)).join(", ")}; it must be "BucketOwnerEnforced".`;
            }
            return undefined;
        });
    },
};

/** True if the document denies every principal every S3 action on the bucket and its objects without TLS. */
function deniesInsecureTransport(policy: unknown, bucketArn: string): boolean {
    const doc = parseDocument(policy);
    if (doc.kind !== "document") {
        return false;
    }
    return doc.statements.some(st => st.effect === "Deny"
        && isPublicPrincipal(st)
        && coversAction(st, "s3:GetObject") && coversAction(st, "s3:PutObject") && coversAction(st, "s3:ListBucket")
        && coversResource(st, bucketArn) && coversResource(st, `${bucketArn}/any-object`)
        && ["Bool", "BoolIfExists"].some(op => {
            const cond = st.condition?.[op] as Record<string, unknown> | undefined;
            const value = cond?.["aws:SecureTransport"];
            return value === "false" || value === false || (Array.isArray(value) && value.map(String).includes("false"));
        }));
}

export const s3BucketTlsOnly: StackValidationPolicy = {
    name: "s3-bucket-tls-only",
    description: "Every S3 bucket has a bucket policy that denies all requests not sent over TLS (aws:SecureTransport false).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        eachBucket(view, reportViolation, bucket => {
            const name = bucketName(bucket);
            const arn = name ? `arn:aws:s3:::${name}` : String(peek(bucket.props, "arn"));
            const policies = [
                ...configsOf(view, bucket, T.bucketPolicy).map(p => p.props.policy),
                bucket.props.policy,
            ].filter(p => p !== undefined);
            if (policies.length === 0) {
                return `has no ${T.bucketPolicy}; add one that denies s3:* on the bucket and its objects when aws:SecureTransport is false.`;
            }
            return policies.some(p => deniesInsecureTransport(p, arn))
                ? undefined
                : "has a bucket policy without a Deny of s3:* to every principal on the bucket and its objects when aws:SecureTransport is false.";
        });
    },
};

export const s3BucketPolicyNotPublic: ResourceValidationPolicy = {
    name: "s3-bucket-policy-not-public",
    description: "No bucket policy allows every principal (\"*\") without a condition.",
    enforcementLevel: "mandatory",
    validateResource: resourceOfType([T.bucketPolicy, T.bucketV2, T.bucket], (props, _, reportViolation) => {
        const doc = parseDocument(props.policy);
        if (doc.kind !== "document") {
            return;
        }
        doc.statements.forEach((st, i) => {
            if (st.effect === "Allow" && isPublicPrincipal(st) && isUnconditional(st)) {
                reportViolation(`The bucket policy's ${describeStatement(st, i)} allows ${(st.actions ?? ["everything"]).join(", ")} to every principal; the data lake is never public.`);
            }
        });
    }),
};

export const s3NoncurrentVersionsExpire: StackValidationPolicy = {
    name: "s3-noncurrent-versions-expire",
    description: "Every S3 bucket has an enabled lifecycle rule that expires noncurrent object versions, so versioning does not keep data forever.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        eachBucket(view, reportViolation, bucket => {
            const legacy = asArray<Record<string, any>>(bucket.props.lifecycleRules);
            if (legacy.some(r => r.enabled === true && asArray(r.noncurrentVersionExpirations ?? r.noncurrentVersionExpiration).length > 0)) {
                return undefined;
            }
            const rules = configsOf(view, bucket, T.bucketLifecycle).flatMap(c => asArray<Record<string, any>>(c.props.rules));
            const expiring = rules.some(r => r.status === "Enabled" && Number(r.noncurrentVersionExpiration?.noncurrentDays) > 0);
            return expiring ? undefined : "has no enabled lifecycle rule with noncurrentVersionExpiration.noncurrentDays; old versions would be kept forever.";
        });
    },
};

export const s3Policies = [
    s3BucketVersioningEnabled,
    s3BucketSseKmsCustomerKey,
    s3BucketPublicAccessBlocked,
    s3BucketOwnerEnforced,
    s3BucketTlsOnly,
    s3BucketPolicyNotPublic,
    s3NoncurrentVersionsExpire,
];
