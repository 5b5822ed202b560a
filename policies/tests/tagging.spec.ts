import { describe, it } from "node:test";

import { T } from "../lib/stack";
import {
    awsProviderDefaultTags,
    awsProviderPinsAccount,
    resourcesUseExplicitProvider,
    resourceTagsKeepDefaultTags,
} from "../tagging";
import { assertNotApplicable, assertPasses, assertViolates, providerState, resourceArgs, runResource, urnOf } from "./helpers";

const provider = (stack: string, overrides: Record<string, any> = {}) =>
    resourceArgs(T.awsProvider, providerState(stack, overrides).inputs, { stack, name: "aws", provider: null });

describe('"resources-use-explicit-provider"', () => {
    const policy = resourcesUseExplicitProvider;

    it("passes an AWS resource managed by the program's provider", async () => {
        assertPasses(await runResource(policy, resourceArgs(T.bucketV2, { bucket: "b" })));
    });

    it("reports a resource on a default provider", async () => {
        const defaultProvider = { urn: urnOf("staging", T.awsProvider, "default_6_83_0"), type: T.awsProvider, inputs: {} };
        assertViolates(await runResource(policy, resourceArgs(T.bucketV2, { bucket: "b" }, { provider: defaultProvider })), "default provider 'default_6_83_0'");
        const randomDefault = { urn: urnOf("staging", "pulumi:providers:random", "default_4_16_0"), type: "pulumi:providers:random", inputs: {} };
        assertViolates(await runResource(policy, resourceArgs("random:index/randomId:RandomId", {}, { provider: randomDefault })), "default provider");
    });

    it("reports a resource without a provider, or with another package's provider", async () => {
        assertViolates(await runResource(policy, resourceArgs(T.kmsKey, {}, { provider: null })), "names no provider");
        const tls = { urn: urnOf("staging", "pulumi:providers:tls", "tls"), type: "pulumi:providers:tls", inputs: {} };
        assertViolates(await runResource(policy, resourceArgs(T.kmsKey, {}, { provider: tls })), "not 'pulumi:providers:aws'");
    });

    it("does not apply to components, providers and stack references", async () => {
        assertNotApplicable(await runResource(policy, resourceArgs("mlops:data:DataLake", {})));
        assertNotApplicable(await runResource(policy, resourceArgs(T.awsProvider, {})));
        assertNotApplicable(await runResource(policy, resourceArgs(T.stackReference, { name: "acme/mlops/staging" })));
    });
});

describe('"aws-provider-pins-account"', () => {
    const policy = awsProviderPinsAccount;

    it("passes a provider pinned to one account (JSON text, as the engine passes provider config)", async () => {
        assertPasses(await runResource(policy, provider("staging")));
    });

    it("reports a provider without allowedAccountIds", async () => {
        assertViolates(await runResource(policy, provider("staging", { allowedAccountIds: undefined })), "allowedAccountIds is not set");
    });

    it("reports a malformed or second account", async () => {
        assertViolates(await runResource(policy, provider("staging", { allowedAccountIds: '["1234", "111111111111"]' })), "12-digit", "exactly one account");
    });
});

describe('"aws-provider-default-tags"', () => {
    const policy = awsProviderDefaultTags;

    it("passes default tags project, stack, owner and cost-center naming this stack", async () => {
        assertPasses(await runResource(policy, provider("prod")));
    });

    it("reports a missing cost-center tag", async () => {
        const tags = JSON.stringify({ tags: { project: "mlops", stack: "staging", owner: "ml-platform" } });
        assertViolates(await runResource(policy, provider("staging", { defaultTags: tags })), "'cost-center'");
    });

    it("reports a stack tag naming another stack", async () => {
        const tags = JSON.stringify({ tags: { project: "mlops", stack: "staging", owner: "o", "cost-center": "c" } });
        assertViolates(await runResource(policy, provider("prod", { defaultTags: tags })), "defaultTags.stack is 'staging' but the stack is 'prod'");
    });

    it("does not apply to other resources", async () => {
        assertNotApplicable(await runResource(policy, resourceArgs(T.bucketV2, {})));
    });
});

describe('"resource-tags-keep-default-tags"', () => {
    const policy = resourceTagsKeepDefaultTags;

    it("passes resource tags that add to the defaults or repeat them", async () => {
        assertPasses(await runResource(policy, resourceArgs(T.bucketV2, { tags: { "data-class": "raw", owner: "ml-platform" } })));
    });

    it("reports a resource that retags itself with another cost center", async () => {
        assertViolates(await runResource(policy, resourceArgs(T.bucketV2, { tags: { "cost-center": "cc-0001" } })), "tags.cost-center is 'cc-0001'");
    });
});
