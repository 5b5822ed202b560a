package dev.mlops.functions.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compact map from inference id to label, the one structure of the function that grows with its input.
 *
 * <p>A {@code HashMap<String, Double>} costs about 140 bytes per UUID-keyed label (entry node, String,
 * its byte array, a boxed Double, table slot). Here ids are stored once as UTF-8 in 1 MiB pages; an entry is
 * the id's packed page/offset/length beside the value's bits, and the open-addressing table (at most half
 * full) holds the id's hash beside the entry number, so a lookup touches the table, then one entry, then the
 * id's bytes: 70 to 95 bytes per UUID, depending on where the arrays are in their growth. Lookups of ASCII
 * ids compare the id's characters with the stored bytes directly, so a lookup allocates nothing.
 *
 * <p>Not thread-safe. Ids are at most {@link #MAX_ID_BYTES} bytes of UTF-8 (the parsers reject longer ones;
 * SageMaker's InferenceId is at most 64 characters).
 */
public final class LabelIndex {

    /** Longest id accepted, in UTF-8 bytes. */
    public static final int MAX_ID_BYTES = 4096;

    private static final int PAGE_SIZE = 1 << 20;

    private byte[][] pages = new byte[4][];
    private int pageCount;
    private int pageUsed = PAGE_SIZE; // forces a page on the first put

    private long[] entries = new long[2 * 1024]; // per entry: where its id's bytes are (see pack()), the value's bits
    private int size;

    private long[] slots = new long[2048];       // per slot: hash << 32 | (entry + 1); 0 is empty
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
        long bits = Double.doubleToRawLongBits(value);
        if (slots[slot] != 0) {
            entries[2 * entry(slots[slot]) + 1] = bits;
            return true;
        }
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("id longer than " + MAX_ID_BYTES + " bytes");
        }
        if (2 * size == entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        entries[2 * size] = store(bytes);
        entries[2 * size + 1] = bits;
        slots[slot] = ((long) hash << 32) | (size + 1);
        size++;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return false;
    }

    /** The entry of {@code id}, or -1 when it has no label. */
    public int indexOf(String id) {
        long slot = slots[find(id, spread(id.hashCode()))];
        return slot == 0 ? -1 : entry(slot);
    }

    /** The label of an entry returned by {@link #indexOf}. */
    public double value(int index) {
        return Double.longBitsToDouble(entries[2 * index + 1]);
    }

    /** Approximate bytes held, for logs and the benchmark. */
    public long bytes() {
        return (long) pageCount * PAGE_SIZE + entries.length * 8L + slots.length * 8L;
    }

    /** The slot holding {@code id}, or the empty slot where it would go. */
    private int find(String id, int hash) {
        int slot = hash & mask;
        while (true) {
            long content = slots[slot];
            if (content == 0 || ((int) (content >>> 32) == hash && matches(entries[2 * entry(content)], id))) {
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

    private static int entry(long slotContent) {
        return (int) slotContent - 1;
    }

    private boolean matches(long key, String id) {
        byte[] page = pages[page(key)];
        int offset = offset(key);
        int length = length(key);
        int chars = id.length();
        if (chars == length) {
            // As many chars as bytes: only an ASCII id can be equal, byte for char.
            for (int i = 0; i < chars; i++) {
                if (page[offset + i] != id.charAt(i)) {
                    return false; // also for a char >= 0x80, which no single UTF-8 byte equals
                }
            }
            return true;
        }
        if (chars > length) {
            return false; // UTF-8 never has fewer bytes than chars
        }
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(page, offset, offset + length, bytes, 0, bytes.length);
    }

    private long store(byte[] id) {
        if (pageUsed + id.length > PAGE_SIZE) {
            addPage(new byte[PAGE_SIZE]);
            pageUsed = 0;
        }
        System.arraycopy(id, 0, pages[pageCount - 1], pageUsed, id.length);
        long key = pack(pageCount - 1, pageUsed, id.length);
        pageUsed += id.length;
        return key;
    }

    private void addPage(byte[] page) {
        if (pageCount == pages.length) {
            pages = Arrays.copyOf(pages, pageCount * 2);
        }
        pages[pageCount++] = page;
    }

    // key = page (bits 63..42) | offset (bits 41..21) | length (bits 20..0); offsets and lengths are below 2^20.
    private static long pack(int page, int offset, int length) {
        return ((long) page << 42) | ((long) offset << 21) | length;
    }

    private static int page(long key) {
        return (int) (key >>> 42);
    }

    private static int offset(long key) {
        return (int) ((key >>> 21) & 0x1FFFFF);
    }

    private static int length(long key) {
        return (int) (key & 0x1FFFFF);
    }

    /** Mixes the high bits of String's hash into the low ones the table uses. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
