// Monitoring: an alarm that changes state unseen protects nothing.

import { ResourceValidationPolicy } from "@pulumi/policy";

import { asArray, resourceOfType } from "./lib/policy";
import { T } from "./lib/stack";

export const alarmsHaveActions: ResourceValidationPolicy = {
    name: "alarms-have-actions",
    description: "Every CloudWatch metric alarm notifies someone through alarmActions.",
    enforcementLevel: "advisory",
    validateResource: resourceOfType(T.metricAlarm, (alarm, _, reportViolation) => {
        if (alarm.actionsEnabled === false) {
            reportViolation("actionsEnabled is false; the alarm changes state silently.");
        } else if (asArray(alarm.alarmActions).length === 0) {
            reportViolation("alarmActions is empty; add the platform's alert topic so people learn about it.");
        }
    }),
};

export const monitoringPolicies = [alarmsHaveActions];
