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
public final class GroundTruthParser extends JsonRecordParser {

    public GroundTruthParser(JsonFactory json, PayloadDecoder decoder) {
        super(json, decoder);
    }

    public GroundTruthParser() {
        this(new JsonFactory(), new PayloadDecoder());
    }

    @Override
    public ParsedRecord read(JsonParser parser) throws IOException {
        EventIds ids = new EventIds(null, null);
        Payload label = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("groundTruthData".equals(field) && value == JsonToken.START_OBJECT) {
                label = Payload.read(parser);
            } else if ("eventMetadata".equals(field) && value == JsonToken.START_OBJECT) {
                ids = EventIds.read(parser);
            } else {
                parser.skipChildren();
            }
        }
        // Here eventId is the captured request's inference id: it comes first.
        return record(ParsedRecord.joinKey(ids.eventId(), ids.inferenceId()), label);
    }
}
