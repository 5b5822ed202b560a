package dev.mlops.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A stack's outputs as another stack's reference sees them: plain values (maps, lists, text, numbers,
 * booleans) and the names of the secret ones.
 *
 * @param source      where they came from: a file, or "previewed in-process from Pulumi.staging.yaml"
 * @param values      output name to value
 * @param secretNames outputs that are secret (their value shows as {@code [secret]})
 */
public record StackOutputs(String source, SortedMap<String, Object> values, SortedSet<String> secretNames) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public StackOutputs {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        secretNames = Collections.unmodifiableSortedSet(new TreeSet<>(secretNames));
    }

    public static StackOutputs of(String source, Map<String, Object> values, Set<String> secretNames) {
        return new StackOutputs(source, new TreeMap<>(values), new TreeSet<>(secretNames));
    }

    /**
     * Reads what {@code pulumi stack output --json} wrote: one JSON object of output names to values.
     * Secrets in such a file read {@code "[secret]"} unless it was written with {@code --show-secrets}.
     *
     * @throws IllegalArgumentException with a message for people when the file is missing or not such an object
     */
    public static StackOutputs readFile(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read as JSON stack outputs: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a JSON object of stack outputs (as `pulumi stack output --json` writes)");
        }
        Map<String, Object> values = new TreeMap<>();
        Set<String> secrets = new TreeSet<>();
        root.fields().forEachRemaining(e -> {
            Object value = JSON.convertValue(e.getValue(), Object.class);
            values.put(e.getKey(), value);
            if ("[secret]".equals(value)) {
                secrets.add(e.getKey());
            }
        });
        return of("file " + file, values, secrets);
    }

    private static String firstLine(String message) {
        String text = message == null ? "unknown error" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
