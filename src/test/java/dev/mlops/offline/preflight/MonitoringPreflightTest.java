package dev.mlops.offline.preflight;

import static dev.mlops.offline.preflight.PreflightTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** EventBridge and CloudWatch limits of the retraining triggers and the quality alarms, each with a value AWS rejects and one it accepts. */
class MonitoringPreflightTest {

    private static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 days)", "rate(0 hours)", "cron(0 4 * * * *)", "cron(0 4 ? * MON)", "every monday", "rate(2 weeks)"})
    void eventBridgeRejectsTheseSchedules(String expression) {
        assertThat(check(RULE, "r", "{\"name\": \"r\", \"scheduleExpression\": \"" + expression + "\"}"))
                .singleElement().satisfies(f -> assertThat(f.property()).isEqualTo("scheduleExpression"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 day)", "rate(6 hours)", "cron(0 4 ? * MON *)", "cron(10 * * * ? *)"})
    void andAcceptsThese(String expression) {
        assertThat(check(RULE, "r", "{\"name\": \"r\", \"scheduleExpression\": \"" + expression + "\"}")).isEmpty();
    }

    @Test
    void aRuleNeedsAScheduleOrAPatternAndThePatternMustBeAJsonObject() {
        assertThat(check(RULE, "r", "{\"name\": \"r\"}")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("schedule expression or an event pattern"));
        assertThat(check(RULE, "r", "{\"name\": \"r\", \"eventPattern\": \"[1]\"}")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("JSON object"));
        assertThat(check(RULE, "r", "{\"name\": \"r\", \"eventPattern\": \"{\\\"source\\\": [\\\"aws.s3\\\"]}\"}")).isEmpty();
    }

    @Test
    void anAutoNamedRuleNameFitsIn64Characters() {
        String name = "r".repeat(65);
        assertThat(check(RULE, name, "{\"name\": \"" + name + "\", \"scheduleExpression\": \"rate(1 day)\", \"__defaults\": [\"name\"]}"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("1..64").contains("keep the logical name to 56"));
    }

    @ParameterizedTest
    @CsvSource({"186, 3600, maximumRetryAttempts", "3, 59, maximumEventAgeInSeconds", "3, 86401, maximumEventAgeInSeconds"})
    void aTargetsRetryPolicyStaysInEventBridgesRange(int attempts, int age, String property) {
        assertThat(check(TARGET, "t", "{\"retryPolicy\": {\"maximumRetryAttempts\": " + attempts + ", \"maximumEventAgeInSeconds\": " + age + "}}"))
                .singleElement().satisfies(f -> assertThat(f.property()).isEqualTo("retryPolicy." + property));
        assertThat(check(TARGET, "t", "{\"retryPolicy\": {\"maximumRetryAttempts\": 185, \"maximumEventAgeInSeconds\": 86400}}")).isEmpty();
    }

    @Test
    void aMetricMathAlarmReturnsExactlyOneSeriesWithIdsCloudWatchAccepts() {
        String query = "{\"id\": \"%s\", \"returnData\": %s, \"metric\": {\"period\": 3600}}";
        String twoReturning = "{\"evaluationPeriods\": 3, \"threshold\": 1, \"metricQueries\": [" + query.formatted("a", true) + ", "
                + query.formatted("b", true) + "]}";
        assertThat(check(ALARM, "a", twoReturning)).singleElement().satisfies(f -> assertThat(f.message()).contains("exactly one"));
        String badId = "{\"evaluationPeriods\": 3, \"threshold\": 1, \"metricQueries\": [" + query.formatted("Value", true) + "]}";
        assertThat(check(ALARM, "a", badId)).singleElement().satisfies(f -> assertThat(f.property()).isEqualTo("metricQueries[0].id"));
        String fine = "{\"evaluationPeriods\": 3, \"threshold\": 1, \"metricQueries\": [" + query.formatted("value", false) + ", "
                + "{\"id\": \"counted\", \"expression\": \"IF(value > 1, value)\", \"returnData\": true}]}";
        assertThat(check(ALARM, "a", fine)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"3600, 168, true", "3600, 169, false", "300, 288, true", "300, 289, false"})
    void anAlarmEvaluatesAtMostOneDayOfShortPeriodsAndSevenDaysOfHourlyOnes(int period, int periods, boolean accepted) {
        var findings = check(ALARM, "a", "{\"period\": " + period + ", \"evaluationPeriods\": " + periods + ", \"threshold\": 1}");
        assertThat(findings.isEmpty()).isEqualTo(accepted);
    }

    @Test
    void datapointsToAlarmCannotExceedTheEvaluationPeriods() {
        assertThat(check(ALARM, "a", "{\"period\": 3600, \"evaluationPeriods\": 2, \"datapointsToAlarm\": 3, \"threshold\": 1}"))
                .singleElement().satisfies(f -> assertThat(f.property()).isEqualTo("datapointsToAlarm"));
    }

    @Test
    void dashboardsNeedAPlainNameAndAWidgetsList() {
        String type = "aws:cloudwatch/dashboard:Dashboard";
        assertThat(check(type, "d", "{\"dashboardName\": \"house prices\", \"dashboardBody\": \"{\\\"widgets\\\": []}\"}"))
                .singleElement().satisfies(f -> assertThat(f.property()).isEqualTo("dashboardName"));
        assertThat(check(type, "d", "{\"dashboardName\": \"house-prices\", \"dashboardBody\": \"{}\"}"))
                .singleElement().satisfies(f -> assertThat(f.property()).isEqualTo("dashboardBody"));
        assertThat(check(type, "d", "{\"dashboardName\": \"house-prices\", \"dashboardBody\": \"{\\\"widgets\\\": []}\"}")).isEmpty();
    }

    @Test
    void aCompositeAlarmRuleFitsCloudWatchsLimit() {
        String type = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
        assertThat(check(type, "c", "{\"alarmName\": \"q\", \"alarmRule\": \"" + "x".repeat(10241) + "\"}")).singleElement()
                .satisfies(f -> assertThat(f.property()).isEqualTo("alarmRule"));
        assertThat(check(type, "c", "{\"alarmName\": \"q\", \"alarmRule\": \"ALARM(\\\"a\\\")\"}")).isEmpty();
    }
}
