package dev.mlops.functions.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads JSON Lines: one record per line, each parsed with Jackson's streaming parser, in memory bounded by
 * the longest accepted line (see {@link LineReader}) — never by the size of the stream.
 *
 * <p>{@link #records} keeps one parser for the whole stream but feeds it one line at a time, and a record
 * may not read past the end of its line. So a malformed line costs exactly itself, as if every line had
 * its own parser, without paying for a parser per line (creating one costs more than parsing a typical
 * capture record). After a syntax error, a record that runs past its line (truncated), or content after
 * the record on the same line, the line is reported as {@link RecordProblem#MALFORMED_JSON}, the parser is
 * dropped and a new one starts at the next line.
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

    /** Spaces given to a new parser before the first line (see {@link LineFeed#restart}). */
    private static final int PADDING = 4;

    private JsonLines() {
    }

    /**
     * Parses every line of {@code in} with {@code reader} and hands each result (or the line's problem) to
     * {@code sink}, in order. I/O failures of the stream propagate; problems of the data never do.
     *
     * @return the number of bytes read
     */
    public static long records(InputStream in, int maxLineBytes, JsonFactory json, RecordReader reader,
                               Consumer<ParsedRecord> sink) throws IOException {
        LineFeed feed = new LineFeed(new LineReader(in, maxLineBytes));
        JsonParser parser = null;
        try {
            while (true) {
                if (parser == null) {
                    feed.restart();
                    parser = json.createParser(feed);
                }
                ParsedRecord record;
                try {
                    feed.mayAdvance = true;
                    JsonToken first = parser.nextToken();
                    feed.mayAdvance = false;
                    reportSkipped(feed, sink);
                    if (first == null) {
                        return feed.lines.bytesRead();
                    }
                    if (first != JsonToken.START_OBJECT) {
                        throw new LineFeed.RecordOutsideItsLine();
                    }
                    record = reader.read(parser);
                    if (parser.currentLocation().getByteOffset() != feed.lineEnd) {
                        throw new LineFeed.RecordOutsideItsLine(); // more content after the record on its line
                    }
                } catch (JsonProcessingException | LineFeed.RecordOutsideItsLine malformed) {
                    reportSkipped(feed, sink);
                    record = ParsedRecord.failed(RecordProblem.MALFORMED_JSON);
                    parser.close();
                    parser = null;
                    feed.dropLine();
                }
                sink.accept(record);
            }
        } finally {
            if (parser != null) {
                parser.close();
            }
        }
    }

    /** Reports the lines skipped as too long while the parser looked for the next record. */
    private static void reportSkipped(LineFeed feed, Consumer<ParsedRecord> sink) {
        for (; feed.tooLong > 0; feed.tooLong--) {
            sink.accept(ParsedRecord.failed(RecordProblem.LINE_TOO_LONG));
        }
    }

    /**
     * The parser's input: the current line followed by one {@code \n}, then — only while the parser looks for
     * the start of the next record — the next line. A record that needs more input than its line makes
     * {@link #read} throw {@link RecordOutsideItsLine}.
     */
    private static final class LineFeed extends InputStream {

        /** The record being read does not end with its line (or another one follows on the line). */
        static final class RecordOutsideItsLine extends IOException {
            private static final long serialVersionUID = 1L;

            RecordOutsideItsLine() {
                super("record does not end with its line");
            }

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this; // control flow for a malformed line; the trace would say nothing
            }
        }

        final LineReader lines;
        boolean mayAdvance;
        int tooLong;
        /** Offset, counted from the start of the current parser's input, where the current line's content ends. */
        long lineEnd = -1;

        private byte[] bytes;
        private int position;
        private int end;
        private boolean newlinePending;
        private long handed; // bytes given to the current parser
        private int paddingLeft;

        LineFeed(LineReader lines) {
            this.lines = lines;
        }

        /**
         * A new parser reads from here on; offsets restart at 0. Its first read gets a few spaces: Jackson
         * detects the encoding from the first four bytes before parsing, and would otherwise pull in the next
         * line when the current one is shorter.
         */
        void restart() {
            handed = 0;
            lineEnd = -1;
            paddingLeft = PADDING;
        }

        /** The rest of the current line is not given to anyone. */
        void dropLine() {
            position = end;
            newlinePending = false;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (paddingLeft > 0) {
                int count = Math.min(length, paddingLeft);
                Arrays.fill(buffer, offset, offset + count, (byte) ' ');
                paddingLeft -= count;
                handed += count;
                return count;
            }
            if (position == end && !newlinePending) {
                if (!mayAdvance) {
                    throw new RecordOutsideItsLine();
                }
                if (!advance()) {
                    return -1;
                }
            }
            if (position < end) {
                int count = Math.min(length, end - position);
                System.arraycopy(bytes, position, buffer, offset, count);
                position += count;
                if (position == end && count < length) {
                    buffer[offset + count++] = '\n';
                    newlinePending = false;
                }
                handed += count;
                return count;
            }
            newlinePending = false;
            buffer[offset] = '\n';
            handed++;
            return 1;
        }

        private boolean advance() throws IOException {
            while (lines.next()) {
                if (lines.tooLong()) {
                    tooLong++;
                    continue;
                }
                bytes = lines.buffer();
                position = lines.offset();
                end = position + lines.length();
                newlinePending = true;
                lineEnd = handed + lines.length();
                return true;
            }
            return false;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public void close() {
            // The underlying stream belongs to the caller; parsers come and go.
        }
    }
}
