package dev.mlops.functions.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rows a prediction request asks to score, checked against the model: either {@code {"features": [1.0, 2.0]}} for
 * one row or {@code {"rows": [[1.0, 2.0], [3.0, 4.0]]}} for several. Every value must be a finite JSON number; the
 * first problem found is reported with its position ({@code rows[1][3]}).
 */
final class FeatureRows {

    // NaN and Infinity are read (rather than failing as invalid JSON) so that the error can say what was wrong.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private final List<double[]> rows;

    private FeatureRows(List<double[]> rows) {
        this.rows = Collections.unmodifiableList(rows);
    }

    /**
     * @throws ApiError (400) saying what is wrong with the body
     */
    static FeatureRows parse(String body, ModelRoute route, int maxRows) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("EMPTY_BODY", "the request has no body; send {\"features\": [...]} with "
                    + route.featureCount() + " numbers, or {\"rows\": [[...], ...]}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("INVALID_JSON", "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badRequest("INVALID_REQUEST", "the body must be a JSON object: {\"features\": [...]} or {\"rows\": [[...], ...]}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("features") && !name.equals("rows")) {
                throw ApiError.badRequest("UNKNOWN_FIELD", "unknown field \"" + name + "\"; a request has \"features\" (one row) or \"rows\"");
            }
        }
        JsonNode features = root.get("features");
        JsonNode rows = root.get("rows");
        if (features != null && rows != null) {
            throw ApiError.badRequest("INVALID_REQUEST", "give either \"features\" (one row) or \"rows\" (several), not both");
        }
        if (features == null && rows == null) {
            throw ApiError.badRequest("INVALID_REQUEST", "the body has neither \"features\" (one row) nor \"rows\" (several)");
        }
        List<double[]> result = new ArrayList<>();
        if (features != null) {
            result.add(row(features, "features", route));
        } else {
            if (!rows.isArray()) {
                throw ApiError.badRequest("INVALID_REQUEST", "\"rows\" must be a list of rows, each a list of " + route.featureCount() + " numbers");
            }
            if (rows.isEmpty()) {
                throw ApiError.badRequest("NO_ROWS", "\"rows\" is empty; send at least one row");
            }
            if (rows.size() > maxRows) {
                throw ApiError.badRequest("TOO_MANY_ROWS", "\"rows\" has " + rows.size() + " rows; one request may score at most " + maxRows);
            }
            for (int i = 0; i < rows.size(); i++) {
                result.add(row(rows.get(i), "rows[" + i + "]", route));
            }
        }
        return new FeatureRows(result);
    }

    private static double[] row(JsonNode node, String at, ModelRoute route) {
        if (!node.isArray()) {
            throw ApiError.badRequest("INVALID_REQUEST", at + " must be a list of " + route.featureCount() + " numbers, found " + kind(node));
        }
        if (node.size() != route.featureCount()) {
            throw ApiError.badRequest("FEATURE_COUNT", at + " has " + node.size() + (node.size() == 1 ? " feature" : " features")
                    + "; " + route.model() + " expects " + route.featureCount());
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber()) {
                throw ApiError.badRequest("NOT_A_NUMBER", at + "[" + i + "] is " + kind(v) + "; every feature must be a number");
            }
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                throw ApiError.badRequest("NOT_FINITE", at + "[" + i + "] is " + (Double.isNaN(d) ? "NaN" : "infinite or too large for a"
                        + " double") + "; every feature must be a finite number");
            }
            values[i] = d;
        }
        return values;
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "the text " + v;
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isBoolean()) {
            return "the boolean " + v;
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return v.toString();
    }

    int size() {
        return rows.size();
    }

    /** The rows as SageMaker's text/csv takes them: one line per row, no header. */
    String toCsv() {
        return rows.stream()
                .map(r -> Arrays.stream(r).mapToObj(Double::toString).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
