package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** Returns at most {@code maxChunk} bytes per read, as a network stream may. */
    static InputStream trickling(byte[] bytes, Random random, int maxChunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(maxChunk)));
            }
        };
    }

    /** Every non-blank line of every region, trimmed; "<too long>" for a skipped one. */
    private static List<String> lines(InputStream in, int maxLineBytes) throws IOException {
        LineReader reader = new LineReader(in, maxLineBytes);
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            if (reader.tooLong()) {
                lines.add("<too long>");
                continue;
            }
            String region = new String(reader.buffer(), reader.regionStart(), reader.regionEnd() - reader.regionStart(),
                    StandardCharsets.UTF_8);
            assertThat(region.endsWith("\n") || reader.regionEnd() == reader.regionStart() + region.length())
                    .as("a region ends with a newline or at the end of the stream").isTrue();
            for (String line : region.split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }

    private static List<String> lines(String text, int maxLineBytes) throws IOException {
        return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLineBytes);
    }

    @Test
    void splitsLinesTrimsThemAndSkipsBlankOnes() throws IOException {
        assertThat(lines("{\"a\":1}\n\n{\"b\":2}\r\n  \n\t{\"c\":3} \n{\"d\":4}", 100))
                .containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}", "{\"d\":4}");
        assertThat(lines("", 100)).isEmpty();
        assertThat(lines("\n\n", 100)).isEmpty();
    }

    @Test
    void countsTheBytesRead() throws IOException {
        byte[] bytes = "{}\n{}\n".getBytes(StandardCharsets.UTF_8);
        LineReader reader = new LineReader(new ByteArrayInputStream(bytes), 100);
        while (reader.next()) {
            // read them all
        }
        assertThat(reader.bytesRead()).isEqualTo(bytes.length);
    }

    @Test
    void handsOutWholeLinesOnly() throws IOException {
        // 100 lines of 50 bytes through 7-byte reads: every region is whole lines.
        Random random = new Random(3);
        String text = ("x".repeat(49) + "\n").repeat(100);
        LineReader reader = new LineReader(trickling(text.getBytes(StandardCharsets.UTF_8), random, 7), 1000);
        int lines = 0;
        while (reader.next()) {
            int length = reader.regionEnd() - reader.regionStart();
            assertThat(length % 50).isZero();
            lines += length / 50;
        }
        assertThat(lines).isEqualTo(100);
    }

    @Test
    void skipsALineLongerThanTheLimitAndGoesOn() throws IOException {
        String tooLong = "x".repeat(11);
        assertThat(lines("{}\n" + tooLong + "\n{\"ok\":1}\n", 10)).containsExactly("{}", "<too long>", "{\"ok\":1}");
        assertThat(lines("{}\n" + tooLong, 10)).as("at the end of the stream").containsExactly("{}", "<too long>");
        assertThat(lines("x".repeat(10) + "\n", 10)).as("exactly the limit").containsExactly("x".repeat(10));
    }

    @Test
    void skipsALongLineWithoutBufferingIt() throws IOException {
        // 5 MB of one line against a 1 KB limit: the buffer never grows past the limit.
        assertThat(lines("{}\n" + "y".repeat(5_000_000) + "\n{\"after\":true}\n", 1024))
                .containsExactly("{}", "<too long>", "{\"after\":true}");
    }

    @Test
    void growsTheBufferForLinesLongerThanItsInitialSize() throws IOException {
        String big = "{\"data\":\"" + "z".repeat(300_000) + "\"}";
        assertThat(lines("{}\n" + big + "\n{}\n", JsonLines.DEFAULT_MAX_LINE_BYTES)).containsExactly("{}", big, "{}");
    }

    @Test
    void findsANewlineAtEveryPositionOfAWord() {
        for (int length = 0; length < 40; length++) {
            for (int at = 0; at < length; at++) {
                byte[] bytes = "a".repeat(length).getBytes(StandardCharsets.US_ASCII);
                bytes[at] = '\n';
                for (int from = 0; from <= at; from++) {
                    assertThat(LineReader.indexOfNewline(bytes, from, length)).isEqualTo(at);
                }
                assertThat(LineReader.indexOfNewline(bytes, at + 1, length)).isEqualTo(-1);
                assertThat(LineReader.lastIndexOfNewline(bytes, 0, length)).isEqualTo(at);
                assertThat(LineReader.lastIndexOfNewline(bytes, at + 1, length)).isEqualTo(-1);
            }
        }
        byte[] high = {(byte) 0x8A, (byte) 0xFF, 0x0B, 0x09, (byte) 0x8A, 0x00, 0x01, 0x7F, 0x0A};
        assertThat(LineReader.indexOfNewline(high, 0, high.length)).isEqualTo(8);
    }

    @Test
    void givesTheSameLinesWhateverTheStreamsReadSizes() throws IOException {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int length = random.nextInt(10) == 0 ? 70_000 + random.nextInt(80_000) : random.nextInt(300);
            String line = "{\"i\":" + i + ",\"p\":\"" + "q".repeat(length) + "\"}";
            expected.add(line.length() > 100_000 ? "<too long>" : line);
            text.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(lines(trickling(bytes, random, 9_000), 100_000)).isEqualTo(expected);
    }
}
