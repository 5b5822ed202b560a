package dev.mlops.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A data source the data engineers ingest: where batches come from, when, and what a batch must look like
 * before it is published to the curated bucket. A batch that fails its expectations is quarantined.
 *
 * @param name         lowercase name; the batch lands under raw/{@code name}/ and is published to curated/{@code name}/
 * @param sourceUri    the S3 location new batches are copied from (a landing bucket the source writes to)
 * @param schedule     when ingestion runs, as an EventBridge schedule expression
 * @param expectations what a batch must satisfy to be published
 */
public record DataSourceSettings(String name, String sourceUri, String schedule, Expectations expectations) {

    /** @param minRows the fewest rows a batch may have */
    public record Expectations(int minRows, List<Column> columns) {
        public Expectations {
            columns = List.copyOf(columns);
        }
    }

    /** A column of the batch's CSV header: its type, whether it may be empty, and its allowed range. */
    public record Column(String name, ColumnType type, boolean required, Optional<Double> min, Optional<Double> max) {
    }

    public enum ColumnType {
        NUMBER, INTEGER, STRING, BOOLEAN;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final Check<String> S3_URI = Check.pattern("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[\\w!\\-.*'()/=]*)?",
            "an S3 location such as s3://partner-landing/house-sales/");
    static final Check<String> COLUMN_NAME = Check.pattern("[A-Za-z_][A-Za-z0-9_.-]{0,127}",
            "1 to 128 letters, digits, '_', '.' and '-', starting with a letter or '_'");

    /**
     * Reads every data source; {@code names} receives each valid name, also of a source with other problems, so a
     * model that names it is not told it is not a data source.
     */
    static List<DataSourceSettings> readAll(ConfigReader m, String key, Set<String> names) {
        List<DataSourceSettings> sources = new ArrayList<>();
        for (ConfigReader r : m.objectList(key).orElse(List.of())) {
            Field<String> nameField = r.string("name").required("the data source's name, e.g. house-sales").check(SettingsParser.MODEL_NAME);
            String name = nameField.value();
            if (name != null && !names.add(name)) {
                r.problems().add(nameField.path(), "\"" + name + "\" is used by another data source; names must be unique");
            }
            String uri = r.string("sourceUri").required("where batches arrive, e.g. s3://partner-landing/house-sales/").check(S3_URI).value();
            String schedule = r.string("schedule").required("when to ingest, e.g. cron(0 3 * * ? *)").check(Schedules.EXPRESSION).value();
            // Expectations of the wrong shape are reported by optionalObject; their columns are then not also missing.
            boolean expectationsGiven = r.has("expectations");
            Optional<ConfigReader> given = r.optionalObject("expectations");
            Expectations expectations = null;
            if (given.isPresent() || !expectationsGiven) {
                ConfigReader e = given.orElseGet(() -> r.object("expectations"));
                int minRows = e.integer("minRows").check(Check.range(1, 1_000_000_000)).orElse(1);
                List<Column> columns = columns(e);
                e.rejectUnknownKeys();
                expectations = new Expectations(minRows, columns);
            }
            r.rejectUnknownKeys();
            if (name != null && uri != null && schedule != null && expectations != null) {
                sources.add(new DataSourceSettings(name, uri, schedule, expectations));
            }
        }
        return sources;
    }

    private static List<Column> columns(ConfigReader e) {
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Field<List<ConfigReader>> field = e.objectList("columns").required("the batch's columns, e.g. [{name: price, type: number, min: 0}]");
        if (field.value() != null && field.value().isEmpty()) {
            e.problems().add(field.path(), "must list at least one column");
        }
        List<String> types = java.util.Arrays.stream(ColumnType.values()).map(ColumnType::key).toList();
        for (ConfigReader c : field.orElse(List.of())) {
            Field<String> nameField = c.string("name").required("the column's header name").check(COLUMN_NAME);
            String name = nameField.value();
            if (name != null && !names.add(name)) {
                c.problems().add(nameField.path(), "\"" + name + "\" is listed twice");
            }
            String type = c.string("type").required("one of " + String.join(", ", types)).check(Check.oneOf(types)).value();
            boolean required = c.bool("required").orElse(true);
            Field<Double> minField = c.decimal("min");
            Field<Double> maxField = c.decimal("max");
            if (type != null && !type.equals("number") && !type.equals("integer")) {
                for (Field<Double> bound : List.of(minField, maxField)) {
                    if (bound.isPresent()) {
                        c.problems().add(bound.path(), "applies only to number and integer columns, not " + type);
                    }
                }
            }
            if (minField.value() != null && maxField.value() != null && minField.value() > maxField.value()) {
                c.problems().add(maxField.path(), Check.format(maxField.value()) + " is below min (" + Check.format(minField.value()) + ")");
            }
            c.rejectUnknownKeys();
            if (name != null && type != null) {
                columns.add(new Column(name, ColumnType.valueOf(type.toUpperCase(java.util.Locale.ROOT)), required,
                        minField.optional(), maxField.optional()));
            }
        }
        return columns;
    }
}
