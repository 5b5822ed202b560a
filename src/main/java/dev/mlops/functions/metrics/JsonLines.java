package dev.mlops.functions.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads JSON Lines: one record per line, each parsed with Jackson's streaming parser, in memory bounded by
 * the longest accepted line (see {@link LineReader}) — never by the size of the stream.
 *
 * <p>Every line is judged on its own, as if it had its own parser: a record must start and end on its line,
 * and a malformed line costs exactly itself. But creating a parser costs more than parsing a typical capture
 * record, so one parser runs over each region of whole lines the {@link LineReader} hands out, record
 * after record, and is only replaced after a bad line: a syntax error, a record that runs past the end of
 * its line (truncated, or spread over several lines), content after the record, or a line that does not
 * start with {@code {}. Such a line is reported as {@link RecordProblem#MALFORMED_JSON} and a new parser
 * starts at the next line.
 */
public final class JsonLines {

    /** Reads one record from a parser positioned on the record's {@code START_OBJECT}, up to its {@code END_OBJECT}. */
    public interface RecordReader {
        ParsedRecord read(JsonParser parser) throws IOException;
    }

    /**
     * SageMaker limits a real-time request and response to 6 MB each; BASE64 makes the capture of both about
     * 16 MB. Longer lines cannot come from data capture.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final ParsedRecord MALFORMED = ParsedRecord.failed(RecordProblem.MALFORMED_JSON);
    private static final ParsedRecord TOO_LONG = ParsedRecord.failed(RecordProblem.LINE_TOO_LONG);

    private JsonLines() {
    }

    /**
     * Parses every line of {@code in} with {@code reader} and hands each result (or the line's problem) to
     * {@code sink}, in order; blank lines are skipped. I/O failures of the stream propagate; problems of the
     * data never do.
     *
     * @return the number of bytes read
     */
    public static long records(InputStream in, int maxLineBytes, JsonFactory json, RecordReader reader,
                               Consumer<ParsedRecord> sink) throws IOException {
        LineReader lines = new LineReader(in, maxLineBytes);
        while (lines.next()) {
            if (lines.tooLong()) {
                sink.accept(TOO_LONG);
            } else {
                region(lines.buffer(), lines.regionStart(), lines.regionEnd(), json, reader, sink);
            }
        }
        return lines.bytesRead();
    }

    /** The records of the whole lines in {@code bytes[from, to)}. */
    private static void region(byte[] bytes, int from, int to, JsonFactory json, RecordReader reader,
                               Consumer<ParsedRecord> sink) throws IOException {
        JsonParser parser = null;
        int parserStart = 0;
        try {
            int position = from;
            while (position < to) {
                int newline = LineReader.indexOfNewline(bytes, position, to);
                int lineEnd = newline < 0 ? to : newline;
                int first = position;
                while (first < lineEnd && isWhitespace(bytes[first])) {
                    first++;
                }
                int last = lineEnd;
                while (last > first && isWhitespace(bytes[last - 1])) {
                    last--;
                }
                position = newline < 0 ? to : newline + 1;
                if (first == last) {
                    continue; // a blank line
                }
                ParsedRecord record = null;
                // Only a line starting with '{' reaches a parser: it is the only valid start, and Jackson
                // guesses the encoding from a parser's first bytes.
                if (bytes[first] == '{') {
                    if (parser == null) {
                        parser = json.createParser(bytes, first, to - first);
                        parserStart = first;
                    }
                    try {
                        if (parser.nextToken() == JsonToken.START_OBJECT) {
                            ParsedRecord read = reader.read(parser);
                            // The parser's offsets count from parserStart; the record must end where its line ends.
                            if (parserStart + parser.currentLocation().getByteOffset() == last) {
                                record = read;
                            }
                        }
                    } catch (JsonProcessingException malformed) {
                        // reported below
                    }
                }
                if (record == null) {
                    record = MALFORMED;
                    if (parser != null) {
                        parser.close(); // it may be anywhere in this line or past it
                        parser = null;
                    }
                }
                sink.accept(record);
            }
        } finally {
            if (parser != null) {
                parser.close();
            }
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
