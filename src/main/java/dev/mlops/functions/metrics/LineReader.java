package dev.mlops.functions.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a byte stream line by line without decoding it to characters, in memory bounded by the longest
 * accepted line — never by the size of the stream.
 *
 * <p>{@link #next()} advances to the next non-blank line, whose bytes, trimmed of surrounding whitespace
 * ({@code \r} included), are {@code buffer()[offset(), offset() + length())} until the following call. A
 * line longer than {@code maxLineBytes} is skipped up to its newline without being buffered and reported as
 * {@link #tooLong()}. A last line without a newline counts.
 */
public final class LineReader {

    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer;
    private int start;      // first byte of the current line
    private int end;        // end of the valid bytes in the buffer
    private int scanned;    // bytes before this index hold no newline of the current line
    private boolean skipping;
    private boolean eof;
    private long bytesRead;

    private int lineOffset;
    private int lineLength;
    private boolean lineTooLong;

    public LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[Math.min(INITIAL_BUFFER_BYTES, maxLineBytes + 1)];
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of the stream
     */
    public boolean next() throws IOException {
        while (true) {
            int newline = indexOfNewline(buffer, scanned, end);
            if (newline >= 0) {
                boolean wasSkipping = skipping;
                skipping = false;
                int lineStart = start;
                start = newline + 1;
                scanned = start;
                if (wasSkipping) {
                    return tooLongLine();
                }
                if (line(lineStart, newline)) {
                    return true;
                }
                continue;
            }
            scanned = end;
            if (eof) {
                int lineStart = start;
                start = end;
                if (skipping) {
                    skipping = false;
                    return tooLongLine();
                }
                if (end > lineStart && line(lineStart, end)) {
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    /** The current line's bytes live in this array (valid until the next call of {@link #next()}). */
    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return lineOffset;
    }

    public int length() {
        return lineLength;
    }

    /** The current "line" is one that was longer than the limit and was skipped; it has no bytes. */
    public boolean tooLong() {
        return lineTooLong;
    }

    /** Bytes read from the stream so far. */
    public long bytesRead() {
        return bytesRead;
    }

    private boolean tooLongLine() {
        lineTooLong = true;
        lineOffset = 0;
        lineLength = 0;
        return true;
    }

    /** Trims {@code [from, to)}; makes it the current line unless it is blank. */
    private boolean line(int from, int to) {
        int last = to;
        while (last > from && isWhitespace(buffer[last - 1])) {
            last--;
        }
        int first = from;
        while (first < last && isWhitespace(buffer[first])) {
            first++;
        }
        if (first == last) {
            return false;
        }
        lineTooLong = false;
        lineOffset = first;
        lineLength = last - first;
        return true;
    }

    /** Makes room and reads more; at the end of the stream sets {@code eof}. */
    private void fill() throws IOException {
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
            eof = true;
        } else {
            bytesRead += read;
            end += read;
        }
    }

    /** The first {@code \n} in {@code [from, to)}, eight bytes at a time; -1 if there is none. */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long zeroBytes = (word - ONES) & ~word & HIGHS;
            if (zeroBytes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
