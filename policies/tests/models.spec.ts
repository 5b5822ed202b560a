import { describe, it } from "node:test";

import { T } from "../lib/stack";
import { modelHasPackageGroup, modelHasQualityAlarms, modelHasRetrainingTrigger } from "../models";
import { assertNotApplicable, assertPasses, assertViolates, runStack, Spec, stackArgs } from "./helpers";
import { MODELS, registry, retraining } from "./platform";

const staging = (): Spec[] => [...registry("staging"), ...retraining("staging")];
const without = (specs: Spec[], type: string) => specs.filter(s => s.type !== type);

describe('"model-has-package-group"', () => {
    it("passes a model with its model package group (tagged model=...)", async () => {
        assertPasses(await runStack(modelHasPackageGroup, stackArgs(staging(), { config: MODELS })));
    });
    it("recognises a group named after the model", async () => {
        const specs = staging().map(s => (s.type === T.modelPackageGroup ? { ...s, props: { modelPackageGroupName: "mlops-staging-house-prices" } } : s));
        assertPasses(await runStack(modelHasPackageGroup, stackArgs(specs, { config: MODELS })));
    });
    it("reports a model without a group", async () => {
        assertViolates(await runStack(modelHasPackageGroup, stackArgs(without(staging(), T.modelPackageGroup), { config: MODELS })), "Model 'house-prices' has no model package group");
    });
    it("reports a second model whose group is missing, taking models from a stack output", async () => {
        const result = await runStack(modelHasPackageGroup, stackArgs(staging(), { exports: { models: [{ name: "house-prices" }, { name: "rent-index" }] } }));
        assertViolates(result, "Model 'rent-index'");
    });
    it("does not apply when no models are configured", async () => {
        assertNotApplicable(await runStack(modelHasPackageGroup, stackArgs(staging())), "No models");
    });
});

describe('"model-has-retraining-trigger"', () => {
    it("passes an enabled rule whose target starts the model's pipeline", async () => {
        assertPasses(await runStack(modelHasRetrainingTrigger, stackArgs(staging(), { config: MODELS })));
    });
    it("passes an EventBridge Scheduler schedule starting the pipeline", async () => {
        const schedule: Spec = {
            type: T.schedule, name: "mlops-staging-retraining-house-prices-weekly",
            props: { scheduleExpression: "rate(7 days)", target: { arn: "arn:aws:sagemaker:eu-west-1:111111111111:pipeline/mlops-staging-house-prices-training", roleArn: "r" } },
        };
        const specs = [...without(without(staging(), T.eventRule), T.eventTarget), schedule];
        assertPasses(await runStack(modelHasRetrainingTrigger, stackArgs(specs, { config: MODELS })));
    });
    it("reports a model without a trigger", async () => {
        assertViolates(await runStack(modelHasRetrainingTrigger, stackArgs(without(staging(), T.eventTarget), { config: MODELS })), "Model 'house-prices' has no retraining trigger");
    });
    it("reports a disabled rule", async () => {
        const specs = staging().map(s => (s.type === T.eventRule ? { ...s, props: { ...s.props, state: "DISABLED" } } : s));
        assertViolates(await runStack(modelHasRetrainingTrigger, stackArgs(specs, { config: MODELS })), "no retraining trigger");
    });
    it("applies to staging stacks only (models are trained there)", async () => {
        assertNotApplicable(await runStack(modelHasRetrainingTrigger, stackArgs([], { stack: "prod", config: MODELS })), "staging stacks");
    });
});

describe('"model-has-quality-alarms"', () => {
    it("passes an RMSE alarm with the model as a dimension", async () => {
        assertPasses(await runStack(modelHasQualityAlarms, stackArgs(staging(), { config: MODELS })));
    });
    it("passes an R2 alarm by metric math, tagged with the model", async () => {
        const alarm: Spec = { type: T.metricAlarm, name: "quality", props: { metricQueries: [{ id: "r2", metric: { metricName: "R2", namespace: "mlops/quality" } }], tags: { model: "house-prices" } } };
        assertPasses(await runStack(modelHasQualityAlarms, stackArgs([...without(staging(), T.metricAlarm), alarm], { config: MODELS })));
    });
    it("reports a model whose only alarm watches latency", async () => {
        const specs = staging().map(s => (s.type === T.metricAlarm ? { ...s, props: { ...s.props, metricName: "ModelLatency" } } : s));
        assertViolates(await runStack(modelHasQualityAlarms, stackArgs(specs, { config: MODELS })), "Model 'house-prices' has no quality alarm");
    });
});
