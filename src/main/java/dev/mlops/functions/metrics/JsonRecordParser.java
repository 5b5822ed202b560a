package dev.mlops.functions.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What the two line formats the metrics function reads have in common: a JSON object per line, a payload object with
 * {@code data}, {@code encoding} and {@code observedContentType}, and an {@code eventMetadata} object carrying the ids
 * a capture record and its label are joined on. Subclasses read their own top-level members. Thread-safe.
 */
abstract sealed class JsonRecordParser implements JsonLines.RecordReader permits CaptureRecordParser, GroundTruthParser {

    private final JsonFactory json;
    private final PayloadDecoder decoder;

    JsonRecordParser(JsonFactory json, PayloadDecoder decoder) {
        this.json = json;
        this.decoder = decoder;
    }

    /** Parses the UTF-8 bytes {@code line[offset, offset + length)} as one record. Never throws for bad input. */
    public final ParsedRecord parse(byte[] line, int offset, int length) {
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
    @Override
    public abstract ParsedRecord read(JsonParser parser) throws IOException;

    /** The record for {@code id} and its payload, or the problem that one of them is missing. */
    final ParsedRecord record(String id, Payload payload) {
        if (id == null) {
            return ParsedRecord.failed(RecordProblem.MISSING_ID);
        }
        if (payload == null || payload.data() == null) {
            return ParsedRecord.failed(RecordProblem.MISSING_VALUE);
        }
        return ParsedRecord.of(id, decoder.decode(payload.data(), payload.encoding(), payload.contentType()));
    }

    /** The {@code eventId} and {@code inferenceId} members of an {@code eventMetadata} object (either may be null). */
    record EventIds(String eventId, String inferenceId) {

        /** Reads the members of the object whose START_OBJECT was just returned, up to its END_OBJECT. */
        static EventIds read(JsonParser parser) throws IOException {
            String eventId = null;
            String inferenceId = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("eventId".equals(name)) {
                    eventId = Payload.text(parser, value);
                } else if ("inferenceId".equals(name)) {
                    inferenceId = Payload.text(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
            return new EventIds(eventId, inferenceId);
        }
    }

    /** The {@code data}, {@code encoding} and {@code observedContentType} members of a captured payload or label. */
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
                    case "data" -> data = text(parser, value);
                    case "encoding" -> encoding = text(parser, value);
                    case "observedContentType" -> contentType = text(parser, value);
                    default -> parser.skipChildren();
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
