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
public final class CaptureRecordParser {

    private final JsonFactory json;
    private final PayloadDecoder decoder;

    public CaptureRecordParser(JsonFactory json, PayloadDecoder decoder) {
        this.json = json;
        this.decoder = decoder;
    }

    public CaptureRecordParser() {
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
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken metadata = parser.nextToken();
                    if ("inferenceId".equals(name)) {
                        inferenceId = Payload.text(parser, metadata);
                    } else if ("eventId".equals(name)) {
                        eventId = Payload.text(parser, metadata);
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        String id = ParsedRecord.joinKey(inferenceId, eventId);
        if (id == null) {
            return ParsedRecord.failed(RecordProblem.MISSING_ID);
        }
        if (output == null || output.data() == null) {
            return ParsedRecord.failed(RecordProblem.MISSING_VALUE);
        }
        return ParsedRecord.of(id, decoder.decode(output.data(), output.encoding(), output.contentType()));
    }

    /** The {@code data}, {@code encoding} and {@code observedContentType} members of a captured payload. */
    record Payload(String data, String encoding, String contentType) {

        /** Reads the members of the object whose START_OBJECT was just returned, up to its END_OBJECT. */
        static Payload read(JsonParser parser) throws IOException {
            String data = null;
            String encoding = null;
            String contentType = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "data":
                        data = text(parser, value);
                        break;
                    case "encoding":
                        encoding = text(parser, value);
                        break;
                    case "observedContentType":
                        contentType = text(parser, value);
                        break;
                    default:
                        parser.skipChildren();
                }
            }
            return new Payload(data, encoding, contentType);
        }

        /** A string member's text; null (and the value skipped) for anything else. */
        static String text(JsonParser parser, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            parser.skipChildren();
            return null;
        }
    }
}
