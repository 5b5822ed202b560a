package dev.mlops.functions.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Parses one line of a ground-truth file in SageMaker Model Monitor's format:
 * <pre>
 * {"groundTruthData": {"data": "31.2", "encoding": "CSV"}, "eventMetadata": {"eventId": "order-1234"}, "eventVersion": "0"}
 * </pre>
 * {@code eventMetadata.eventId} holds the inference id of the captured request the label belongs to (the
 * {@code inferenceId} the application passed to InvokeEndpoint, or the capture's own {@code eventId} when it
 * passed none). An {@code inferenceId} member is accepted in its place. {@code data} is read like a captured
 * output ({@code CSV}, {@code JSON} or {@code BASE64}, see {@link PayloadDecoder}). Thread-safe.
 */
public final class GroundTruthParser {

    private final JsonFactory json;
    private final PayloadDecoder decoder;

    public GroundTruthParser(JsonFactory json, PayloadDecoder decoder) {
        this.json = json;
        this.decoder = decoder;
    }

    public GroundTruthParser() {
        this(new JsonFactory(), new PayloadDecoder());
    }

    /** Parses the UTF-8 bytes {@code line[offset, offset + length)} as one record. Never throws for bad input. */
    public ParsedRecord parse(byte[] line, int offset, int length) {
        try (JsonParser parser = json.createParser(line, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return ParsedRecord.failed(RecordProblem.MALFORMED_JSON);
            }
            ParsedRecord record = read(parser);
            return parser.nextToken() == null ? record : ParsedRecord.failed(RecordProblem.MALFORMED_JSON);
        } catch (IOException malformed) {
            return ParsedRecord.failed(RecordProblem.MALFORMED_JSON);
        }
    }

    /**
     * Reads one record from a parser positioned on its {@code START_OBJECT}, up to the matching
     * {@code END_OBJECT}.
     *
     * @throws IOException when the record is not well-formed JSON
     */
    public ParsedRecord read(JsonParser parser) throws IOException {
        String eventId = null;
        String inferenceId = null;
        CaptureRecordParser.Payload label = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("groundTruthData".equals(field) && value == JsonToken.START_OBJECT) {
                label = CaptureRecordParser.Payload.read(parser);
            } else if ("eventMetadata".equals(field) && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken metadata = parser.nextToken();
                    if ("eventId".equals(name)) {
                        eventId = CaptureRecordParser.Payload.text(parser, metadata);
                    } else if ("inferenceId".equals(name)) {
                        inferenceId = CaptureRecordParser.Payload.text(parser, metadata);
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        String id = ParsedRecord.joinKey(eventId, inferenceId);
        if (id == null) {
            return ParsedRecord.failed(RecordProblem.MISSING_ID);
        }
        if (label == null || label.data() == null) {
            return ParsedRecord.failed(RecordProblem.MISSING_VALUE);
        }
        return ParsedRecord.of(id, decoder.decode(label.data(), label.encoding(), label.contentType()));
    }
}
