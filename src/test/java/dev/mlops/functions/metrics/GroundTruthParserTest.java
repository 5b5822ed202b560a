package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GroundTruthParserTest {

    private final GroundTruthParser parser = new GroundTruthParser();

    private ParsedRecord parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    @Test
    void readsModelMonitorsGroundTruthRecord() {
        assertThat(parse("{\"groundTruthData\":{\"data\":\"31.2\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"order-77\"},"
                + "\"eventVersion\":\"0\"}")).isEqualTo(ParsedRecord.of("order-77", 31.2));
    }

    @Test
    void readsJsonAndBase64Labels() {
        assertThat(parse("{\"groundTruthData\":{\"data\":\"[31.2]\",\"encoding\":\"JSON\"},\"eventMetadata\":{\"eventId\":\"a\"}}"))
                .isEqualTo(ParsedRecord.of("a", 31.2));
        String encoded = Base64.getEncoder().encodeToString("31.2".getBytes(StandardCharsets.UTF_8));
        assertThat(parse("{\"groundTruthData\":{\"data\":\"" + encoded + "\",\"encoding\":\"BASE64\"},\"eventMetadata\":{\"eventId\":\"b\"}}"))
                .isEqualTo(ParsedRecord.of("b", 31.2));
    }

    @Test
    void acceptsAnInferenceIdInPlaceOfTheEventId() {
        assertThat(parse("{\"groundTruthData\":{\"data\":\"1\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"inferenceId\":\"c\"}}").id())
                .isEqualTo("c");
    }

    @Test
    void reportsWhyALabelIsUnusable() {
        assertThat(parse("{\"groundTruthData\":{\"data\":\"1\"").problem()).isEqualTo(RecordProblem.MALFORMED_JSON);
        assertThat(parse("{\"groundTruthData\":{\"data\":\"1\",\"encoding\":\"CSV\"}}").problem()).isEqualTo(RecordProblem.MISSING_ID);
        assertThat(parse("{\"eventMetadata\":{\"eventId\":\"d\"}}").problem()).isEqualTo(RecordProblem.MISSING_VALUE);
        assertThat(parse("{\"groundTruthData\":{\"data\":\"high\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"d\"}}").problem())
                .isEqualTo(RecordProblem.UNREADABLE_VALUE);
        ParsedRecord infinite = parse("{\"groundTruthData\":{\"data\":\"inf\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"e\"}}");
        assertThat(infinite.problem()).isEqualTo(RecordProblem.NON_FINITE_VALUE);
        assertThat(infinite.id()).isEqualTo("e");
    }
}
