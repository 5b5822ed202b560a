import { describe, it } from "node:test";

import { T } from "../lib/stack";
import { alarmsHaveActions } from "../monitoring";
import { assertPasses, assertViolates, resourceArgs, runResource } from "./helpers";

describe('"alarms-have-actions"', () => {
    it("passes an alarm that notifies the alert topic", async () => {
        assertPasses(await runResource(alarmsHaveActions, resourceArgs(T.metricAlarm, { metricName: "RMSE", alarmActions: ["arn:aws:sns:eu-west-1:111111111111:alerts"] })));
    });
    it("reports a silent alarm", async () => {
        assertViolates(await runResource(alarmsHaveActions, resourceArgs(T.metricAlarm, { metricName: "RMSE" })), "alarmActions is empty");
        assertViolates(await runResource(alarmsHaveActions, resourceArgs(T.metricAlarm, { metricName: "RMSE", alarmActions: ["a"], actionsEnabled: false })), "actionsEnabled is false");
    });
});
