package dev.mlops.functions.inference;

import java.util.ArrayList;
import java.util.List;

/** Reads the numbers a regression model answers in text/csv: one per row, separated by commas or line breaks. */
final class Predictions {

    private Predictions() {
    }

    /**
     * @throws ApiError (502) when the answer is not {@code expected} finite numbers
     */
    static List<Double> parseCsv(String body, int expected, String endpointName) {
        List<Double> values = new ArrayList<>();
        for (String token : body.strip().split("[,\\r\\n]+")) {
            String t = token.strip();
            if (t.isEmpty()) {
                continue;
            }
            double d;
            try {
                d = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw badAnswer(endpointName, "answered something other than CSV numbers");
            }
            if (!Double.isFinite(d)) {
                throw badAnswer(endpointName, "answered a prediction that is not a finite number");
            }
            values.add(d);
        }
        if (values.size() != expected) {
            throw badAnswer(endpointName, "answered " + values.size() + (values.size() == 1 ? " prediction" : " predictions")
                    + " for " + expected + (expected == 1 ? " row" : " rows"));
        }
        return values;
    }

    private static ApiError badAnswer(String endpointName, String what) {
        return ApiError.upstream(502, "BAD_MODEL_RESPONSE", "the model behind endpoint " + endpointName + " " + what);
    }
}
