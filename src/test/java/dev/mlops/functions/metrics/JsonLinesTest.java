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

class JsonLinesTest {

    /** Records every call; "<too long>" for a skipped line. */
    private static final class Recorder implements JsonLines.LineHandler {
        final List<String> lines = new ArrayList<>();

        @Override
        public void line(byte[] buffer, int offset, int length) {
            lines.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void lineTooLong() {
            lines.add("<too long>");
        }
    }

    /** Returns at most {@code chunk} bytes per read, as a network stream may. */
    private static InputStream trickling(byte[] bytes, Random random, int maxChunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(maxChunk)));
            }
        };
    }

    private static List<String> read(String text, int maxLineBytes) throws IOException {
        Recorder recorder = new Recorder();
        JsonLines.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLineBytes, recorder);
        return recorder.lines;
    }

    @Test
    void splitsLinesAndSkipsBlankOnes() throws IOException {
        assertThat(read("{\"a\":1}\n\n{\"b\":2}\r\n  \n{\"c\":3}", 100)).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    }

    @Test
    void returnsTheNumberOfBytesRead() throws IOException {
        byte[] bytes = "{}\n{}\n".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonLines.read(new ByteArrayInputStream(bytes), 100, new Recorder())).isEqualTo(bytes.length);
    }

    @Test
    void skipsALineLongerThanTheLimitAndGoesOn() throws IOException {
        String tooLong = "x".repeat(11);
        assertThat(read("{}\n" + tooLong + "\n{\"ok\":1}\n", 10)).containsExactly("{}", "<too long>", "{\"ok\":1}");
        assertThat(read("{}\n" + tooLong, 10)).as("at the end of the stream").containsExactly("{}", "<too long>");
        assertThat(read("x".repeat(10) + "\n", 10)).as("exactly the limit").containsExactly("x".repeat(10));
    }

    @Test
    void skipsALongLineWithoutBufferingIt() throws IOException {
        // 5 MB of one line against a 1 KB limit: the buffer never grows past the limit.
        String text = "{}\n" + "y".repeat(5_000_000) + "\n{\"after\":true}\n";
        assertThat(read(text, 1024)).containsExactly("{}", "<too long>", "{\"after\":true}");
    }

    @Test
    void growsTheBufferForLinesLongerThanItsInitialSize() throws IOException {
        String big = "{\"data\":\"" + "z".repeat(300_000) + "\"}";
        assertThat(read("{}\n" + big + "\n{}\n", JsonLines.DEFAULT_MAX_LINE_BYTES)).containsExactly("{}", big, "{}");
    }

    @Test
    void givesTheSameLinesWhateverTheStreamsReadSizes() throws IOException {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int length = random.nextInt(10) == 0 ? 70_000 + random.nextInt(80_000) : random.nextInt(300);
            String line = "{\"i\":" + i + ",\"p\":\"" + "q".repeat(length) + "\"}";
            boolean tooLong = line.length() > 100_000;
            expected.add(tooLong ? "<too long>" : line);
            text.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        Recorder recorder = new Recorder();
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

        long read = JsonLines.read(trickling(bytes, random, 9_000), 100_000, recorder);

        assertThat(read).isEqualTo(bytes.length);
        assertThat(recorder.lines).isEqualTo(expected);
    }
}
