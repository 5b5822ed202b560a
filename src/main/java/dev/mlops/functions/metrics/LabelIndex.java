package dev.mlops.functions.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compact map from inference id to label, the one structure of the function that grows with its input.
 *
 * <p>A {@code HashMap<String, Double>} costs about 140 bytes per UUID-keyed label (entry node, String,
 * its byte array, a boxed Double, table slot). Here each label is one record in 1 MiB pages — the id's
 * length, its UTF-8 bytes, the value — and an open-addressing table (at most half full) holds each id's
 * hash beside its record's location. A lookup touches the table, then the record: two places in memory.
 * About 60 to 80 bytes per UUID-keyed label, depending on where the table is in its growth. Lookups of
 * ASCII ids compare the id's characters with the stored bytes directly, so a lookup allocates nothing.
 *
 * <p>Not thread-safe. Ids are at most {@link #MAX_ID_BYTES} bytes of UTF-8 (the parsers reject longer
 * ones; SageMaker's InferenceId is at most 64 characters); the pages hold at most 2 GiB, some 40 million
 * UUID-keyed labels.
 */
public final class LabelIndex {

    /** Longest id accepted, in UTF-8 bytes. */
    public static final int MAX_ID_BYTES = 4096;

    private static final int PAGE_BITS = 20;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int MAX_PAGES = 1 << (31 - PAGE_BITS); // a location fits in an int
    private static final int LENGTH_BYTES = 2;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[][] pages = new byte[4][];
    private int pageCount;
    private int pageUsed = PAGE_SIZE; // forces a page on the first put
    private int size;

    private long[] slots = new long[2048]; // per slot: hash << 32 | (location + 1); 0 is empty
    private int mask = slots.length - 1;

    /** Number of ids held. */
    public int size() {
        return size;
    }

    /**
     * Sets the label of {@code id}.
     *
     * @return {@code true} when the id already had a label (it is replaced)
     */
    public boolean put(String id, double value) {
        int hash = spread(id.hashCode());
        int slot = find(id, hash);
        if (slots[slot] != 0) {
            setValue(location(slots[slot]), value);
            return true;
        }
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("id longer than " + MAX_ID_BYTES + " bytes");
        }
        int location = store(bytes);
        setValue(location, value);
        slots[slot] = ((long) hash << 32) | (location + 1L);
        size++;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return false;
    }

    /** Where the label of {@code id} is, or -1 when it has none. */
    public int indexOf(String id) {
        long slot = slots[find(id, spread(id.hashCode()))];
        return slot == 0 ? -1 : location(slot);
    }

    /** The label at a location returned by {@link #indexOf}. */
    public double value(int location) {
        byte[] page = pages[location >>> PAGE_BITS];
        int offset = location & (PAGE_SIZE - 1);
        return Double.longBitsToDouble((long) LONGS.get(page, offset + LENGTH_BYTES + length(page, offset)));
    }

    /** Approximate bytes held, for logs and the benchmark. */
    public long bytes() {
        return (long) pageCount * PAGE_SIZE + slots.length * 8L;
    }

    /** The slot holding {@code id}, or the empty slot where it would go. */
    private int find(String id, int hash) {
        int slot = hash & mask;
        while (true) {
            long content = slots[slot];
            if (content == 0 || ((int) (content >>> 32) == hash && matches(location(content), id))) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void rehash(int capacity) {
        long[] old = slots;
        slots = new long[capacity];
        mask = capacity - 1;
        for (long content : old) {
            if (content != 0) {
                int slot = (int) (content >>> 32) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = content;
            }
        }
    }

    private boolean matches(int location, String id) {
        byte[] page = pages[location >>> PAGE_BITS];
        int offset = location & (PAGE_SIZE - 1);
        int length = length(page, offset);
        int start = offset + LENGTH_BYTES;
        int chars = id.length();
        if (chars == length) {
            // As many chars as bytes: only an ASCII id can be equal, byte for char.
            for (int i = 0; i < chars; i++) {
                if (page[start + i] != id.charAt(i)) {
                    return false; // also for a char >= 0x80, which no single UTF-8 byte equals
                }
            }
            return true;
        }
        if (chars > length) {
            return false; // UTF-8 never has fewer bytes than chars
        }
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(page, start, start + length, bytes, 0, bytes.length);
    }

    /** Appends a record for the id (its value is set by the caller); returns its location. */
    private int store(byte[] id) {
        int recordBytes = LENGTH_BYTES + id.length + Long.BYTES;
        if (pageUsed + recordBytes > PAGE_SIZE) {
            if (pageCount == MAX_PAGES) {
                throw new IllegalStateException("more labels than the index holds (" + size + ")");
            }
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, pageCount * 2);
            }
            pages[pageCount++] = new byte[PAGE_SIZE];
            pageUsed = 0;
        }
        byte[] page = pages[pageCount - 1];
        int offset = pageUsed;
        page[offset] = (byte) id.length;
        page[offset + 1] = (byte) (id.length >>> 8);
        System.arraycopy(id, 0, page, offset + LENGTH_BYTES, id.length);
        pageUsed += recordBytes;
        return ((pageCount - 1) << PAGE_BITS) | offset;
    }

    private void setValue(int location, double value) {
        byte[] page = pages[location >>> PAGE_BITS];
        int offset = location & (PAGE_SIZE - 1);
        LONGS.set(page, offset + LENGTH_BYTES + length(page, offset), Double.doubleToRawLongBits(value));
    }

    private static int length(byte[] page, int offset) {
        return (page[offset] & 0xFF) | (page[offset + 1] & 0xFF) << 8;
    }

    private static int location(long slotContent) {
        return (int) slotContent - 1;
    }

    /** Mixes the high bits of String's hash into the low ones the table uses. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
