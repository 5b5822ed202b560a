package dev.mlops.config;

import static dev.mlops.config.StackYaml.dataSource;
import static dev.mlops.config.StackYaml.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.config.DataSourceSettings.Column;
import dev.mlops.config.DataSourceSettings.ColumnType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mlops:dataSources}: where batches come from, when they are ingested, and what a batch must look like. */
class DataSourceSettingsTest extends StackFileParsing {

    private static final String AT = "mlops:dataSources[0]";

    private StackYaml with(StackYaml.Entry... sources) {
        return minimal().dataSources(sources);
    }

    private static StackYaml.Entry withColumns(String columns) {
        return dataSource().with("expectations", "{columns: " + columns + "}");
    }

    // ---------------------------------------------------------------- accepted forms

    @Test
    void noDataSourcesByDefault() {
        assertThat(settingsOf(minimal()).dataSources()).isEmpty();
    }

    @Test
    void aDataSourceWithEveryField() {
        DataSourceSettings s = settingsOf(with(dataSource().with("expectations", """
                {minRows: 500, columns: [\
                {name: price, type: number, min: 1000, max: 2.5e7}, \
                {name: bedrooms, type: integer, min: 0}, \
                {name: postcode, type: string}, \
                {name: has_garden, type: boolean, required: false}]}"""))).dataSources().get(0);

        assertThat(s.name()).isEqualTo("house-sales");
        assertThat(s.sourceUri()).isEqualTo("s3://partner-landing/house-sales/");
        assertThat(s.schedule()).isEqualTo("cron(0 3 * * ? *)");
        assertThat(s.expectations().minRows()).isEqualTo(500);
        assertThat(s.expectations().columns()).containsExactly(
                new Column("price", ColumnType.NUMBER, true, Optional.of(1000.0), Optional.of(2.5e7)),
                new Column("bedrooms", ColumnType.INTEGER, true, Optional.of(0.0), Optional.empty()),
                new Column("postcode", ColumnType.STRING, true, Optional.empty(), Optional.empty()),
                new Column("has_garden", ColumnType.BOOLEAN, false, Optional.empty(), Optional.empty()));
        assertThat(ColumnType.INTEGER.key()).isEqualTo("integer");
    }

    @Test
    void minRowsDefaultsToOne() {
        assertThat(settingsOf(with(withColumns("[{name: price, type: number}]"))).dataSources().get(0).expectations().minRows())
                .isEqualTo(1);
    }

    @Test
    void severalSourcesKeepTheirOrder() {
        assertThat(settingsOf(with(dataSource().with("name", "rents"), dataSource(), dataSource().with("name", "a1")))
                .dataSources()).extracting(DataSourceSettings::name).containsExactly("rents", "house-sales", "a1");
    }

    @Test
    void dataSourcesMustBeAList() {
        ConfigProblem p = onlyProblem(minimal().with("mlops:dataSources", dataSource().toString()));

        assertThat(p.path()).isEqualTo("mlops:dataSources");
        assertThat(p.message()).contains("expected a list", "found an object");
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        ConfigProblem p = onlyProblem(with(dataSource().with("shedule", "\"rate(1 day)\"")));

        assertThat(p.path()).isEqualTo(AT + ".shedule");
        assertThat(p.message()).contains("unknown key", "did you mean \"" + AT + ".schedule\"?");
    }

    // ---------------------------------------------------------------- name

    @ParameterizedTest(name = "name: {0}")
    @ValueSource(strings = {"House_Sales", "house sales", "-sales", "sales-", "sales--eu", "s234567890123456789012345678901234"})
    void namePattern(String name) {
        ConfigProblem p = onlyProblem(with(dataSource().with("name", "\"" + name + "\"")));

        assertThat(p.path()).isEqualTo(AT + ".name");
        assertThat(p.message()).contains("\"" + name + "\" is not allowed", "1 to 32 lowercase letters, digits and single hyphens");
    }

    @Test
    void requiredFields() {
        assertThat(problemsOf(with(dataSource().without("name").without("sourceUri").without("schedule")))).containsExactly(
                AT + ".name: is required: the data source's name, e.g. house-sales",
                AT + ".schedule: is required: when to ingest, e.g. cron(0 3 * * ? *)",
                AT + ".sourceUri: is required: where batches arrive, e.g. s3://partner-landing/house-sales/");
    }

    @Test
    void duplicateNames() {
        ConfigProblem p = onlyProblem(with(dataSource(), dataSource().with("name", "rents"), dataSource()));

        assertThat(p.path()).isEqualTo("mlops:dataSources[2].name");
        assertThat(p.message()).isEqualTo("\"house-sales\" is used by another data source; names must be unique");
    }

    // ---------------------------------------------------------------- sourceUri

    @ParameterizedTest(name = "sourceUri: {0}")
    @ValueSource(strings = {"s3://partner-landing", "s3://partner-landing/", "s3://abc/house-sales/2024/", "s3://a.b-c/x=1/(y)"})
    void validSourceUri(String uri) {
        assertThat(settingsOf(with(dataSource().with("sourceUri", "\"" + uri + "\""))).dataSources().get(0).sourceUri()).isEqualTo(uri);
    }

    @ParameterizedTest(name = "sourceUri: [{0}]")
    @ValueSource(strings = {"https://partner-landing.s3.amazonaws.com/house-sales/", "partner-landing/house-sales/", "s3://",
            "s3://Partner-Landing/", "s3://ab/house-sales/", "s3://partner landing/", "s3://-partner/", "s3a://partner-landing/",
            "S3://partner-landing/", "s3://partner-landing/house sales/", "arn:aws:s3:::partner-landing", ""})
    void badSourceUri(String uri) {
        ConfigProblem p = onlyProblem(with(dataSource().with("sourceUri", "\"" + uri + "\"")));

        assertThat(p.path()).isEqualTo(AT + ".sourceUri");
        assertThat(p.message()).isEqualTo("\"" + uri + "\" is not allowed: an S3 location such as s3://partner-landing/house-sales/");
    }

    // ---------------------------------------------------------------- schedule

    @ParameterizedTest(name = "schedule: {0}")
    @ValueSource(strings = {
            "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(6 hours)", "rate(1 day)", "rate(7 days)",
            "rate(1000000 minutes)",
            "cron(0 3 * * ? *)", "cron(0/15 * ? * MON-FRI *)", "cron(0 8 1 * ? *)", "cron(15 10 ? * 6L 2026-2030)",
            "cron(0 9 ? * 2#1 *)", "cron(0 0 L * ? *)", "cron(0 12 1,15 JAN,JUL ? *)", "cron(0 6 ? * MON *)",
            "cron(0 0 W * ? *)"})
    void validSchedule(String schedule) {
        assertThat(settingsOf(with(dataSource().with("schedule", "\"" + schedule + "\""))).dataSources().get(0).schedule())
                .isEqualTo(schedule);
        assertThat(Schedules.valid(schedule)).isTrue();
    }

    @ParameterizedTest(name = "schedule: [{0}]")
    @ValueSource(strings = {
            // rate: the unit agrees with the number, the number is at least 1
            "rate(1 hours)", "rate(5 minute)", "rate(1 days)", "rate(2 day)", "rate(0 days)", "rate(0 minute)", "rate(-1 days)",
            "rate(1 week)", "rate(1day)", "rate( 1 day)", "rate(1.5 hours)", "rate(99999999999999999999 days)",
            "rate(1000001 minutes)", "Rate(1 day)", "rate(1 Day)", "rate()",
            // cron: six fields, exactly one of day-of-month and day-of-week is '?'
            "cron(0 3 * * * *)", "cron(0 3 ? * ? *)", "cron(0 3 * * ?)", "cron(0 3 * * ? * *)", "cron()", "cron(0 3 * * ? *",
            "cron(0 3 * * ? x)", "0 3 * * ? *", "cron(0 3 * * ? *) ",
            // neither
            "every day at 3", "daily", "at(2026-01-01T03:00:00)", "@daily", ""})
    void badSchedule(String schedule) {
        ConfigProblem p = onlyProblem(with(dataSource().with("schedule", "\"" + schedule + "\"")));

        assertThat(p.path()).isEqualTo(AT + ".schedule");
        assertThat(p.message()).startsWith("\"" + schedule + "\" is not an EventBridge schedule: ")
                .contains("rate(<n> minute[s]|hour[s]|day[s])", "cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)",
                        "with ? in day-of-month or day-of-week", "e.g. cron(0 3 * * ? *)");
        assertThat(Schedules.valid(schedule)).isFalse();
    }

    @Test
    void scheduleMustBeText() {
        ConfigProblem p = onlyProblem(with(dataSource().with("schedule", "{rate: 1 day}")));

        assertThat(p.path()).isEqualTo(AT + ".schedule");
        assertThat(p.message()).contains("expected text, found an object");
    }

    // ---------------------------------------------------------------- expectations

    @ParameterizedTest(name = "minRows: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            0          | 0 is out of range 1..1000000000
            -5         | -5 is out of range 1..1000000000
            1000000001 | 1000000001 is out of range 1..1000000000
            many       | "many" is not a whole number
            """)
    void minRowsOutOfRange(String minRows, String message) {
        ConfigProblem p = onlyProblem(with(dataSource().with("expectations", "{minRows: " + minRows + ", columns: [{name: a, type: string}]}")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.minRows");
        assertThat(p.message()).isEqualTo(message);
    }

    @Test
    void minRowsBounds() {
        assertThat(settingsOf(with(dataSource().with("expectations", "{minRows: 1000000000, columns: [{name: a, type: string}]}")))
                .dataSources().get(0).expectations().minRows()).isEqualTo(1_000_000_000);
    }

    @Test
    void expectationsAreRequiredForTheirColumns() {
        ConfigProblem p = onlyProblem(with(dataSource().without("expectations")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns");
        assertThat(p.message()).startsWith("is required: the batch's columns").contains("{name: price, type: number, min: 0}");
    }

    @Test
    void columnsAreRequired() {
        ConfigProblem p = onlyProblem(with(dataSource().with("expectations", "{minRows: 5}")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns");
        assertThat(p.message()).startsWith("is required: the batch's columns");
    }

    @Test
    void expectationsThatAreNoObjectAreReportedOnce() {
        // Not also "columns is required": the key is there, it holds the wrong thing.
        ConfigProblem p = onlyProblem(with(dataSource().with("expectations", "[{name: price, type: number}]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations");
        assertThat(p.message()).contains("expected an object with named settings", "found a list");
    }

    @Test
    void emptyColumns() {
        ConfigProblem p = onlyProblem(with(withColumns("[]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns");
        assertThat(p.message()).isEqualTo("must list at least one column");
    }

    @Test
    void columnsMustBeAList() {
        ConfigProblem p = onlyProblem(with(withColumns("{name: price, type: number}")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns");
        assertThat(p.message()).contains("expected a list", "found an object");
    }

    @Test
    void duplicateColumn() {
        ConfigProblem p = onlyProblem(with(withColumns("[{name: price, type: number}, {name: rooms, type: integer},"
                + " {name: price, type: integer}]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns[2].name");
        assertThat(p.message()).isEqualTo("\"price\" is listed twice");
    }

    @Test
    void columnNeedsNameAndType() {
        assertThat(problemsOf(with(withColumns("[{required: false}]")))).containsExactly(
                AT + ".expectations.columns[0].name: is required: the column's header name",
                AT + ".expectations.columns[0].type: is required: one of number, integer, string, boolean");
    }

    @ParameterizedTest(name = "column name: {0}")
    @ValueSource(strings = {"1st_floor", "living area", "price!", "-price"})
    void badColumnName(String name) {
        ConfigProblem p = onlyProblem(with(withColumns("[{name: \"" + name + "\", type: number}]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns[0].name");
        assertThat(p.message()).contains("\"" + name + "\" is not allowed", "starting with a letter or '_'");
    }

    @ParameterizedTest(name = "type: {0}")
    @CsvSource({"numbr, number", "Integer, integer", "strings, string", "boolen, boolean"})
    void unknownColumnTypeSuggestsTheClosest(String type, String suggestion) {
        ConfigProblem p = onlyProblem(with(withColumns("[{name: price, type: " + type + "}]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns[0].type");
        assertThat(p.message()).isEqualTo("\"" + type + "\" is not allowed; did you mean \"" + suggestion + "\"?; "
                + "allowed: number, integer, string, boolean");
    }

    @ParameterizedTest(name = "type: {0}")
    @ValueSource(strings = {"timestamp", "bool", "int"})
    void unknownColumnTypeWithoutCloseMatch(String type) {
        ConfigProblem p = onlyProblem(with(withColumns("[{name: sold_at, type: " + type + "}]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns[0].type");
        assertThat(p.message()).isEqualTo("\"" + type + "\" is not allowed; allowed: number, integer, string, boolean");
    }

    @Test
    void yamlNanIsNotReadOffline() {
        // Jackson's YAML reader refuses .nan/.inf; the file is rejected where it says so, not with a stack trace.
        assertThat(problemsOf(with(withColumns("[{name: price, type: number, min: .nan}]")))).singleElement().asString()
                .startsWith("(file): is not valid YAML: line ").contains("'.nan'");
    }

    @Test
    void minAboveMax() {
        ConfigProblem p = onlyProblem(with(withColumns("[{name: price, type: number, min: 2000, max: 1000.5}]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns[0].max");
        assertThat(p.message()).isEqualTo("1000.5 is below min (2000)");
    }

    @Test
    void minEqualToMaxIsAllowed() {
        assertThat(settingsOf(with(withColumns("[{name: floors, type: integer, min: 1, max: 1}]"))).dataSources()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} on a {1} column")
    @CsvSource({"min, string", "max, string", "min, boolean", "max, boolean"})
    void boundOnAColumnWithoutOrder(String bound, String type) {
        ConfigProblem p = onlyProblem(with(withColumns("[{name: postcode, type: " + type + ", " + bound + ": 1}]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns[0]." + bound);
        assertThat(p.message()).isEqualTo("applies only to number and integer columns, not " + type);
    }

    @ParameterizedTest(name = "min: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            low    | "low" is not a finite number
            '.nan' | ".nan" is not a finite number
            NaN    | "NaN" is not a finite number
            "inf"  | "inf" is not a finite number
            1e999  | is too large: Infinity is not a finite number
            -1e999 | is too large: -Infinity is not a finite number
            1.5d   | "1.5d" is not a finite number
            [1]    | expected a number, found a list
            true   | expected a number, found the boolean true
            """)
    void boundMustBeAFiniteNumber(String min, String message) {
        ConfigProblem p = onlyProblem(with(withColumns("[{name: price, type: number, min: " + min + "}]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns[0].min");
        assertThat(p.message()).isEqualTo(message);
    }

    @Test
    void requiredIsABoolean() {
        ConfigProblem p = onlyProblem(with(withColumns("[{name: price, type: number, required: mostly}]")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.columns[0].required");
        assertThat(p.message()).contains("\"mostly\" is not a boolean");
    }

    @Test
    void unknownColumnKeySuggestsTheClosest() {
        assertThat(problemsOf(with(withColumns("[{name: price, typ: number}]")))).containsExactly(
                AT + ".expectations.columns[0].typ: unknown key; did you mean \"" + AT + ".expectations.columns[0].type\"?",
                AT + ".expectations.columns[0].type: is required: one of number, integer, string, boolean");
    }

    @Test
    void unknownColumnKeyWithoutCloseMatchListsTheKnownKeys() {
        assertThat(problemsOf(with(withColumns("[{name: price, type: number, maximum: 5}]")))).containsExactly(
                AT + ".expectations.columns[0].maximum: unknown key; known keys here: name, type, required, min, max");
    }

    @Test
    void unknownExpectationsKeySuggestsTheClosest() {
        ConfigProblem p = onlyProblem(with(dataSource().with("expectations", "{minRow: 5, columns: [{name: a, type: string}]}")));

        assertThat(p.path()).isEqualTo(AT + ".expectations.minRow");
        assertThat(p.message()).contains("did you mean \"" + AT + ".expectations.minRows\"?");
    }

    @Test
    void columnProblemsInSeveralSourcesNameTheirSource() {
        List<String> problems = problemsOf(with(dataSource(),
                dataSource().with("name", "rents").with("expectations", "{columns: [{name: rent, type: money}]}")));

        assertThat(problems).singleElement().asString().startsWith("mlops:dataSources[1].expectations.columns[0].type: \"money\"");
    }
}
