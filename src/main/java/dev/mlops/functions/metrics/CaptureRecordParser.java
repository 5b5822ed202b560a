package dev.mlops.functions.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Parses one line of a SageMaker real-time endpoint data capture file into the id it joins on and the
 * model's prediction.
 *
 * <p>Record format (JSON Lines, one inference per line; only the fields read here are shown):
 * <pre>
 * {"captureData": {"endpointInput":  {"observedContentType": "text/csv", "mode": "INPUT",  "data": "...", "encoding": "CSV"},
 *                  "endpointOutput": {"observedContentType": "text/csv", "mode": "OUTPUT", "data": "30.41", "encoding": "CSV"}},
 *  "eventMetadata": {"eventId": "8f45e35c-...", "inferenceId": "order-1234", "inferenceTime": "2026-11-23T10:15:02Z"},
 *  "eventVersion": "0"}
 * </pre>
 * The join key is {@code inferenceId} (set by the caller of InvokeEndpoint) when present, else {@code eventId}
 * — the rule Model Monitor uses to merge ground truth. The request payload ({@code endpointInput}), usually
 * the bulk of a line, is skipped token by token without being decoded into strings. Field order does not
 * matter and unknown fields are ignored. Thread-safe.
 */
public final class CaptureRecordParser extends JsonRecordParser {

    public CaptureRecordParser(JsonFactory json, PayloadDecoder decoder) {
        super(json, decoder);
    }

    public CaptureRecordParser() {
        this(new JsonFactory(), new PayloadDecoder());
    }

    @Override
    public ParsedRecord read(JsonParser parser) throws IOException {
        EventIds ids = new EventIds(null, null);
        Payload output = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("captureData".equals(field) && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String part = parser.currentName();
                    JsonToken partValue = parser.nextToken();
                    if ("endpointOutput".equals(part) && partValue == JsonToken.START_OBJECT) {
                        output = Payload.read(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if ("eventMetadata".equals(field) && value == JsonToken.START_OBJECT) {
                ids = EventIds.read(parser);
            } else {
                parser.skipChildren();
            }
        }
        return record(ParsedRecord.joinKey(ids.inferenceId(), ids.eventId()), output);
    }
}
