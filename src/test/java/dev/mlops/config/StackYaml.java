package dev.mlops.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small stack file under construction: the {@code config:} block as key to YAML value text, so a test
 * states only what it changes — {@code StackYaml.minimal().with("mlops:models", "[{name: a, tag: 0}]")}.
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
                .with("mlops:models", "[{name: house-prices, tag: 1, targetColumn: price, thresholds: {maxRmse: 50000, minR2: 0.7}}]");
    }

    static StackYaml empty() {
        return new StackYaml();
    }

    StackYaml with(String key, String yamlValue) {
        config.put(key, yamlValue);
        return this;
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
}
