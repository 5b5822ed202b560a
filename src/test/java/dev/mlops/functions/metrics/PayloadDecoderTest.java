package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.functions.metrics.PayloadDecoder.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PayloadDecoderTest {

    private final PayloadDecoder decoder = new PayloadDecoder();

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30.41", "30.41\n", " 30.41 ", "\"30.41\"", "30.41\r\n", "3.041e1", "3041E-2", "+30.41"})
    void readsOneCsvNumber(String data) {
        assertThat(decoder.decode(data, "CSV", "text/csv; charset=utf-8")).isEqualTo(Decoded.of(30.41));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "1,2", "1\n2", "abc", "0x1p3", "1.5d", "1.5f", "--1", "1.2.3", "e5", "-"})
    void rejectsCsvThatIsNotExactlyOneNumber(String data) {
        assertThat(decoder.decode(data, "CSV", "text/csv").readable()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"nan, NaN", "NaN, NaN", "inf, Infinity", "-inf, -Infinity", "Infinity, Infinity", "-Infinity, -Infinity"})
    void readsPythonAndJavaSpellingsOfNonFiniteValues(String data, double expected) {
        Decoded decoded = decoder.decode(data, "CSV", "text/csv");

        assertThat(decoded.readable()).isTrue();
        assertThat(Double.valueOf(decoded.value())).isEqualTo(Double.valueOf(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "30.41", "[30.41]", "[[30.41]]", "\"30.41\"",
            "{\"predictions\": [{\"score\": 30.41}]}",   // SageMaker XGBoost / Linear Learner
            "{\"predictions\": [30.41]}",
            "{\"prediction\": 30.41, \"model\": \"v3\"}",
            "{\"model\": {\"name\": \"v3\"}, \"score\": \"30.41\"}",
            " { \"predictions\" : [ { \"score\" : 30.41 } ] } ",   // the quick path, with whitespace
            "{\"predictions\": [{\"score\": 30.41, \"extra\": 1}]}", // beyond the quick path: Jackson
            "{\"pred\\u0069ctions\": 30.41}"})                       // an escaped name: Jackson
    void readsTheAcceptedJsonShapes(String data) {
        assertThat(decoder.decode(data, "JSON", "application/json")).isEqualTo(Decoded.of(30.41));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[1, 2]", "{}", "{\"value\": 1}", "{\"predictions\": [1, 2]}", "{\"score\": 1",
            "true", "null", "\"abc\"", "[[[[[[1]]]]]]", "[[[[[1]]]]]", "1 2", "[1] x", "{\"score\": 1}}", "{\"score\" 1}"})
    void rejectsOtherJson(String data) {
        assertThat(decoder.decode(data, "JSON", "application/json").readable()).isFalse();
    }

    @Test
    void readsNonFiniteJsonNumbers() {
        assertThat(decoder.decode("NaN", "JSON", "application/json").value()).isNaN();
        assertThat(decoder.decode("[1e400]", "JSON", "application/json").value()).isInfinite();
        assertThat(decoder.decode("{\"score\": -Infinity}", "JSON", "application/json").value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void decodesBase64ByTheObservedContentType() {
        assertThat(decoder.decode(base64("30.41\n"), "BASE64", "text/csv")).isEqualTo(Decoded.of(30.41));
        assertThat(decoder.decode(base64("{\"predictions\":[{\"score\":30.41}]}"), "BASE64", "application/json"))
                .isEqualTo(Decoded.of(30.41));
        assertThat(decoder.decode(base64("[30.41]"), "BASE64", "application/octet-stream")).isEqualTo(Decoded.of(30.41));
        assertThat(decoder.decode(base64("30.41"), "BASE64", null)).isEqualTo(Decoded.of(30.41));
    }

    @Test
    void rejectsBadBase64AndBase64OfSeveralValues() {
        assertThat(decoder.decode("not base64!", "BASE64", "text/csv").readable()).isFalse();
        assertThat(decoder.decode(base64("1,2"), "BASE64", "text/csv").readable()).isFalse();
    }

    @Test
    void guessesTheFormatWithoutAKnownEncoding() {
        assertThat(decoder.decode("30.41", null, null)).isEqualTo(Decoded.of(30.41));
        assertThat(decoder.decode("[30.41]", "NONE", null)).isEqualTo(Decoded.of(30.41));
        assertThat(decoder.decode("{\"score\": 30.41}", null, "application/json")).isEqualTo(Decoded.of(30.41));
        assertThat(decoder.decode("30.41", "csv", "text/csv")).as("encoding in lower case").isEqualTo(Decoded.of(30.41));
    }

    @Test
    void missingDataIsUnreadable() {
        assertThat(decoder.decode(null, "CSV", "text/csv").readable()).isFalse();
    }
}
