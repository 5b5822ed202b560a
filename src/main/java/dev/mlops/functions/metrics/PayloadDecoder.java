package dev.mlops.functions.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the single number in a captured model response or a ground-truth label.
 *
 * <p>SageMaker data capture stores each payload as a string with an {@code encoding}: {@code CSV} or
 * {@code JSON} (the text itself, for content types listed in the endpoint's {@code CaptureContentTypeHeader})
 * or {@code BASE64} (every other content type, and all of them when no header is configured). BASE64 payloads
 * are decoded and then read as JSON or CSV according to {@code observedContentType}.
 *
 * <p>Accepted shapes of a regression output:
 * <ul>
 *   <li>CSV: one field on one line ({@code 30.41}, {@code "30.41"}, a trailing newline is fine);
 *       {@code nan} and {@code inf} as written by Python are read as non-finite values;</li>
 *   <li>JSON: a number, a numeric string, a one-element array of an accepted shape ({@code [30.41]}), or an
 *       object whose {@code predictions}, {@code prediction} or {@code score} member has an accepted shape
 *       ({@code {"predictions": [{"score": 30.41}]}} from SageMaker's XGBoost and Linear Learner).</li>
 * </ul>
 * Anything else (several values, empty data, text, bad BASE64) is unreadable. Stateless and thread-safe.
 */
public final class PayloadDecoder {

    /** The outcome: a number (possibly NaN or infinite), or unreadable. */
    public record Decoded(boolean readable, double value) {
        static final Decoded UNREADABLE = new Decoded(false, Double.NaN);

        static Decoded of(double value) {
            return new Decoded(true, value);
        }
    }

    private static final Set<String> PREDICTION_MEMBERS = Set.of("predictions", "prediction", "score");
    private static final int MAX_JSON_DEPTH = 4;

    private final JsonFactory json;

    public PayloadDecoder() {
        // NaN and Infinity tokens are read (and then counted as non-finite) rather than rejected as syntax errors.
        this.json = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    }

    /**
     * @param data        the captured {@code data} string
     * @param encoding    {@code CSV}, {@code JSON}, {@code BASE64}; anything else (or null): guessed from the content
     * @param contentType {@code observedContentType}, may be null (ground truth has none)
     */
    public Decoded decode(String data, String encoding, String contentType) {
        if (data == null) {
            return Decoded.UNREADABLE;
        }
        if ("CSV".equalsIgnoreCase(encoding)) {
            return csv(data);
        }
        if ("JSON".equalsIgnoreCase(encoding)) {
            return json(data);
        }
        if ("BASE64".equalsIgnoreCase(encoding)) {
            String text;
            try {
                text = new String(Base64.getDecoder().decode(data.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Decoded.UNREADABLE;
            }
            return byContentType(text, contentType);
        }
        return byContentType(data, contentType);
    }

    private Decoded byContentType(String text, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return json(text);
        }
        if (type.contains("csv") || type.startsWith("text/plain")) {
            return csv(text);
        }
        String trimmed = text.strip();
        return !trimmed.isEmpty() && "[{\"".indexOf(trimmed.charAt(0)) >= 0 ? json(trimmed) : csv(trimmed);
    }

    /** One CSV field on one line, possibly quoted. */
    static Decoded csv(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) <= ' ') {
            to--;
        }
        if (to - from >= 2 && text.charAt(from) == '"' && text.charAt(to - 1) == '"') {
            from++;
            to--;
        }
        return number(text, from, to);
    }

    /**
     * A decimal number, or Python's and Java's spellings of NaN and infinity; anything else (a second field,
     * a second line, a hexadecimal number, a {@code d} or {@code f} suffix that {@link Double#parseDouble}
     * would take) is unreadable. One pass over the characters, then Jackson's bundled FastDoubleParser.
     */
    static Decoded number(String text, int from, int to) {
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return nonFinite(text.substring(from, to).strip());
            }
        }
        if (!digit) {
            return Decoded.UNREADABLE;
        }
        try {
            return Decoded.of(NumberInput.parseDouble(from == 0 && to == text.length() ? text : text.substring(from, to), true));
        } catch (NumberFormatException notANumber) {
            return Decoded.UNREADABLE;
        }
    }

    static Decoded number(String text) {
        return number(text, 0, text.length());
    }

    private static Decoded nonFinite(String text) {
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        switch (unsigned.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Decoded.of(Double.NaN);
            case "inf":
            case "infinity":
                return Decoded.of(text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            default:
                return Decoded.UNREADABLE;
        }
    }

    private Decoded json(String text) {
        Decoded fast = new QuickJson(text).document();
        if (fast != null) {
            return fast;
        }
        try (JsonParser parser = json.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Decoded.UNREADABLE;
            }
            Decoded value = value(parser, first, 0);
            return parser.nextToken() == null ? value : Decoded.UNREADABLE;
        } catch (IOException malformed) {
            return Decoded.UNREADABLE;
        }
    }

    /**
     * Reads the common output shapes without creating a parser (which costs more than the rest of a record):
     * a number, a one-element array, or an object with exactly one member named {@code predictions},
     * {@code prediction} or {@code score}, nested as such, e.g. {@code {"predictions": [{"score": 30.41}]}}.
     * Returns null for anything else — other members, strings, escapes, NaN tokens, bad syntax — which then
     * goes to Jackson. It decides as Jackson would, except that it reads numbers as leniently as CSV (a
     * leading {@code +} or {@code 0}, which strict JSON rejects).
     */
    private static final class QuickJson {
        private final String text;
        private int position;

        QuickJson(String text) {
            this.text = text;
        }

        Decoded document() {
            Decoded value = value(0);
            skipWhitespace();
            return value != null && value.readable() && position == text.length() ? value : null;
        }

        private Decoded value(int depth) {
            skipWhitespace();
            if (position == text.length() || depth > MAX_JSON_DEPTH) {
                return null;
            }
            char c = text.charAt(position);
            if (c == '[') {
                position++;
                Decoded element = value(depth + 1);
                return element != null && consume(']') ? element : null;
            }
            if (c == '{') {
                position++;
                skipWhitespace();
                if (!consume('"')) {
                    return null;
                }
                int nameStart = position;
                int nameEnd = text.indexOf('"', nameStart);
                if (nameEnd < 0 || !PREDICTION_MEMBERS.contains(text.substring(nameStart, nameEnd))) {
                    return null;
                }
                position = nameEnd + 1;
                if (!consume(':')) {
                    return null;
                }
                Decoded member = value(depth + 1);
                return member != null && consume('}') ? member : null;
            }
            if (isNumberStart(c)) {
                int start = position;
                while (position < text.length() && "0123456789.-+eE".indexOf(text.charAt(position)) >= 0) {
                    position++;
                }
                Decoded number = number(text, start, position);
                return number.readable() ? number : null;
            }
            return null;
        }

        private boolean consume(char expected) {
            skipWhitespace();
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        private void skipWhitespace() {
            while (position < text.length() && text.charAt(position) <= ' ') {
                position++;
            }
        }
    }

    private static boolean isNumberStart(char c) {
        return (c >= '0' && c <= '9') || c == '-';
    }

    private Decoded value(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (depth > MAX_JSON_DEPTH) {
            parser.skipChildren();
            return Decoded.UNREADABLE;
        }
        switch (token) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return Decoded.of(parser.getDoubleValue());
            case VALUE_STRING:
                return csv(parser.getText());
            case START_ARRAY: {
                JsonToken element = parser.nextToken();
                if (element == JsonToken.END_ARRAY) {
                    return Decoded.UNREADABLE;
                }
                Decoded value = value(parser, element, depth + 1);
                return parser.nextToken() == JsonToken.END_ARRAY ? value : Decoded.UNREADABLE;
            }
            case START_OBJECT: {
                Decoded found = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken member = parser.nextToken();
                    if (found == null && PREDICTION_MEMBERS.contains(name)) {
                        found = value(parser, member, depth + 1);
                    } else {
                        parser.skipChildren();
                    }
                }
                return found == null ? Decoded.UNREADABLE : found;
            }
            default:
                parser.skipChildren();
                return Decoded.UNREADABLE;
        }
    }
}
