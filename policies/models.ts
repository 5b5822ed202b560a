// Every model the stack is configured for is fully wired: a model package group to register versions in,
// a retraining trigger (staging, where models are trained), and alarms on its regression quality metrics.
//
// Which models: the policy config `models` (names); the preview runner fills it in from the preview's
// `mlops:models` config, and `npm run pack-config` writes it for `pulumi preview --policy-pack`. A root stack
// output `models` (names, or objects with a name) is used as well when the program exports one.

import { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";

import { asArray, configOf, containsToken, ConfigProperties, environmentSchema, logicalName, peek, requireEnvironment, tagsOf } from "./lib/policy";
import { dependsOn, StackView, T } from "./lib/stack";

interface ModelsConfig {
    models: string[];
}

const modelsDefaults: ModelsConfig = { models: [] };

const modelsSchema: ConfigProperties = {
    models: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Names of the models the stack serves (mlops:models[].name).",
    },
};

/** The models of the stack: from policy config, plus a `models` output of the root stack resource. */
export function modelsOf(args: StackValidationArgs, view: StackView): string[] {
    const names = new Set(configOf(args, modelsDefaults).models);
    const output = view.root ? peek(view.root.props, "models") : undefined;
    for (const m of Array.isArray(output) ? output : []) {
        const name = typeof m === "string" ? m : m && typeof m === "object" ? (m as Record<string, unknown>).name : undefined;
        if (typeof name === "string" && name) {
            names.add(name);
        }
    }
    return [...names];
}

function requireModels(args: StackValidationArgs, view: StackView): string[] {
    const models = modelsOf(args, view);
    if (models.length === 0) {
        args.notApplicable("No models are configured for this stack (policy config 'models')");
    }
    return models;
}

/** The names a resource goes by: its logical name and its name-like inputs. */
function namesOf(r: PolicyResource): string[] {
    const props = ["name", "modelPackageGroupName", "pipelineName", "alarmName"].map(p => peek(r.props, p));
    return [logicalName(r), ...props.filter((v): v is string => typeof v === "string")];
}

/**
 * True if the resource is the model's: tagged `model=<name>`, or named with the model's name as a
 * hyphen-delimited part (`mlops-staging-house-prices-group`).
 */
export function belongsTo(r: PolicyResource | undefined, model: string): boolean {
    if (!r) {
        return false;
    }
    const tag = tagsOf(r.props).model;
    if (typeof tag === "string") {
        return tag === model;
    }
    return namesOf(r).some(n => containsToken(n, model));
}

export const modelHasPackageGroup: StackValidationPolicy = {
    name: "model-has-package-group",
    description: "Every configured model has a SageMaker model package group that its versions are registered in.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...modelsSchema } },
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const groups = view.ofType(T.modelPackageGroup);
        for (const model of requireModels(args, view)) {
            if (!groups.some(g => belongsTo(g, model))) {
                reportViolation(`Model '${model}' has no model package group (type ${T.modelPackageGroup}, tagged model=${model} or named after the model).`, view.root?.urn);
            }
        }
    },
};

const PIPELINE_ARN = /^arn:[^:]+:sagemaker:[^:]*:[^:]*:pipeline\//i;

interface Trigger {
    via: PolicyResource[];
}

/** EventBridge rules and schedules that start a SageMaker pipeline, with what they go through. */
function retrainingTriggers(view: StackView): Trigger[] {
    const pipelines = view.ofType(T.sagemakerPipeline);
    const pipelineOf = (arn: unknown, from: PolicyResource, property: string) => pipelines.find(p => {
        const name = peek(p.props, "pipelineName");
        return (typeof arn === "string" && typeof name === "string" && arn.toLowerCase().endsWith(`pipeline/${name.toLowerCase()}`))
            || dependsOn(from, p, property);
    });
    const triggers: Trigger[] = [];
    const rules = view.ofType(T.eventRule);
    for (const target of view.ofType(T.eventTarget)) {
        const arn = peek(target.props, "arn");
        if (!target.props.sagemakerPipelineTarget && !(typeof arn === "string" && PIPELINE_ARN.test(arn))) {
            continue;
        }
        const rule = rules.find(r => r.props.name === target.props.rule) ?? rules.find(r => dependsOn(target, r, "rule"));
        if (!rule || rule.props.state === "DISABLED" || rule.props.isEnabled === false) {
            continue;
        }
        const pipeline = pipelineOf(arn, target, "arn");
        triggers.push({ via: [rule, target, ...(pipeline ? [pipeline] : [])] });
    }
    for (const schedule of view.ofType(T.schedule)) {
        const arn = peek(schedule.props.target ?? {}, "arn");
        if (schedule.props.state === "DISABLED" || !(typeof arn === "string" && PIPELINE_ARN.test(arn))) {
            continue;
        }
        const pipeline = pipelineOf(arn, schedule, "target");
        triggers.push({ via: [schedule, ...(pipeline ? [pipeline] : [])] });
    }
    return triggers;
}

export const modelHasRetrainingTrigger: StackValidationPolicy = {
    name: "model-has-retraining-trigger",
    description: "In staging, every configured model has an enabled EventBridge rule or schedule that starts its SageMaker training pipeline.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...modelsSchema, ...environmentSchema } },
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        requireEnvironment(args, view.root?.urn ?? args.resources[0]?.urn ?? "", "staging");
        const triggers = retrainingTriggers(view);
        for (const model of requireModels(args, view)) {
            if (!triggers.some(t => t.via.some(r => belongsTo(r, model)))) {
                reportViolation(`Model '${model}' has no retraining trigger: an enabled EventBridge rule with a target (or a schedule) that starts its SageMaker pipeline, tagged model=${model} or named after the model.`, view.root?.urn);
            }
        }
    },
};

/** Regression quality metrics the monitoring function publishes. */
const QUALITY_METRIC = /^(mse|rmse|mae|r2|r_?squared)$/i;

function alarmMetrics(alarm: PolicyResource): string[] {
    return [
        alarm.props.metricName,
        ...asArray<Record<string, any>>(alarm.props.metricQueries).map(q => q.metric?.metricName),
    ].filter((m): m is string => typeof m === "string");
}

function alarmDimensionValues(alarm: PolicyResource): string[] {
    const dims = [alarm.props.dimensions, ...asArray<Record<string, any>>(alarm.props.metricQueries).map(q => q.metric?.dimensions)];
    return dims.flatMap(d => (d && typeof d === "object" ? Object.values(d as Record<string, unknown>) : [])).map(String);
}

export const modelHasQualityAlarms: StackValidationPolicy = {
    name: "model-has-quality-alarms",
    description: "Every configured model has at least one CloudWatch alarm on a regression quality metric (MSE, RMSE, MAE or R2).",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...modelsSchema } },
    validateStack: (args, reportViolation) => {
        const view = StackView.of(args);
        const alarms = view.ofType(T.metricAlarm).filter(a => alarmMetrics(a).some(m => QUALITY_METRIC.test(m)));
        for (const model of requireModels(args, view)) {
            if (!alarms.some(a => belongsTo(a, model) || alarmDimensionValues(a).includes(model))) {
                reportViolation(`Model '${model}' has no quality alarm: a CloudWatch metric alarm on MSE, RMSE, MAE or R2, tagged model=${model}, named after the model or with it as a dimension value.`, view.root?.urn);
            }
        }
    },
};

export const modelPolicies = [modelHasPackageGroup, modelHasRetrainingTrigger, modelHasQualityAlarms];
