import { describe, it } from "node:test";

import {
    s3BucketOwnerEnforced,
    s3BucketPolicyNotPublic,
    s3BucketPublicAccessBlocked,
    s3BucketSseKmsCustomerKey,
    s3BucketTlsOnly,
    s3BucketVersioningEnabled,
    s3NoncurrentVersionsExpire,
} from "../s3";
import { T } from "../lib/stack";
import { assertPasses, assertViolates, doc, resourceArgs, runResource, runStack, Spec, stackArgs } from "./helpers";
import { keyArn, secureBucket } from "./platform";

const key: Spec = { type: T.kmsKey, name: "raw-key", props: { enableKeyRotation: true } };
const good = (): Spec[] => [key, ...secureBucket("staging", "raw", "raw-key")];

/** The good bucket with the configuration resource of `type` replaced (or dropped when `props` is undefined). */
function withConfig(type: string, props?: (old: Record<string, any>) => Record<string, any>): Spec[] {
    return good().flatMap(s => (s.type !== type ? [s] : props ? [{ ...s, props: props(s.props ?? {}) }] : []));
}

describe('"s3-bucket-versioning-enabled"', () => {
    it("passes a bucket with versioning Enabled", async () => {
        assertPasses(await runStack(s3BucketVersioningEnabled, stackArgs(good())));
    });
    it("reports a bucket without a versioning resource", async () => {
        assertViolates(await runStack(s3BucketVersioningEnabled, stackArgs(withConfig(T.bucketVersioning))), "has no aws:s3/bucketVersioningV2");
    });
    it("reports suspended versioning", async () => {
        const specs = withConfig(T.bucketVersioning, p => ({ ...p, versioningConfiguration: { status: "Suspended" } }));
        assertViolates(await runStack(s3BucketVersioningEnabled, stackArgs(specs)), '"Suspended"');
    });
    it("does not count another bucket's versioning", async () => {
        const specs = withConfig(T.bucketVersioning, p => ({ ...p, bucket: "some-other-bucket" }));
        assertViolates(await runStack(s3BucketVersioningEnabled, stackArgs(specs)), "has no");
    });
});

describe('"s3-bucket-sse-kms-customer-key"', () => {
    const sse = (byDefault: Record<string, unknown>) => withConfig(T.bucketEncryption, p => ({ ...p, rules: [{ applyServerSideEncryptionByDefault: byDefault }] }));

    it("passes SSE-KMS with the stack's customer-managed key", async () => {
        assertPasses(await runStack(s3BucketSseKmsCustomerKey, stackArgs(good())));
    });
    it("passes a key ARN of the stack's own account", async () => {
        const specs = sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn("staging", "other") }).map(s => ({ ...s, deps: [] }));
        assertPasses(await runStack(s3BucketSseKmsCustomerKey, stackArgs(specs)));
    });
    it("reports a bucket without default encryption", async () => {
        assertViolates(await runStack(s3BucketSseKmsCustomerKey, stackArgs(withConfig(T.bucketEncryption))), "has no aws:s3/bucketServerSideEncryptionConfigurationV2");
    });
    it("reports SSE-S3 (AES256)", async () => {
        assertViolates(await runStack(s3BucketSseKmsCustomerKey, stackArgs(sse({ sseAlgorithm: "AES256" }))), '"AES256"');
    });
    it("reports SSE-KMS with the AWS-managed key", async () => {
        assertViolates(await runStack(s3BucketSseKmsCustomerKey, stackArgs(sse({ sseAlgorithm: "aws:kms" }))), "AWS-managed key aws/s3");
        assertViolates(await runStack(s3BucketSseKmsCustomerKey, stackArgs(sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" }))), "AWS-managed key alias/aws/s3");
    });
    it("reports a key of another account", async () => {
        const specs = sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:999999999999:key/x" }).map(s => ({ ...s, deps: [] }));
        assertViolates(await runStack(s3BucketSseKmsCustomerKey, stackArgs(specs)), "neither a key of this stack nor a key ARN of account 111111111111");
    });
});

describe('"s3-bucket-public-access-blocked"', () => {
    it("passes a bucket with all four settings on", async () => {
        assertPasses(await runStack(s3BucketPublicAccessBlocked, stackArgs(good())));
    });
    it("reports a bucket without a public access block", async () => {
        assertViolates(await runStack(s3BucketPublicAccessBlocked, stackArgs(withConfig(T.bucketPublicAccessBlock))), "has no aws:s3/bucketPublicAccessBlock");
    });
    it("reports a bucket whose policy may make it public", async () => {
        const specs = withConfig(T.bucketPublicAccessBlock, p => ({ ...p, blockPublicPolicy: false, restrictPublicBuckets: false }));
        assertViolates(await runStack(s3BucketPublicAccessBlocked, stackArgs(specs)), "blockPublicPolicy, restrictPublicBuckets are not true");
    });
});

describe('"s3-bucket-owner-enforced"', () => {
    it("passes BucketOwnerEnforced", async () => {
        assertPasses(await runStack(s3BucketOwnerEnforced, stackArgs(good())));
    });
    it("reports ObjectWriter ownership", async () => {
        const specs = withConfig(T.bucketOwnershipControls, p => ({ ...p, rule: { objectOwnership: "ObjectWriter" } }));
        assertViolates(await runStack(s3BucketOwnerEnforced, stackArgs(specs)), '"ObjectWriter"');
    });
    it("reports an ACL on the bucket", async () => {
        const bucket = good().find(s => s.type === T.bucketV2)!;
        const specs: Spec[] = [...good(), { type: T.bucketAcl, name: "acl", props: { bucket: bucket.props!.bucket, acl: "public-read" } }];
        assertViolates(await runStack(s3BucketOwnerEnforced, stackArgs(specs)), "has an ACL");
    });
});

describe('"s3-bucket-tls-only"', () => {
    it("passes a Deny of s3:* without aws:SecureTransport", async () => {
        assertPasses(await runStack(s3BucketTlsOnly, stackArgs(good())));
    });
    it("reports a bucket without a bucket policy", async () => {
        assertViolates(await runStack(s3BucketTlsOnly, stackArgs(withConfig(T.bucketPolicy))), "has no aws:s3/bucketPolicy");
    });
    it("reports a TLS deny that leaves the objects out", async () => {
        const specs = withConfig(T.bucketPolicy, p => ({
            ...p,
            policy: doc({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `arn:aws:s3:::${p.bucket}`, Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        }));
        assertViolates(await runStack(s3BucketTlsOnly, stackArgs(specs)), "without a Deny of s3:*");
    });
    it("reports a deny that is not about transport", async () => {
        const specs = withConfig(T.bucketPolicy, p => ({
            ...p,
            policy: doc({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${p.bucket}`, `arn:aws:s3:::${p.bucket}/*`] , Condition: { StringNotEquals: { "aws:PrincipalAccount": "111111111111" } } }),
        }));
        assertViolates(await runStack(s3BucketTlsOnly, stackArgs(specs)), "aws:SecureTransport is false");
    });
});

describe('"s3-bucket-policy-not-public"', () => {
    it("passes the data lake's deny-only bucket policy", async () => {
        const policy = good().find(s => s.type === T.bucketPolicy)!;
        assertPasses(await runResource(s3BucketPolicyNotPublic, resourceArgs(T.bucketPolicy, policy.props!)));
    });
    it("reports public read", async () => {
        const policy = doc({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
        assertViolates(await runResource(s3BucketPolicyNotPublic, resourceArgs(T.bucketPolicy, { bucket: "b", policy })), "statement 'PublicRead' allows s3:GetObject to every principal");
    });
});

describe('"s3-noncurrent-versions-expire"', () => {
    it("passes an enabled rule expiring noncurrent versions", async () => {
        assertPasses(await runStack(s3NoncurrentVersionsExpire, stackArgs(good())));
    });
    it("reports a bucket without lifecycle rules", async () => {
        assertViolates(await runStack(s3NoncurrentVersionsExpire, stackArgs(withConfig(T.bucketLifecycle))), "kept forever");
    });
    it("reports a disabled rule", async () => {
        const specs = withConfig(T.bucketLifecycle, p => ({ ...p, rules: p.rules.map((r: any) => ({ ...r, status: "Disabled" })) }));
        assertViolates(await runStack(s3NoncurrentVersionsExpire, stackArgs(specs)), "no enabled lifecycle rule");
    });
});
