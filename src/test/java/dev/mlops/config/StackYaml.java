package dev.mlops.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A small stack file under construction: the {@code config:} block as key to YAML value text, so a test
 * states only what it changes — {@code StackYaml.minimal().models(model().with("tag", "0"))}.
 * Values are written as given (flow style reads best on one line); a value spanning lines is indented
 * under its key.
 */
final class StackYaml {

    /** The stack name the minimal file is written for. */
    static final String STACK = "dev";

    private final Map<String, String> config = new LinkedHashMap<>();

    private StackYaml() {
    }

    /** The least a valid stack needs: every required key, one model, two environments. */
    static StackYaml minimal() {
        return new StackYaml()
                .with("aws:region", "eu-west-1")
                .with("mlops:environment", "dev")
                .with("mlops:accounts", "{dev: \"123456789012\", prod: \"210987654321\"}")
                .with("mlops:owner", "ml-platform")
                .with("mlops:costCenter", "cc-4711")
                .with("mlops:alertEmails", "[alerts@example.com]")
                .with("mlops:identity", "{source: accounts, trustedAccountIds: [\"333333333333\"]}")
                .models(model());
    }

    /** A valid model entry: every field a model requires, nothing optional. */
    static Entry model() {
        return new Entry()
                .with("name", "house-prices")
                .with("tag", "1")
                .with("targetColumn", "price")
                .with("thresholds", "{maxRmse: 50000, minR2: 0.7}")
                // Without a data source nothing says how many features a request row has.
                .with("serving", "{featureCount: 4}");
    }

    /** A valid data source entry: every field a data source requires, with one column. */
    static Entry dataSource() {
        return new Entry()
                .with("name", "house-sales")
                .with("sourceUri", "s3://partner-landing/house-sales/")
                .with("schedule", "\"cron(0 3 * * ? *)\"")
                .with("expectations", "{minRows: 10, columns: [{name: price, type: number, min: 0}]}");
    }

    static StackYaml empty() {
        return new StackYaml();
    }

    StackYaml with(String key, String yamlValue) {
        config.put(key, yamlValue);
        return this;
    }

    /** Sets {@code mlops:models} to a flow list of {@code entries}. */
    StackYaml models(Entry... entries) {
        return with("mlops:models", list(entries));
    }

    /** Sets {@code mlops:dataSources} to a flow list of {@code entries}. */
    StackYaml dataSources(Entry... entries) {
        return with("mlops:dataSources", list(entries));
    }

    private static String list(Entry... entries) {
        return Stream.of(entries).map(Entry::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    StackYaml without(String key) {
        if (config.remove(key) == null) {
            throw new IllegalArgumentException(key + " is not in this stack file");
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder yaml = new StringBuilder("config:\n");
        config.forEach((key, value) -> {
            yaml.append("  ").append(key).append(':');
            if (value.contains("\n")) {
                yaml.append('\n');
                value.lines().forEach(line -> yaml.append("    ").append(line).append('\n'));
            } else {
                yaml.append(' ').append(value).append('\n');
            }
        });
        return yaml.toString();
    }

    /**
     * One flow-style YAML object, e.g. a list entry: field name to YAML value text, in insertion order.
     * {@code with} replaces a field in place (a stack file must not repeat a key); {@code without} removes one.
     */
    static final class Entry {

        private final Map<String, String> fields = new LinkedHashMap<>();

        Entry with(String field, String yamlValue) {
            fields.put(field, yamlValue);
            return this;
        }

        Entry without(String field) {
            if (fields.remove(field) == null) {
                throw new IllegalArgumentException(field + " is not in this entry");
            }
            return this;
        }

        @Override
        public String toString() {
            return fields.entrySet().stream().map(f -> f.getKey() + ": " + f.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
