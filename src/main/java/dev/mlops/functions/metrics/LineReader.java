package dev.mlops.functions.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a byte stream in regions of whole lines, without decoding it to characters, in memory bounded by the
 * longest accepted line — never by the size of the stream.
 *
 * <p>{@link #next()} advances to the next region: the complete lines now in the buffer,
 * {@code buffer()[regionStart(), regionEnd())}, valid until the following call (blank lines, {@code \r\n}
 * endings and a last line without a newline included), or a single line longer than {@code maxLineBytes},
 * which is skipped up to its newline without being buffered and reported as {@link #tooLong()}. Handing
 * out many lines at once lets the caller run one parser over them.
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
    private int start;      // first byte not yet handed out
    private int end;        // end of the valid bytes in the buffer
    private int scanned;    // bytes in [start, scanned) hold no newline
    private boolean skipping;
    private boolean eof;
    private long bytesRead;

    private int regionStart;
    private int regionEnd;
    private boolean regionTooLong;

    public LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[Math.min(INITIAL_BUFFER_BYTES, maxLineBytes + 1)];
    }

    /**
     * Advances to the next region.
     *
     * @return false at the end of the stream
     */
    public boolean next() throws IOException {
        while (true) {
            if (skipping) {
                int newline = indexOfNewline(buffer, scanned, end);
                if (newline >= 0 || eof) {
                    skipping = false;
                    start = newline >= 0 ? newline + 1 : end;
                    scanned = start;
                    return region(0, 0, true);
                }
                scanned = end;
            } else {
                int newline = lastIndexOfNewline(buffer, scanned, end);
                if (newline >= 0) {
                    int from = start;
                    start = newline + 1;
                    scanned = start;
                    return region(from, start, false);
                }
                scanned = end;
                if (eof) {
                    int from = start;
                    start = end;
                    if (end > from) {
                        return region(from, end, false);
                    }
                    return false;
                }
            }
            fill();
        }
    }

    /** The current region's bytes live in this array (valid until the next call of {@link #next()}). */
    public byte[] buffer() {
        return buffer;
    }

    public int regionStart() {
        return regionStart;
    }

    public int regionEnd() {
        return regionEnd;
    }

    /** The current region is one line that was longer than the limit and was skipped; it has no bytes. */
    public boolean tooLong() {
        return regionTooLong;
    }

    /** Bytes read from the stream so far. */
    public long bytesRead() {
        return bytesRead;
    }

    private boolean region(int from, int to, boolean tooLong) {
        regionStart = from;
        regionEnd = to;
        regionTooLong = tooLong;
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

    /** The last {@code \n} in {@code [from, to)}; -1 if there is none. Lines are short: a backward byte loop. */
    static int lastIndexOfNewline(byte[] bytes, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
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
}
