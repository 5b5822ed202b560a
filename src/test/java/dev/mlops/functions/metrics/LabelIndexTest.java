package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LabelIndexTest {

    @Test
    void storesReplacesAndFindsLabels() {
        LabelIndex index = new LabelIndex();

        assertThat(index.put("order-1", 3.5)).isFalse();
        assertThat(index.put("order-2", Double.NaN)).isFalse();
        assertThat(index.put("order-1", 4.5)).as("a later label replaces the earlier").isTrue();

        assertThat(index.size()).isEqualTo(2);
        assertThat(index.value(index.indexOf("order-1"))).isEqualTo(4.5);
        assertThat(index.value(index.indexOf("order-2"))).isNaN();
        assertThat(index.indexOf("order-3")).isEqualTo(-1);
        assertThat(index.indexOf("order-")).isEqualTo(-1);
        assertThat(index.indexOf("order-10")).isEqualTo(-1);
    }

    @Test
    void tellsApartIdsWithEqualHashesAndNonAsciiIds() {
        LabelIndex index = new LabelIndex();
        // "Aa" and "BB" have the same String.hashCode; "é" is one char but two UTF-8 bytes.
        index.put("Aa", 1);
        index.put("BB", 2);
        index.put("caf\u00e9", 3);
        index.put("cafe", 4);
        index.put("caf\u00e9s", 5);

        assertThat(index.value(index.indexOf("Aa"))).isEqualTo(1);
        assertThat(index.value(index.indexOf("BB"))).isEqualTo(2);
        assertThat(index.value(index.indexOf("caf\u00e9"))).isEqualTo(3);
        assertThat(index.value(index.indexOf("cafe"))).isEqualTo(4);
        assertThat(index.value(index.indexOf("caf\u00e9s"))).isEqualTo(5);
        assertThat(index.indexOf("caf\u00e8")).isEqualTo(-1);
        assertThat(index.indexOf("cafes")).isEqualTo(-1);
    }

    @Test
    void agreesWithAHashMapOverManyIdsAcrossPages() {
        Random random = new Random(7);
        LabelIndex index = new LabelIndex();
        Map<String, Double> expected = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            String id = switch (i % 4) {
                case 0 -> new UUID(random.nextLong(), random.nextLong()).toString();
                case 1 -> "order-" + random.nextInt(10_000);                // repeats: replacements
                case 2 -> "\u00fcber-" + random.nextInt(1_000_000);         // non-ASCII
                default -> "x".repeat(1 + random.nextInt(300)) + i;        // long ids, crossing page ends
            };
            double value = random.nextGaussian();
            assertThat(index.put(id, value)).isEqualTo(expected.put(id, value) != null);
        }

        assertThat(index.size()).isEqualTo(expected.size());
        expected.forEach((id, value) -> assertThat(index.value(index.indexOf(id))).isEqualTo(value));
        for (int i = 0; i < 5_000; i++) {
            assertThat(index.indexOf("absent-" + i)).isEqualTo(-1);
        }
    }

    @Test
    void holdsAUuidLabelInUnderEightyFiveBytes() {
        Random random = new Random(11);
        LabelIndex index = new LabelIndex();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            index.put(new UUID(random.nextLong(), random.nextLong()).toString(), i);
        }

        // HashMap<String, Double>: about 140 bytes. Here 60 to 80, depending on where the table is in its growth.
        assertThat(index.bytes() / (double) n).isBetween(50.0, 85.0);
    }

    @Test
    void rejectsAbsurdlyLongIds() {
        assertThatThrownBy(() -> new LabelIndex().put("y".repeat(LabelIndex.MAX_ID_BYTES + 1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
