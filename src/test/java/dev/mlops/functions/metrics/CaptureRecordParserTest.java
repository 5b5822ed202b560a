package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CaptureRecordParserTest {

    private final CaptureRecordParser parser = new CaptureRecordParser();

    private ParsedRecord parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsACsvCaptureAsSageMakerWritesIt() {
        // The sample record of the SageMaker Model Monitor documentation, on one line.
        ParsedRecord record = parse("{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\","
                + "\"data\":\"0.00632,18.00,2.310,0,0.5380,6.5750,65.20,4.0900,1,296.0,15.30,4.98\",\"encoding\":\"CSV\"},"
                + "\"endpointOutput\":{\"observedContentType\":\"text/csv; charset=utf-8\",\"mode\":\"OUTPUT\",\"data\":\"30.4133586884\","
                + "\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\"8f45e35c-fa44-40d2-8ed3-1bcab3a596f3\","
                + "\"inferenceTime\":\"2020-07-30T13:36:30Z\"},\"eventVersion\":\"0\"}");

        assertThat(record).isEqualTo(ParsedRecord.of("8f45e35c-fa44-40d2-8ed3-1bcab3a596f3", 30.4133586884));
    }

    @Test
    void joinsOnTheCallersInferenceIdWhenThereIsOne() {
        ParsedRecord record = parse("{\"captureData\":{\"endpointOutput\":{\"observedContentType\":\"text/csv\",\"mode\":\"OUTPUT\","
                + "\"data\":\"1.5\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\"e-1\",\"inferenceId\":\"order-77\","
                + "\"inferenceTime\":\"2026-11-23T09:00:00Z\"},\"eventVersion\":\"0\"}");

        assertThat(record.id()).isEqualTo("order-77");
    }

    @Test
    void readsJsonOutputsAndIgnoresFieldOrderAndUnknownFields() {
        ParsedRecord record = parse("{\"eventVersion\":\"0\",\"extra\":{\"nested\":[1,{\"a\":2}]},"
                + "\"eventMetadata\":{\"inferenceTime\":\"2026-11-23T09:00:00Z\",\"custom\":[],\"inferenceId\":\"i-2\"},"
                + "\"captureData\":{\"endpointOutput\":{\"data\":\"{\\\"predictions\\\":[{\\\"score\\\":42.5}]}\","
                + "\"encoding\":\"JSON\",\"mode\":\"OUTPUT\",\"observedContentType\":\"application/json\"},"
                + "\"endpointInput\":{\"observedContentType\":\"application/json\",\"mode\":\"INPUT\","
                + "\"data\":\"{\\\"instances\\\":[[1,2,3]]}\",\"encoding\":\"JSON\"}}}");

        assertThat(record).isEqualTo(ParsedRecord.of("i-2", 42.5));
    }

    @Test
    void decodesBase64Outputs() {
        ParsedRecord record = parse("{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"application/x-npy\",\"mode\":\"INPUT\","
                + "\"data\":\"" + base64("binary input") + "\",\"encoding\":\"BASE64\"},"
                + "\"endpointOutput\":{\"observedContentType\":\"application/json\",\"mode\":\"OUTPUT\","
                + "\"data\":\"" + base64("[12.25]") + "\",\"encoding\":\"BASE64\"}},"
                + "\"eventMetadata\":{\"eventId\":\"e-3\",\"inferenceTime\":\"2026-11-23T09:00:00Z\"},\"eventVersion\":\"0\"}");

        assertThat(record).isEqualTo(ParsedRecord.of("e-3", 12.25));
    }

    @Test
    void aNonFinitePredictionKeepsItsId() {
        ParsedRecord record = parse("{\"captureData\":{\"endpointOutput\":{\"data\":\"nan\",\"encoding\":\"CSV\"}},"
                + "\"eventMetadata\":{\"eventId\":\"e-4\"}}");

        assertThat(record.problem()).isEqualTo(RecordProblem.NON_FINITE_VALUE);
        assertThat(record.id()).isEqualTo("e-4");
        assertThat(record.ok()).isFalse();
    }

    @Test
    void reportsWhyALineIsUnusable() {
        assertThat(parse("{\"captureData\":{\"endpointOutput\":{\"data\":\"1\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":")
                .problem()).as("truncated").isEqualTo(RecordProblem.MALFORMED_JSON);
        assertThat(parse("[1, 2]").problem()).as("not an object").isEqualTo(RecordProblem.MALFORMED_JSON);
        assertThat(parse("{\"captureData\":{}} {}").problem()).as("two values").isEqualTo(RecordProblem.MALFORMED_JSON);
        assertThat(parse("not json").problem()).isEqualTo(RecordProblem.MALFORMED_JSON);
        assertThat(parse("{\"captureData\":{\"endpointOutput\":{\"data\":\"1\",\"encoding\":\"CSV\"}}}").problem())
                .as("no event metadata").isEqualTo(RecordProblem.MISSING_ID);
        assertThat(parse("{\"captureData\":{\"endpointOutput\":{\"data\":\"1\"}},\"eventMetadata\":{\"eventId\":\" \"}}").problem())
                .as("blank id").isEqualTo(RecordProblem.MISSING_ID);
        assertThat(parse("{\"captureData\":{\"endpointOutput\":{\"data\":\"1\"}},\"eventMetadata\":{\"inferenceId\":\""
                + "i".repeat(1025) + "\"}}").problem()).as("id over 1024 characters").isEqualTo(RecordProblem.MISSING_ID);
        assertThat(parse("{\"captureData\":{\"endpointInput\":{\"data\":\"1,2\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\"e\"}}")
                .problem()).as("input-only capture").isEqualTo(RecordProblem.MISSING_VALUE);
        assertThat(parse("{\"captureData\":{\"endpointOutput\":{\"data\":12.5}},\"eventMetadata\":{\"eventId\":\"e\"}}").problem())
                .as("data not a string").isEqualTo(RecordProblem.MISSING_VALUE);
        assertThat(parse("{\"captureData\":{\"endpointOutput\":{\"data\":\"1,2\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\"e\"}}")
                .problem()).as("two values").isEqualTo(RecordProblem.UNREADABLE_VALUE);
    }

    @Test
    void parsesALineInsideALargerBuffer() {
        String line = "{\"captureData\":{\"endpointOutput\":{\"data\":\"7\",\"encoding\":\"CSV\"}},\"eventMetadata\":{\"eventId\":\"e-5\"}}";
        byte[] buffer = ("garbage" + line + "more garbage").getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(buffer, 7, line.length())).isEqualTo(ParsedRecord.of("e-5", 7));
    }
}
