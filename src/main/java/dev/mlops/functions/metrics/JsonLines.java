package dev.mlops.functions.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream of JSON Lines into lines without decoding it to characters, in memory bounded by the
 * longest accepted line — never by the size of the stream.
 *
 * <p>Each line goes to its own parser, so a malformed line costs only itself (one parser over the whole
 * stream would lose its place at the first syntax error). A line longer than {@code maxLineBytes} is skipped
 * up to the next newline without being buffered and reported once. {@code \r\n} endings and blank lines are
 * accepted; a last line without a newline is processed.
 */
public final class JsonLines {

    /** Receives the lines of a stream, in order. */
    public interface LineHandler {
        /** A non-blank line, as bytes {@code buffer[offset, offset + length)}; valid only during the call. */
        void line(byte[] buffer, int offset, int length);

        /** A line longer than the limit was skipped. */
        void lineTooLong();
    }

    /**
     * SageMaker limits a real-time request and response to 6 MB each; BASE64 makes the capture of both about
     * 16 MB. Longer lines cannot come from data capture.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    private JsonLines() {
    }

    /**
     * Reads {@code in} to its end, calling {@code handler} for each line.
     *
     * @return the number of bytes read
     */
    public static long read(InputStream in, int maxLineBytes, LineHandler handler) throws IOException {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        byte[] buffer = new byte[Math.min(INITIAL_BUFFER_BYTES, maxLineBytes + 1)];
        int start = 0;      // first byte of the current line
        int end = 0;        // end of the valid bytes in the buffer
        int scanned = 0;    // bytes before this index hold no newline of the current line
        boolean skipping = false;
        long total = 0;
        while (true) {
            int newline = indexOf(buffer, scanned, end);
            if (newline >= 0) {
                if (skipping) {
                    skipping = false;
                    handler.lineTooLong();
                } else {
                    emit(buffer, start, newline, handler);
                }
                start = newline + 1;
                scanned = start;
                continue;
            }
            scanned = end;
            if (skipping) {
                start = 0;
                end = 0;
                scanned = 0;
            } else if (end - start > maxLineBytes) {
                // The current line is over the limit and has no newline yet: drop it and skip to the next one.
                skipping = true;
                start = 0;
                end = 0;
                scanned = 0;
            } else if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            } else if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxLineBytes + 1L));
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                break;
            }
            total += read;
            end += read;
        }
        if (skipping) {
            handler.lineTooLong();
        } else if (end > start) {
            emit(buffer, start, end, handler);
        }
        return total;
    }

    private static int indexOf(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void emit(byte[] buffer, int start, int end, LineHandler handler) {
        int last = end;
        while (last > start && isWhitespace(buffer[last - 1])) {
            last--;
        }
        int first = start;
        while (first < last && isWhitespace(buffer[first])) {
            first++;
        }
        if (first < last) {
            handler.line(buffer, first, last - first);
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
